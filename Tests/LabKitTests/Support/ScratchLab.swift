import Foundation
import LabSpec
@testable import LabKit
import LabRuntime

/// A lab folder for in-process scaffold tests: one scaffold `app` from the template folder `tpl`.
final class ScratchLab {
    let root: URL
    var lab: Lab

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "lab-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "tpl"), withIntermediateDirectories: true)
        lab = Lab(name: "Scratch", phases: [], scaffolds: [Scaffold(name: "app", from: .folder("tpl"), into: "app")])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    func bytes(_ path: String) -> [UInt8]? {
        (try? Data(contentsOf: root.appending(path: path))).map { [UInt8]($0) }
    }

    func read(_ path: String) -> String? { bytes(path).map { String(decoding: $0, as: UTF8.self) } }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appending(path: path).path) }

    /// The merge base of `path` (inside the scaffold's `into`) in the pack of `scaffold`; nil when
    /// there is none, or no pack.
    func base(_ scaffold: String, _ path: String) -> String? {
        let packPath = MergeBasePack.path(of: scaffold)
        guard let bytes = bytes(packPath), let pack = try? MergeBasePack(parsing: bytes, displayPath: packPath),
            let base = pack.base(of: path)
        else { return nil }
        return String(decoding: base, as: UTF8.self)
    }

    func plan(_ options: ScaffoldPlanner.Options = .init()) -> ScaffoldPlan {
        ScaffoldPlanner(root: root, lab: lab, options: options).plan(lab.scaffolds)
    }

    /// Plans and applies, as `lab scaffold` does.
    @discardableResult
    func scaffold(_ options: ScaffoldPlanner.Options = .init()) async throws -> ScaffoldPlan {
        let files = ContainedRoot(root.path)
        let lock = try LabLock.acquire(root: root, files: files)
        let plan = plan(options)
        _ = try await ScaffoldApplier.apply(plan, files: files, holding: lock)
        return plan
    }
}
