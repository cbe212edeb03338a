import Foundation

/// The process's resident memory, for `CONCORD_TIMINGS` (Linux's `/proc/self/statm`; `nil` elsewhere).
enum ResidentMemory {
    /// Resident megabytes now.
    static var megabytes: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// `" (123 MB resident)"`, or nothing where the figure is not available.
    static var note: String {
        megabytes.map { " (\($0) MB resident)" } ?? ""
    }
}
