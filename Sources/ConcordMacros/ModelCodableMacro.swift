import SwiftSyntax
import SwiftSyntaxMacros

/// `@ModelCodable`: writes a struct's `ModelCodable` conformance from its declaration, every
/// stored property in declaration order, for the build cache's copy of the model.
///
/// Unlike `Codable`, it keeps every stored property (the model's fields that are no part of the
/// JSON contract too) and writes no keys: the cache is read only by the Concord that wrote it,
/// so a property added to the struct changes the format with no other edit. A `let` with an
/// initial value is a constant, neither written nor read.
public struct ModelCodableMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            throw MacroExpansionErrorMessage("@ModelCodable applies to a struct; give an enum with String raw values an empty `ModelCodable` conformance")
        }
        let properties = try JSONMember.storedProperties(of: structDecl).filter { !isConstant($0.name, in: structDecl) }
        let writes = properties.map { "writer.write(self.\($0.name))" }
        let reads = properties.map { "self.\($0.name) = try reader.read()" }
        let access = JSONMember.accessPrefix(of: structDecl)
        let conformance = protocols.isEmpty ? "" : ": ModelCodable"
        return [try ExtensionDeclSyntax("""
            extension \(type.trimmed)\(raw: conformance) {
                /// Writes every stored property, in declaration order.
                \(raw: access)func write(to writer: inout ModelWriter) {
                    \(raw: writes.joined(separator: "\n"))
                }

                /// Reads what ``write(to:)`` wrote.
                \(raw: access)init(from reader: inout ModelReader) throws {
                    \(raw: reads.joined(separator: "\n"))
                }
            }
            """)]
    }

    /// Whether `name` is a `let` with an initial value: a constant of every instance.
    private static func isConstant(_ name: String, in structDecl: StructDeclSyntax) -> Bool {
        for member in structDecl.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self), variable.bindingSpecifier.text == "let" else { continue }
            for binding in variable.bindings where binding.initializer != nil {
                if binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text == name { return true }
            }
        }
        return false
    }
}
