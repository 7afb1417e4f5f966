import Foundation
import LabSpec

/// Inputs that once broke a fuzz target of `Fuzz/`, kept in `Tests/Fixtures/fuzz/TARGET/`.
enum FuzzFindings {
    /// `Tests/Fixtures/fuzz`, found from where this file sits (`Tests/LabSpecTests/Support/`).
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/fuzz")

    static func fixtures(_ target: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appending(path: target).path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appending(path: target).appending(path: name)))
    }

    /// Loads as the fuzz targets do, with the built-in sets `lab` ships.
    static func load(_ bytes: [UInt8]) -> LabLoader.Loaded {
        LabLoader(builtinSets: ["cloud", "devops", "mlops"]).load(SourceFile(path: "lab.yml", bytes: bytes))
    }
}
