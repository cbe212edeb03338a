import Foundation

/// The process's resident memory and CPU time so far, for `CONCORD_TIMINGS`.
///
/// CPU time beside the wall clock shows how well a stage uses the cores: a stage that took 0.1 s
/// of wall time and 0.2 s of CPU time on two cores kept both busy.
public enum ResidentMemory {
    /// Resident megabytes now (Linux's `/proc/self/statm`; `nil` elsewhere).
    public static var megabytes: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Seconds of CPU time the process has used on all its threads, user and system.
    public static var cpuSeconds: Double? {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `" (cpu 0.712 s, 123 MB resident)"`, with what is available.
    public static var note: String {
        let parts = [cpuSeconds.map { String(format: "cpu %.3f s", $0) }, megabytes.map { "\($0) MB resident" }].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
