import Foundation
import Testing

/// A throwaway lab folder for one test, removed when the value is released.
final class TemporaryLab: @unchecked Sendable {
    let root: URL

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "lab-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, content) in files { try write(path, content) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ path: String) -> URL { root.appending(path: path) }

    func write(_ path: String, _ content: String) throws {
        try write(path, bytes: Array(content.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: url(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    func bytes(_ path: String) -> [UInt8]? {
        (try? Data(contentsOf: url(path))).map { [UInt8]($0) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    /// The merge base of `path` (inside the scaffold's `into`), read from `.lab/base/<scaffold>.bases`
    /// as the README describes the format (`file SIZE SHA256 PATH`, the bytes, a newline); nil when
    /// the pack has none. A pack that breaks the format fails the test.
    func base(_ scaffold: String, _ path: String) -> String? {
        guard let pack = bytes(".lab/base/\(scaffold).bases") else { return nil }
        var position = 0
        var found: String?
        while position < pack.count {
            guard let end = pack[position...].firstIndex(of: 10) else {
                Issue.record("a line of the pack does not end")
                return nil
            }
            let line = String(decoding: pack[position..<end], as: UTF8.self)
            position = end + 1
            guard line.hasPrefix("file ") else { continue }
            let parts = line.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, let size = Int(parts[1]), position + size < pack.count, pack[position + size] == 10 else {
                Issue.record("a malformed entry: \(line)")
                return nil
            }
            if parts[3] == path { found = String(decoding: pack[position..<(position + size)], as: UTF8.self) }
            position += size + 1
        }
        return found
    }

    @discardableResult
    func lab(_ arguments: String..., environment: [String: String] = [:]) throws -> LabProcess.Result {
        try LabProcess.run(arguments, in: root, environment: environment)
    }

    @discardableResult
    func lab(arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> LabProcess.Result {
        try LabProcess.run(arguments, in: root, environment: environment, input: input)
    }

    /// Every regular file under the lab with its bytes, for asserting that nothing changed.
    func snapshot() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        let base = root.standardizedFileURL.path
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
            files[relative] = (try? Data(contentsOf: url)).map { [UInt8]($0) }
        }
        return files
    }
}
