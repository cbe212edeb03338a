#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Shapes of Markdown that the system libcmark parses in quadratic time, found in one linear pass
/// before cmark sees the text.
///
/// Debian's libcmark 0.30.2 predates the fix for CVE-2023-22486 (cmark 0.30.3): each link cmark
/// makes walks back over every bracket still open in its paragraph to deactivate earlier link
/// openers, stepping over image openers (`![`) without stopping. Image openers never closed pile
/// up, so `![[]()` repeated 100,000 times (600 KB) takes about a minute. (CVE-2023-22484, repeated
/// `<!--`, was a regression after 0.30.2, which parses it in linear time.)
///
/// The scan keeps cmark's stack of brackets for each block of lines between blank lines — a
/// paragraph never spans a blank line — and adds up, at every `]`, the image openers still open
/// beneath it: an upper bound of cmark's walk (escaped brackets are not brackets; brackets in
/// code and link destinations are counted as if they were, which can only overestimate). A file
/// whose bound, over all its blocks, passes ``maximumBracketWork`` is reported: nested brackets,
/// closed images and links, however many, add nothing.
public enum PathologicalShapes {
    /// The most steps cmark's bracket walk may take for one file, a millisecond or so: hundreds
    /// of image openers left open before hundreds of links in one paragraph pass it, which no
    /// article does (the reference corpus's files take none).
    public static let maximumBracketWork = 100_000

    /// A block of text cmark would take too long on.
    public struct Finding: Sendable, Hashable {
        /// The 1-based line (of the scanned text) where the block starts.
        public var line: Int
        /// The image openers still open when the bound was passed.
        public var openImages: Int
    }

    /// The block of `bytes` (Markdown, `\n` line ends) where the file's bracket work passes the limit.
    public static func find(in bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
        // The walk adds at most the image openers so far at each `]`, so it can pass the limit
        // only if (`!` bytes) × (`]` bytes) does: nearly every file is cleared by this count,
        // without the stack. Prose has few of either byte: libc's memchr skips to each.
        let bangs = occurrences(of: UInt8(ascii: "!"), in: bytes)
        guard bangs > 0 else { return nil }
        let closers = occurrences(of: UInt8(ascii: "]"), in: bytes)
        let (bound, overflow) = bangs.multipliedReportingOverflow(by: closers)
        guard overflow || bound > maximumBracketWork else { return nil }
        return walk(bytes, limit: maximumBracketWork)
    }

    /// How many times `byte` occurs in `bytes`.
    static func occurrences(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(byte), bytes.count - offset) {
            count += 1
            offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        return count
    }

    /// The walk of cmark's bracket stack itself: the block where its work passes `limit`.
    static func walk(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Finding? {
        var line = 1
        var blockLine = 1
        var inBlock = false
        var atLineStart = true
        // The bracket stack needs only how many image openers it holds, and what each entry is.
        var stack: [Bool] = []
        var images = 0
        var work = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if atLineStart {
                atLineStart = false
                if isBlank(bytes, from: index) {
                    stack.removeAll(keepingCapacity: true)
                    images = 0
                    inBlock = false
                } else if !inBlock {
                    inBlock = true
                    blockLine = line
                }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
            case UInt8(ascii: "\\"):
                // An escaped character is literal text; the escape covers the next byte only.
                if index + 1 < count, bytes[index + 1] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "!") where index + 1 < count && bytes[index + 1] == UInt8(ascii: "["):
                stack.append(true)
                images += 1
                index += 1
            case UInt8(ascii: "["):
                stack.append(false)
            case UInt8(ascii: "]"):
                // `]` always takes the innermost opener, matched or not.
                if let image = stack.popLast(), image { images -= 1 }
                work += images
                if work > limit { return Finding(line: blockLine, openImages: images) }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Whether the line starting at `start` holds only spaces and tabs.
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"): return true
            default: return false
            }
        }
        return true
    }
}
