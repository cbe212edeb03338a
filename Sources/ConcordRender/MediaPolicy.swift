import ConcordModel

/// Which files referenced as images may be copied into the site, and the checks their bytes pass.
///
/// Content is untrusted and a site's files are served from the site's origin: a file copied
/// because an article shows it as an image could be an HTML page, a script, a file taking the
/// name of a generated page, or an SVG that runs script when opened. So only image formats on an
/// allow-list are published, a file's first bytes must be its format's signature (browsers sniff
/// content, and a `.png` holding HTML must not reach them), and an SVG must be plain drawing
/// (``svgProblem(_:)``). Anything else is an `unsafe-media` finding at the image reference.
public enum MediaPolicy {
    /// An image format the site may publish.
    public enum Kind: String, Sendable, CaseIterable {
        case png, jpeg, gif, webp, avif, ico, svg
    }

    /// The rule id of every finding about media.
    public static let rule = "unsafe-media"

    /// The allowed extensions (lower-cased) and their formats. None is a type the site writes
    /// itself (`html`, `json`, `xml`, `txt`, `css`, `js`), so a copy never takes a generated file's name.
    static let extensions: [String: Kind] = [
        "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "gif": .gif, "webp": .webp, "avif": .avif, "ico": .ico, "svg": .svg,
    ]

    /// The allowed extensions, for messages.
    public static let allowedExtensionsText = "png, jpg, jpeg, gif, webp, avif, ico, svg"

    /// The format a path's extension names, when it is on the allow-list.
    public static func kind(ofPath path: String) -> Kind? {
        // Characters: a mark joined to the dot or the extension makes it no extension of the list.
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return extensions[name[name.index(after: dot)...].lowercased()]
    }

    /// Why `bytes` may not be published as a file of `kind`; `nil` when they may.
    public static func problem(_ bytes: [UInt8], kind: Kind) -> String? {
        if kind == .svg { return svgProblem(bytes) }
        return hasSignature(bytes, of: kind) ? nil : "its bytes are not a \(kind.rawValue.uppercased()) image (the file does not start with the format's signature)"
    }

    /// Whether `bytes` start as a file of `kind` starts.
    static func hasSignature(_ bytes: [UInt8], of kind: Kind) -> Bool {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        switch kind {
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .gif: return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
        case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case .ico: return starts([0, 0, 1, 0]) && bytes.count >= 6 && (bytes[4] != 0 || bytes[5] != 0)
        case .avif: return isAVIF(bytes)
        case .svg: return svgProblem(bytes) == nil
        }
    }

    /// Whether `bytes` start with an ISO-BMFF `ftyp` box naming `avif` or `avis` among its brands.
    private static func isAVIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16, Array(bytes[4..<8]) == Array("ftyp".utf8) else { return false }
        let size = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let end = min(size, bytes.count)
        // The major brand, then (after the minor version) the compatible brands.
        let brands = [8] + Array(stride(from: 16, to: end - 3, by: 4))
        return brands.contains { offset in
            let brand = Array(bytes[offset..<offset + 4])
            return brand == Array("avif".utf8) || brand == Array("avis".utf8)
        }
    }

    /// An `unsafe-media` finding.
    public static func finding(locale: String?, location: FileLocation, message: String) -> Diagnostic {
        Diagnostic(rule: rule, severity: .error, locale: locale, location: location, message: message)
    }
}
