// libyaml, which Yams is built on. Its event stream shows an alias before anything is built
// from it; Yams' own API only hands out the composed tree.
import ConcordMarkdown
import CYaml
import Yams

/// YAML from content (front matter, `toc.yml`) and configuration, composed with Yams once it is
/// known to hold no alias.
///
/// An alias (`*name`) repeats the node its anchor (`&name`) marks. Yams shares the node, but
/// everything that walks the tree — converting values, hashing keys to find repeated ones —
/// visits it once per path: nine lines of nested aliases stand for a billion nodes. Docs
/// content has no use for aliases, so they are refused, naming the line of the first one.
public enum YAMLText {
    /// The first alias of `yaml` (1-based line and column, the column in Unicode scalars as
    /// libyaml counts it), or `nil` when there is none or the text is not YAML up to one (Yams
    /// then reports what is wrong).
    public static func firstAlias(in yaml: String) -> (name: String, line: Int, column: Int)? {
        // No `*`, no alias: most texts are answered without running the parser.
        guard yaml.containsUTF8(UInt8(ascii: "*")) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (name: String, line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    return (name, Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    continue
                }
            }
            return nil
        }
    }

    /// The problem of an alias in `yaml`, whose first line is line `firstLine` of its file.
    public static func aliasProblem(in yaml: String, firstLine: Int = 1) -> YAMLProblem? {
        guard let alias = firstAlias(in: yaml) else { return nil }
        return YAMLProblem(
            message: "YAML aliases are not allowed here ('*\(alias.name)' repeats the value marked '&\(alias.name)'); write the value out",
            line: alias.line + firstLine - 1, column: YAMLProblem.byteColumn(line: alias.line, column: alias.column, in: yaml))
    }

    /// The node of `yaml` (`nil` for an empty text), with `resolver`'s tags, whose first line
    /// is line `firstLine` of its file. Throws for text that is not YAML and for an alias.
    public static func compose(_ yaml: String, firstLine: Int = 1, resolver: Resolver = .default) throws(YAMLProblem) -> Node? {
        if let problem = aliasProblem(in: yaml, firstLine: firstLine) { throw problem }
        do {
            return try Yams.compose(yaml: yaml, resolver)
        } catch {
            throw YAMLProblem(error, in: yaml, firstLine: firstLine)
        }
    }
}
