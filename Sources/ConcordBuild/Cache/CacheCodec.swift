import ConcordModel
import ConcordRender
import Foundation

/// The cache's files. The state, read by every build, is lines of text split by hand (a build
/// that has nothing to do spends its time here); page records are JSON.
enum CacheCodec {
    static let stateHeader = "concord-cache \(BuildCache.formatVersion)"

    static func encode(_ state: BuildCache.State) -> [UInt8] {
        var text = stateHeader + "\nfingerprint \(state.fingerprint)\n"
        for (path, entry) in state.inputs.sorted(by: { $0.key < $1.key }) {
            text += "i \(entry.digest) \(entry.stamp.size) \(entry.stamp.modified) \(entry.stamp.inode) \(escaped(path))\n"
        }
        for (path, stamp) in state.outputs.sorted(by: { $0.key < $1.key }) {
            text += "o \(stamp.size) \(stamp.modified) \(stamp.inode) \(escaped(path))\n"
        }
        return Array(text.utf8)
    }

    static func decodeState(_ bytes: [UInt8]) -> (fingerprint: Digest, inputs: [String: InputSnapshot.Entry], outputs: [String: FileStamp])? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == stateHeader,
              lines[1].starts(with: "fingerprint ".utf8),
              let fingerprint = Digest(hex: String(decoding: lines[1].dropFirst(12), as: UTF8.self))
        else { return nil }
        var inputs: [String: InputSnapshot.Entry] = [:]
        var outputs: [String: FileStamp] = [:]
        for line in lines.dropFirst(2) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: line.first == UInt8(ascii: "i") ? 5 : 4, omittingEmptySubsequences: false)
            func number(_ index: Int) -> Int? { Int(String(decoding: fields[index], as: UTF8.self)) }
            switch (line.first, fields.count) {
            case (UInt8(ascii: "i"), 6):
                guard let digest = Digest(hex: String(decoding: fields[1], as: UTF8.self)), let size = number(2), let modified = number(3),
                      let inode = UInt64(String(decoding: fields[4], as: UTF8.self)) else { return nil }
                inputs[unescaped(fields[5])] = InputSnapshot.Entry(stamp: FileStamp(size: size, modified: modified, inode: inode), digest: digest)
            case (UInt8(ascii: "o"), 5):
                guard let size = number(1), let modified = number(2), let inode = UInt64(String(decoding: fields[3], as: UTF8.self)) else { return nil }
                outputs[unescaped(fields[4])] = FileStamp(size: size, modified: modified, inode: inode)
            default:
                return nil
            }
        }
        return (fingerprint, inputs, outputs)
    }

    /// A path on one line: `%`, line breaks and tabs percent-encoded.
    static func escaped(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\t", with: "%09")
    }

    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }

    // MARK: - Page records

    private struct StoredPage: Codable {
        var key: String?
        var output: [Int]?
        var assets: [StoredAsset]
        var diagnostics: [Diagnostic]
        var includes: [String]
    }

    private struct StoredAsset: Codable {
        var outputPath: String
        var sourceFile: String
        var reference: FileLocation?
    }

    private struct StoredPages: Codable {
        var format: Int
        var pages: [String: StoredPage]
    }

    static func encode(_ pages: [String: PageRecord]) -> [UInt8] {
        let stored = pages.mapValues { record in
            StoredPage(
                key: record.key?.description,
                output: record.output.map { [$0.size, $0.modified, Int(bitPattern: UInt(truncatingIfNeeded: $0.inode))] },
                assets: record.assets.map { StoredAsset(outputPath: $0.outputPath, sourceFile: $0.sourceFile, reference: $0.reference) },
                diagnostics: record.diagnostics, includes: record.includedFiles)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(StoredPages(format: BuildCache.formatVersion, pages: stored)))) ?? []
    }

    static func decodePages(_ bytes: [UInt8]) -> [String: PageRecord]? {
        guard let stored = try? JSONDecoder().decode(StoredPages.self, from: Data(bytes)), stored.format == BuildCache.formatVersion else { return nil }
        return stored.pages.mapValues { page in
            PageRecord(
                key: page.key.flatMap { Digest(hex: $0) },
                output: page.output.flatMap { $0.count == 3 ? FileStamp(size: $0[0], modified: $0[1], inode: UInt64(UInt(bitPattern: $0[2]))) : nil },
                assets: page.assets.map { AssetCopy(outputPath: $0.outputPath, sourceFile: $0.sourceFile, reference: $0.reference) },
                diagnostics: page.diagnostics, includedFiles: page.includes)
        }
    }
}
