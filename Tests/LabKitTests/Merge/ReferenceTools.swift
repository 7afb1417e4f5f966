import Foundation

/// Runs the reference tools, `git` and `diff`, over files in a scratch folder for the differential tests.
///
/// Cases are written to numbered subfolders and the tool runs over all of them from one shell
/// loop: starting hundreds of processes from the test itself costs more than the rest of the suite.
struct ReferenceTools {
    /// Whether `name` is an executable on PATH.
    static func isAvailable(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { folder in
            FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        }
    }

    let folder: URL

    /// A fresh scratch folder, outside any repository, so git reads no repository config.
    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lab-merge-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `bytes` to `path` (relative to the scratch folder), creating folders on the way.
    func write(_ bytes: [UInt8], to path: String) throws {
        let file = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// The bytes of `path` (relative to the scratch folder).
    func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    /// The exit status a script saved to `path` with `echo $? > path`.
    func status(_ path: String) throws -> Int {
        let text = String(decoding: try read(path), as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Runs `script` with `/bin/sh` in the scratch folder, with no user or system git config.
    func shell(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CEILING_DIRECTORIES"] = folder.deletingLastPathComponent().path
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
