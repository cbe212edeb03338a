import ConcordModel
import Testing
@testable import ConcordRender

/// The model resolves includes and nested tables of contents with `ReferencePath`, the plain
/// definitions; the pages' links use `URLPolicy` and `RelativePath`, on bytes. They must agree,
/// or an include would be found where its link is not (or the other way round).
@Suite("Includes and tables of contents lead where links lead")
struct ReferencePathParityTests {
    @Test("Relative paths, suffixes, resolution and folders agree on random references")
    func randomReferences() {
        var seed: UInt64 = 31
        for _ in 0..<20000 {
            let reference = URLPolicyParityTests.sample(&seed, count: Int(seed % 8))
            let directory = URLPolicyParityTests.sample(&seed, count: Int(seed % 5))
            #expect(ReferencePath.isRelativePath(reference) == URLPolicy.isRelativePath(reference), "\(reference.debugDescription)")
            let (path, suffix) = ReferencePath.splitSuffix(reference)
            let expected = URLPolicy.splitSuffix(reference)
            #expect(Array(path.utf8) == Array(expected.path.utf8) && Array(suffix.utf8) == Array(expected.suffix.utf8), "\(reference.debugDescription)")
            #expect(ReferencePath.resolve(reference, from: directory) == RelativePath.resolve(reference, from: directory),
                    "\(reference.debugDescription) from \(directory.debugDescription)")
            #expect(ReferencePath.directory(of: reference) == RelativePath.directory(of: reference), "\(reference.debugDescription)")
        }
    }

    @Test("Schemes as browsers read them", arguments: [
        "http://x", "HTTPS:y", " javascript:x", "java\tscript:x", "a b:c", "1a:b", ":x", "a+b.c-d:e", "a/b:c", "a?b:c", "\u{1}mailto:x",
        "é:x", "includes/x.md", "../x.md", "#top", "/root.md", "?q", "", "tel:1",
    ])
    func schemes(_ reference: String) {
        #expect(ReferencePath.isRelativePath(reference) == URLPolicy.isRelativePath(reference), "\(reference.debugDescription)")
    }
}
