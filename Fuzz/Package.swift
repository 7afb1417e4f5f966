// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for lab's parsers. Built by `Fuzz/run`, never by the main package: the main
// package's modules get AddressSanitizer and coverage through -Xswiftc, and only these targets
// link libFuzzer. Each has its own `main` (SwiftPM insists) that hands over to libFuzzer's driver.
let fuzzing: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let linking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "lab-fuzz",
    dependencies: [
        .package(name: "lab", path: "..")
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "fuzz-lab-yml",
            dependencies: ["FuzzDriver", .product(name: "LabSpec", package: "lab")],
            swiftSettings: fuzzing, linkerSettings: linking),
        .executableTarget(
            name: "fuzz-lab-edit",
            dependencies: ["FuzzDriver", .product(name: "LabSpec", package: "lab")],
            swiftSettings: fuzzing, linkerSettings: linking),
        .executableTarget(
            name: "fuzz-checklist",
            dependencies: ["FuzzDriver", .product(name: "LabKit", package: "lab")],
            swiftSettings: fuzzing, linkerSettings: linking),
    ]
)
