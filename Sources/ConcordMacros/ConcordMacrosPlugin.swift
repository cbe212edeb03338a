import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that provides Concord's macros.
@main
struct ConcordMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [JSONWritableMacro.self, ModelCodableMacro.self]
}
