// swift-tools-version: 6.2
import PackageDescription

/// Release builds reach the metadata of a concrete generic type (`Set<String>`, `[Exercise]`)
/// through its accessor, not by demangling its name at run time: on Linux, demangling walks every
/// protocol conformance record of the binary for each conformance the type requires, the first
/// time it is used, and a command uses dozens of such types once.
let metadataSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))
]

/// Release builds also skip the run-time exclusivity checks (debug builds and tests keep them):
/// they cost a few percent of the work of reading a large lab.yml.
let releaseSettings: [SwiftSetting] =
    metadataSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// How a release `lab` is linked on Linux, for start-up: every command pays it.
/// - At a fixed address (not position-independent), as Go links its programs: a
///   position-independent one spent 1.3 ms of every start-up applying 88,000 relocations to the
///   statically linked Swift runtime and Foundation.
/// - With the C++ runtime and libgcc linked in (`Linker/libstdc++.so` is a linker script that
///   turns the static standard library's `-lstdc++` into GCC's `libstdc++.a`): loading
///   libstdc++.so and libgcc_s.so took about 1 ms of every command, most of it the dynamic
///   loader resolving their symbols. What stays dynamic is glibc and libyaml.
/// - Without exporting its own symbols (`--no-export-dynamic`, undoing the static standard
///   library's `-export-dynamic`): nothing looks them up by name, and the Swift runtime's `dladdr`
///   at start-up went through all 11,600 of them, about 0.1 ms of every command.
let releaseLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-Xclang-linker", "-no-pie", "-L", Context.packageDirectory + "/Linker", "-Xclang-linker", "-static-libgcc",
            "-Xlinker", "--no-export-dynamic",
        ],
        .when(platforms: [.linux], configuration: .release)
    )
]

let package = Package(
    name: "lab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lab", targets: ["lab"]),
        // For the fuzz targets in Fuzz/, a separate package built with sanitizers.
        .library(name: "LabSpec", targets: ["LabSpec"]),
        .library(name: "LabRuntime", targets: ["LabRuntime"]),
        .library(name: "LabKit", targets: ["LabKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Tests only: the HTTP(S) server the step tests talk to, and the certificate authority
        // they make. `lab` itself reaches HTTP through libcurl (see "The HTTP client" in README.md).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The Linux calls Swift's Glibc module cannot name (pidfd_open, POSIX_SPAWN_SETSID, …).
        .target(name: "CLabSystem", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "LabSpec",
            dependencies: ["CYAML"],
            swiftSettings: releaseSettings
        ),
        // The machine, nothing about labs: processes, files, the lock, signals, the network.
        .target(
            name: "LabRuntime",
            dependencies: [
                "CLabSystem",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: metadataSettings
        ),
        .target(
            name: "LabKit",
            dependencies: [
                "LabSpec",
                "LabRuntime",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Builtin/Sets"],
            swiftSettings: releaseSettings,
            plugins: ["EmbedBuiltins"]
        ),
        .executableTarget(
            name: "lab",
            dependencies: [
                "LabSpec",
                "LabRuntime",
                "LabKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: metadataSettings,
            linkerSettings: releaseLinkerSettings
        ),
        .executableTarget(
            name: "embed-builtins",
            path: "Plugins/EmbedBuiltinsTool"
        ),
        .plugin(
            name: "EmbedBuiltins",
            capability: .buildTool(),
            dependencies: ["embed-builtins"]
        ),
        .testTarget(
            name: "LabSpecTests",
            dependencies: ["LabSpec", "CYAML"]
        ),
        .testTarget(
            name: "LabRuntimeTests",
            dependencies: ["LabRuntime", "CLabSystem"]
        ),
        .testTarget(
            name: "LabKitTests",
            dependencies: [
                "LabKit", "LabSpec", "LabRuntime",
                // The HTTP(S) server the step tests talk to on loopback.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The end-to-end tests run the built `lab`; the unit tests of its printers and report shapes
        // build LabKit and LabSpec values to print.
        .testTarget(
            name: "LabCLITests",
            dependencies: ["lab", "LabKit", "LabSpec"]
        ),
    ]
)
