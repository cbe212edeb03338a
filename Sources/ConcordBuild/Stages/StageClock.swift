import ConcordRender
import Foundation

/// The timing of a build's stages: with `CONCORD_TIMINGS` set, each stage's start is printed to
/// standard error with the time since the build started, the CPU time used and resident memory.
/// One clock is shared by every stage of a build, so the figures line up.
public struct StageClock: Sendable {
    private let started: DispatchTime
    private let enabled: Bool
    private let indent: String

    /// A clock started now; `enabled` defaults to whether `CONCORD_TIMINGS` is set.
    public init(enabled: Bool = ProcessInfo.processInfo.environment["CONCORD_TIMINGS"] != nil) {
        self.init(started: .now(), enabled: enabled, indent: "")
    }

    private init(started: DispatchTime, enabled: Bool, indent: String) {
        self.started = started
        self.enabled = enabled
        self.indent = indent
    }

    /// Seconds since the build started.
    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// The same clock, for the steps within a stage (printed indented).
    public var inner: StageClock { StageClock(started: started, enabled: enabled, indent: indent + "  ") }

    /// Notes that the stage `name` starts.
    public func mark(_ name: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "%@[%.3f s] %@%@\n", indent, elapsed, name, ResidentMemory.note).utf8))
    }
}
