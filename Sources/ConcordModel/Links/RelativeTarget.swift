/// Where a relative link leads, once `.` and `..` are applied to the article's folder.
public enum RelativeTarget: Sendable, Hashable {
    /// A path inside the locale root, with `/` separators and no `.` or `..` (empty: the root itself).
    case inside(String)
    /// A path that climbs `levels` folders above the locale root, then descends into `rest`.
    case outside(levels: Int, rest: String)

    /// Applies a relative `path` to the folder of `articlePath` (both relative to the locale root).
    ///
    /// Works on the UTF-8 bytes into one buffer: every link of every article comes through here,
    /// and splitting into substrings and joining them again dominated `broken-link`.
    public init(path: String, from articlePath: String) {
        self.init(path: path, base: articlePath, isFolder: false)
    }

    /// Applies a relative `path` to `folder` (both relative to the locale root): for content shown
    /// from another folder than its article's, as an include is.
    public init(path: String, inFolder folder: String) {
        self.init(path: path, base: folder, isFolder: true)
    }

    private init(path: String, base: String, isFolder: Bool) {
        var joined: [UInt8] = []
        joined.reserveCapacity(base.utf8.count + path.utf8.count)
        var above = 0
        // The folder: its components (an article's without the file name), empty components dropped.
        RelativeTarget.forEachComponent(of: base) { component, isLast in
            if isFolder || !isLast { RelativeTarget.append(component, to: &joined) }
        }
        RelativeTarget.forEachComponent(of: path) { component, _ in
            if component.count == 1, component[component.startIndex] == UInt8(ascii: ".") { return }
            if component.count == 2, component[component.startIndex] == UInt8(ascii: "."),
               component[component.startIndex + 1] == UInt8(ascii: ".") {
                if joined.isEmpty {
                    above += 1
                } else {
                    // Drop the last component and the slash before it.
                    let slash = joined.lastIndex(of: UInt8(ascii: "/")) ?? 0
                    joined.removeSubrange(slash...)
                }
                return
            }
            // Once above the root, `..` and names pair up against the climbed folders.
            RelativeTarget.append(component, to: &joined)
        }
        let result = String(decoding: joined, as: UTF8.self)
        self = above == 0 ? .inside(result) : .outside(levels: above, rest: result)
    }

    private static func append(_ component: UnsafeBufferPointer<UInt8>.SubSequence, to joined: inout [UInt8]) {
        if !joined.isEmpty { joined.append(UInt8(ascii: "/")) }
        joined.append(contentsOf: component)
    }

    /// Calls `body` with each non-empty `/`-separated component of `string`, and whether it is the last one.
    private static func forEachComponent(
        of string: String, _ body: (UnsafeBufferPointer<UInt8>.SubSequence, _ isLast: Bool) -> Void
    ) {
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            var pending: Range<Int>?
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start {
                    if let previous = pending { body(bytes[previous], false) }
                    pending = start..<index
                }
                start = index + 1
            }
            if let last = pending { body(bytes[last], true) }
        }
    }
}
