import Foundation
import Testing

/// Validates JSON files against the published schemas with Python's `jsonschema` (Draft 2020-12).
///
/// A maintained, complete validator beats a home-made one for a contract test; CI installs the
/// package with pip. Where python3 or the package is missing the tests that need it are skipped
/// with a message, never passed silently.
public enum SchemaValidator {
    /// One file (or one NDJSON line) that failed, with the validator's messages.
    public struct Failure: CustomStringConvertible, Sendable {
        public var file: String
        public var messages: [String]
        public var description: String { "\(file): \(messages.joined(separator: "; "))" }
    }

    /// Whether `python3` with `jsonschema` 4 or later (the first with Draft 2020-12) can run here.
    public static let isAvailable: Bool = {
        guard let result = try? python(["-c", "import jsonschema, sys; sys.exit(0 if hasattr(jsonschema, 'Draft202012Validator') else 1)"]) else { return false }
        return result.status == 0
    }()

    /// Why validation tests are skipped when they are.
    public static let unavailableMessage: Comment = "python3 with the jsonschema package (4.0 or later) is not installed: pip install jsonschema"

    /// Checks the schema itself against the 2020-12 meta-schema, then every file against it.
    ///
    /// - Parameter definition: validate against `#/$defs/<definition>` instead of the whole schema.
    /// - Parameter lines: treat each file as NDJSON, validating every non-empty line.
    /// - Parameter asPublished: validate against the schema as published (open to unknown
    ///   fields), not closed as the writer's own tests hold it.
    public static func validate(_ files: [String], against schema: String, definition: String? = nil, lines: Bool = false, asPublished: Bool = false) throws -> [Failure] {
        var arguments = ["-c", script, schema, definition ?? "", asPublished ? "open" : lines ? "lines" : "document"]
        arguments += files
        let result = try python(arguments)
        guard result.status == 0 else {
            throw ValidatorError(message: "validator exited with \(result.status): \(result.output)")
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String]] ?? [:]
        return decoded.keys.sorted().map { Failure(file: $0, messages: decoded[$0]!) }
    }

    struct ValidatorError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Prints `{"file": ["message", …]}` for every failing file; exits non-zero only when it cannot run.
    private static let script = #"""
    import json, sys
    from jsonschema import Draft202012Validator
    schema_path, definition, mode, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    # The published schemas are open (readers ignore fields a later minor version adds); the
    # tests close every object that lists its properties, so a field the writer adds without
    # documenting it still fails here.
    def close(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)
    if mode != "open":
        close(schema)
    if definition:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + definition}
    validator = Draft202012Validator(schema)
    failures = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if mode == "lines":
            documents = [(f"{path}:{n}", json.loads(line)) for n, line in enumerate(text.split("\n"), 1) if line]
        else:
            documents = [(path, json.loads(text))]
        for name, document in documents:
            errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
            if errors:
                failures[name] = ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors[:5]]
    print(json.dumps(failures))
    """#

    private static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting: a full pipe would otherwise block the child forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
