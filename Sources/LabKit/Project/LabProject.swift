import LabRuntime
import Foundation
import LabSpec

/// A lab on disk: where its root and `lab.yml` are, and what loading `lab.yml` gave.
public struct LabProject: Sendable {
    /// The folder holding `lab.yml`; every path of the lab is relative to it.
    public let root: URL
    public let labFile: URL
    /// How to show `lab.yml`'s path in messages (relative to the working directory when possible).
    public let displayName: String
    public let loaded: LabLoader.Loaded

    public var lab: Lab? { loaded.lab }
    public var diagnostics: [Diagnostic] { loaded.diagnostics }

    /// Finds `lab.yml`: `explicit` when given (relative to `directory`), else the first `lab.yml`
    /// in `directory` or a folder above it, the way git finds `.git`.
    public static func locate(explicit: String?, from directory: URL) throws(LabError) -> URL {
        if let explicit {
            let url = explicit.hasPrefix("/") ? URL(fileURLWithPath: explicit) : directory.appending(path: explicit)
            switch FileSystem.resolvedKind(url.path) {
            case .missing: throw .file(FileError("read", explicit, reason: "no such file"))
            case .directory: throw .file(FileError("read", explicit, reason: "it is a directory"))
            default: return url.standardizedFileURL
            }
        }
        var folder = directory.standardizedFileURL
        while true {
            let candidate = folder.appending(path: "lab.yml")
            switch FileSystem.resolvedKind(candidate.path) {
            case .file: return candidate
            case .directory: throw .file(FileError("read", display(candidate, from: directory), reason: "it is a directory"))
            // A FIFO would block the read (`--lab` can still name one on purpose).
            case .other: throw .file(FileError("read", display(candidate, from: directory), reason: "it is not a regular file"))
            case .missing, .symlink: break
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { throw .notFound(searchedFrom: directory.path) }
            folder = parent
        }
    }

    /// Reads and validates `labFile`; validation problems are in `diagnostics`, not thrown.
    public static func open(labFile: URL, workingDirectory: URL) throws(LabError) -> LabProject {
        let display = Self.display(labFile, from: workingDirectory)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(labFile.path, displayPath: display)
        } catch {
            throw .file(error)
        }
        let source = SourceFile(path: display, bytes: bytes)
        let loader = LabLoader(builtinSets: BuiltinSets.scaffoldSetNames)
        return LabProject(
            root: labFile.deletingLastPathComponent(), labFile: labFile, displayName: display,
            loaded: loader.load(source))
    }

    /// The absolute URL of a path relative to the lab root.
    public func url(_ relative: String) -> URL {
        relative == "." ? root : root.appending(path: relative)
    }

    public func path(_ relative: String) -> String { url(relative).path }

    static func display(_ url: URL, from directory: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = directory.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        var up = ""
        var folder = directory.standardizedFileURL
        for _ in 0..<3 {
            folder = folder.deletingLastPathComponent()
            up += "../"
            let prefix = folder.path == "/" ? "/" : folder.path + "/"
            if path.hasPrefix(prefix) { return up + path.dropFirst(prefix.count) }
        }
        return path
    }
}
