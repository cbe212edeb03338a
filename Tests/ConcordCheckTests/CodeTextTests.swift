@testable import ConcordCheck
import Testing

/// How code is compared: comments and white space are not code.
@Suite struct CodeTextTests {
    func code(_ text: String, _ language: String? = nil) -> [String] { CodeText(text, language: language).lines.map(\.text) }

    @Test func lineAndTrailingCommentsAreRemoved() {
        #expect(code("# a comment\nGet-Item  x   # trailing\n\n  // c-style\nint a = 1; // trailing") == ["Get-Item x", "int a = 1;"])
    }

    @Test func blockCommentsAreRemovedAcrossLines() {
        #expect(code("<#\n Help text\n#>\nGet-Item\n/* a\n b */ x\n<!-- xml -->y") == ["Get-Item", "x", "y"])
    }

    @Test func commentMarksInsideStringsAndWordsStay() {
        #expect(code("Write-Host \"# not\" 'neither // this'\nhttp://example.com/x#y") == ["Write-Host \"# not\" 'neither // this'", "http://example.com/x#y"])
    }

    @Test func visualBasicApostropheComments() {
        #expect(code("' comment\nDim a = 1 ' trailing", "vb") == ["Dim a = 1"])
        #expect(code("echo 'quoted'", "powershell") == ["echo 'quoted'"])
    }

    @Test func unicodeSpacesFoldLikeSpaces() {
        #expect(code("Set-StrictMode\u{A0}-Version\u{3000}Latest\r") == ["Set-StrictMode -Version Latest"])
    }

    @Test func lineIndexesAreKeptForMessages() {
        #expect(CodeText("# c\n\nx\ny", language: nil).lines.map(\.index) == [2, 3])
    }
}
