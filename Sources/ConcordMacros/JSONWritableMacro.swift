import SwiftSyntax
import SwiftSyntaxMacros

/// `@JSONWritable`: writes a struct's `JSONWritable` conformance from its declaration, member for
/// member what its synthesized `Encodable` conformance encodes.
///
/// The members are the struct's stored instance properties, or the cases of its `CodingKeys`
/// when it declares them (a case's raw value is its key). They are written in `JSONEncoder`'s
/// `sortedKeys` order, UTF-8 bytes, sorted here once rather than at each write; an optional
/// member (`T?`, `Optional<T>`) is left out when `nil`, as `encodeIfPresent` leaves it out.
/// It reads only the declaration: `CodingKeys` are declared inside the struct, and every member
/// has its type written. Anything it cannot read the way `Codable` would is a compile error.
public struct JSONWritableMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            throw MacroExpansionErrorMessage("@JSONWritable applies to a struct; give an enum with String raw values an empty `JSONWritable` conformance")
        }
        let members = try JSONMember.members(of: structDecl).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let writes = members.map { member in
            "writer.member(\"\(member.key)\", \(member.isOptional ? "ifPresent: " : "")self.\(member.property))"
        }
        let access = JSONMember.accessPrefix(of: structDecl)
        let conformance = protocols.isEmpty ? "" : ": JSONWritable"
        let body = (["writer.beginObject()"] + writes + ["writer.endObject()"]).joined(separator: "\n")
        return [try ExtensionDeclSyntax("""
            extension \(type.trimmed)\(raw: conformance) {
                /// Writes the members the `Codable` conformance encodes, in `JSONEncoder`'s sorted order.
                \(raw: access)func writeJSON(to writer: inout JSONWriter) {
                    \(raw: body)
                }
            }
            """)]
    }
}

/// A member of a struct's JSON object: its key, the property it holds, and whether it may be left out.
struct JSONMember {
    /// The key, as `CodingKeys` names it.
    var key: String
    /// The stored property.
    var property: String
    /// Whether the property is optional, and so left out when `nil`.
    var isOptional: Bool

    /// The access a generated member needs to match its struct's (`public `, `package ` or none).
    static func accessPrefix(of structDecl: StructDeclSyntax) -> String {
        let modifiers = structDecl.modifiers.map(\.name.text)
        return modifiers.contains("public") ? "public " : modifiers.contains("package") ? "package " : ""
    }

    /// The members `Encodable` synthesizes for `structDecl`: its stored properties, or those its `CodingKeys` lists.
    static func members(of structDecl: StructDeclSyntax) throws -> [JSONMember] {
        if structDecl.memberBlock.members.contains(where: { isEncodeMethod($0.decl) }) {
            throw MacroExpansionErrorMessage("@JSONWritable derives from the synthesized `encode(to:)`; a struct with its own writes `writeJSON(to:)` by hand")
        }
        let properties = try storedProperties(of: structDecl)
        let keys = try codingKeys(of: structDecl) ?? properties.map { (name: $0.name, value: $0.name) }
        var seen: Set<String> = []
        return try keys.map { key in
            guard let property = properties.first(where: { $0.name == key.name }) else {
                throw MacroExpansionErrorMessage("`CodingKeys.\(key.name)` names no stored property")
            }
            guard let type = property.type else {
                throw MacroExpansionErrorMessage("write the type of `\(key.name)`: @JSONWritable reads it to tell whether the property is optional")
            }
            guard seen.insert(key.value).inserted else { throw MacroExpansionErrorMessage("the key \"\(key.value)\" is used twice") }
            return try checked(JSONMember(key: key.value, property: key.name, isOptional: isOptional(type)))
        }
    }

    /// `member`, if its key can be written as it is: `JSONWriter.key(_:)` takes keys that need no escape.
    private static func checked(_ member: JSONMember) throws -> JSONMember {
        guard member.key.utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            throw MacroExpansionErrorMessage("@JSONWritable writes keys of printable ASCII without quotes or backslashes; \"\(member.key)\" is not one")
        }
        return member
    }

    private static func isEncodeMethod(_ decl: DeclSyntax) -> Bool {
        guard let function = decl.as(FunctionDeclSyntax.self), function.name.text == "encode" else { return false }
        return function.signature.parameterClause.parameters.first?.firstName.text == "to"
    }

    /// The stored instance properties, in declaration order, with their types where written.
    static func storedProperties(of structDecl: StructDeclSyntax) throws -> [(name: String, type: TypeSyntax?)] {
        var properties: [(name: String, type: TypeSyntax?)] = []
        for member in structDecl.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            let modifiers = variable.modifiers.map(\.name.text)
            if modifiers.contains("static") || modifiers.contains("class") { continue }
            if modifiers.contains("lazy") { throw MacroExpansionErrorMessage("@JSONWritable does not take lazy properties") }
            // In `var a, b: Int` only the last binding has the type; it applies to those before it.
            var laterType: TypeSyntax?
            var bindings: [(name: String, type: TypeSyntax?)] = []
            for binding in variable.bindings.reversed() {
                if let annotation = binding.typeAnnotation { laterType = annotation.type }
                guard isStored(binding) else { continue }
                guard let pattern = binding.pattern.as(IdentifierPatternSyntax.self) else {
                    throw MacroExpansionErrorMessage("@JSONWritable takes properties with plain names, not patterns")
                }
                let name = pattern.identifier.identifier?.name ?? pattern.identifier.text
                bindings.append((name, binding.typeAnnotation?.type ?? (binding.initializer == nil ? laterType : nil)))
            }
            properties += bindings.reversed()
        }
        return properties
    }

    /// Whether a binding has storage: no accessors, or only observers.
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        guard let accessors = binding.accessorBlock?.accessors else { return true }
        guard case .accessors(let list) = accessors else { return false }
        return list.allSatisfy { ["willSet", "didSet"].contains($0.accessorSpecifier.text) }
    }

    /// Whether `type` is written as an optional, which synthesized `Encodable` encodes with `encodeIfPresent`.
    private static func isOptional(_ type: TypeSyntax) -> Bool {
        if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
        if let named = type.as(IdentifierTypeSyntax.self) { return named.name.text == "Optional" }
        if let member = type.as(MemberTypeSyntax.self) { return member.name.text == "Optional" && member.baseType.trimmedDescription == "Swift" }
        return false
    }

    /// The cases of the struct's `CodingKeys` enum, with their keys; `nil` when it declares none.
    private static func codingKeys(of structDecl: StructDeclSyntax) throws -> [(name: String, value: String)]? {
        let enums = structDecl.memberBlock.members.compactMap { $0.decl.as(EnumDeclSyntax.self) }
        guard let codingKeys = enums.first(where: { $0.name.text == "CodingKeys" }) else { return nil }
        var keys: [(name: String, value: String)] = []
        for member in codingKeys.memberBlock.members {
            guard let cases = member.decl.as(EnumCaseDeclSyntax.self) else { continue }
            for element in cases.elements {
                let name = element.name.identifier?.name ?? element.name.text
                guard let rawValue = element.rawValue?.value else {
                    keys.append((name, name))
                    continue
                }
                guard let literal = rawValue.as(StringLiteralExprSyntax.self), literal.segments.count == 1,
                      let segment = literal.segments.first?.as(StringSegmentSyntax.self),
                      !segment.content.text.contains("\\")
                else {
                    throw MacroExpansionErrorMessage("@JSONWritable takes `CodingKeys` raw values written as plain string literals")
                }
                keys.append((name, segment.content.text))
            }
        }
        return keys
    }
}
