import Foundation

/// A temporary folder holding a small tree of files for one test, removed when released.
final class TemporaryFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "lab-kit-tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` at `path`, relative to the root, creating the folders above it.
    func write(_ path: String, _ text: String = "x\n") throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(at: root.appending(path: path), withIntermediateDirectories: true)
    }

    /// A symbolic link at `path` whose target is `target`, as written (relative to the link's folder).
    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appending(path: path).path, withDestinationPath: target)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appending(path: path))
    }
}
