// swift-tools-version: 6.0
import CompilerPluginSupport
import PackageDescription

let package = Package(
    name: "Concord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "concord", targets: ["concord"]),
        .library(name: "ConcordModel", targets: ["ConcordModel"]),
        .library(name: "ConcordCheck", targets: ["ConcordCheck"]),
        .library(name: "ConcordExport", targets: ["ConcordExport"]),
        .library(name: "ConcordRender", targets: ["ConcordRender"]),
        .library(name: "ConcordBuild", targets: ["ConcordBuild"]),
        .library(name: "ConcordTranslation", targets: ["ConcordTranslation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Exact: front matter and toc.yml parse through Yams, so its version shapes the output.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // For the `@JSONWritable` macro only; nothing of it is linked into `concord`.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // The system libcmark (Debian `libcmark-dev`); no vendored copy.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The system libxml2 (Debian `libxml2-dev`), for its HTML parser: raw HTML blocks are
        // read with a real tokenizer (HTMLBlockReader), never with patterns.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The system OpenSSL's libcrypto (Debian `libssl-dev`), for SHA-256: a standard digest
        // from a maintained library, which uses the processor's SHA instructions where there are any.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        // A per-thread bump allocator that cmark parses into (see its header).
        .target(name: "CCmarkArena"),
        .target(name: "ConcordMarkdown", dependencies: ["CCmark", "CCmarkArena", "CLibXML2"]),
        // `@JSONWritable`: a JSON shape's fast writer, generated from its `Codable` declaration.
        .macro(
            name: "ConcordMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        .target(
            name: "ConcordModel",
            dependencies: ["ConcordMarkdown", "ConcordMacros", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "ConcordCheck", dependencies: ["CCrypto", "ConcordMarkdown", "ConcordModel"]),
        .target(name: "ConcordExport", dependencies: ["ConcordModel"]),
        // Translation handoff: XLIFF and PO out, translated Markdown back in. The Markdown tree
        // for the units' text, the checks to refuse a translation that breaks the structure.
        .target(name: "ConcordTranslation", dependencies: ["ConcordMarkdown", "ConcordModel", "ConcordCheck"]),
        .target(
            name: "ConcordRender",
            dependencies: ["ConcordMarkdown", "ConcordModel", .product(name: "Yams", package: "Yams")]
        ),
        // The pipeline: which stages run, in what order, and publishing the output.
        .target(name: "ConcordBuild", dependencies: ["ConcordModel", "ConcordCheck", "ConcordExport", "ConcordRender"]),
        .target(
            name: "ConcordCLI",
            dependencies: [
                "ConcordModel", "ConcordCheck", "ConcordExport", "ConcordRender", "ConcordBuild", "ConcordTranslation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "concord", dependencies: ["ConcordCLI"]),
        // The fuzz target's pipeline, a library so tests replay inputs through it too.
        .target(name: "ConcordFuzz", dependencies: ["ConcordModel", "ConcordCheck", "ConcordExport", "ConcordRender"]),
        // libFuzzer's entry point with -DCONCORD_FUZZ (scripts/fuzz), else a replayer of saved inputs.
        .executableTarget(name: "concord-fuzz", dependencies: ["ConcordFuzz"]),
        // What several test targets share (the watchdog for inputs that once took minutes).
        .target(name: "ConcordTestSupport", path: "Tests/ConcordTestSupport"),
        .testTarget(name: "ConcordMarkdownTests", dependencies: ["ConcordMarkdown", "ConcordTestSupport"]),
        .testTarget(name: "ConcordModelTests", dependencies: ["ConcordModel", "ConcordTestSupport"]),
        .testTarget(name: "ConcordCheckTests", dependencies: ["ConcordCheck", "ConcordTestSupport"]),
        .testTarget(name: "ConcordCLITests", dependencies: ["ConcordCLI", "ConcordCheck", "ConcordTestSupport"]),
        // ConcordCheck only to compute real statuses for the sample content, as the build does.
        .testTarget(name: "ConcordExportTests", dependencies: ["ConcordExport", "ConcordCheck", "ConcordTestSupport"]),
        // Golden pages are read by path (`#filePath`), not bundled.
        // ConcordBuild too: many render tests build a whole site through BuildAction.
        .testTarget(name: "ConcordBuildTests", dependencies: ["ConcordBuild", "ConcordCheck", "ConcordTestSupport"]),
        .testTarget(name: "ConcordRenderTests", dependencies: ["ConcordRender", "ConcordBuild", "ConcordTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ConcordTranslationTests", dependencies: ["ConcordTranslation", "ConcordCheck", "ConcordTestSupport"]),
        // Replays the seeds and Tests/Fuzz/regressions through the fuzz pipeline.
        .testTarget(name: "ConcordFuzzTests", dependencies: ["ConcordFuzz", "ConcordModel"]),
    ],
    swiftLanguageModes: [.v6]
)

// `scripts/fuzz` builds `concord-fuzz` with CONCORD_FUZZ=1: Concord's own targets are then built
// for libFuzzer and AddressSanitizer, and optimised, for the fuzzer's rate (docs/fuzzing.md).
// Set per target rather than with `-Xswiftc`, which reaches host tools too (a macro's).
if Context.environment["CONCORD_FUZZ"] == "1" {
    for target in package.targets where target.type == .regular || target.type == .executable {
        target.swiftSettings = (target.swiftSettings ?? []) + [
            .define("CONCORD_FUZZ"), .unsafeFlags(["-sanitize=fuzzer,address", "-O"]),
        ]
    }
    // libFuzzer's driver is looked up by name at run time (see concord-fuzz): it must be exported.
    for target in package.targets where target.name == "concord-fuzz" {
        target.linkerSettings = [.unsafeFlags(["-sanitize=fuzzer,address", "-Xlinker", "--export-dynamic-symbol=LLVMFuzzerRunDriver"])]
    }
}
