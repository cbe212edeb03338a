import ConcordFuzz
import Foundation

// Built by scripts/fuzz (CONCORD_FUZZ=1: Package.swift adds `-D CONCORD_FUZZ` and
// `-sanitize=fuzzer,address`), this target exports libFuzzer's entry point and libFuzzer's
// driver runs the inputs. Any other build gets a `main` that replays the files (or folders)
// given as arguments: a crash reproducer that needs no sanitizer toolchain.
#if CONCORD_FUZZ

/// libFuzzer's entry point: one input, run through the whole pipeline.
@_cdecl("LLVMFuzzerTestOneInput")
public func concordFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzPipeline.run(bytes)
    return 0
}

/// Hands the process to libFuzzer. SwiftPM links an executable target's `main` to the module's
/// entry point (`--defsym main=concord_fuzz_main`), which takes the place of libFuzzer's own
/// `main`; so the entry point starts libFuzzer's driver, found at run time rather than declared
/// (the normal build has no libFuzzer to link against).
@main
struct ConcordFuzzDriver {
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    typealias RunDriver = @convention(c) (
        UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>, TestOneInput
    ) -> CInt

    static func main() {
        guard let symbol = dlsym(nil, "LLVMFuzzerRunDriver") else {
            FileHandle.standardError.write(Data("concord-fuzz: built without libFuzzer (-sanitize=fuzzer)\n".utf8))
            exit(2)
        }
        let driver = unsafeBitCast(symbol, to: RunDriver.self)
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(driver(&argc, &argv, concordFuzzTestOneInput))
    }
}

#else

/// The replay build: `concord-fuzz FILE|FOLDER…`.
@main
struct ConcordFuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty, !arguments.contains("--help") else {
            FileHandle.standardError.write(Data("usage: concord-fuzz FILE|FOLDER…  (replays fuzz inputs; see scripts/fuzz)\n".utf8))
            exit(arguments.isEmpty ? 2 : 0)
        }
        do {
            for line in try FuzzReplay.replay(arguments) { print(line) }
        } catch {
            FileHandle.standardError.write(Data("concord-fuzz: \(error)\n".utf8))
            exit(2)
        }
    }
}

#endif
