import LabRuntime
import Foundation
import LabSpec

/// A lab on disk: where its root and `lab.yml` are, and what loading `lab.yml` gave.
public struct LabProject: Sendable {
    /// The folder holding `lab.yml`; every path of the lab is relative to it.
    public let root: URL
    /// The root's no-escape rule: every path `lab` writes, or reads as a document or template,
    /// is resolved through it.
    public let files: ContainedRoot
    public let labFile: URL
    /// How to show `lab.yml`'s path in messages (relative to the working directory when possible).
    public let displayName: String
    public let loaded: LabLoader.Loaded
    /// `lab.yml`'s size, time and inode just before it was read: whether it changed since.
    public let labFileStamp: FileSystem.Stamp?

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
        guard directory.path.hasPrefix("/") else { throw .notFound(searchedFrom: directory.path) }
        // Upward by path components, as many as the path has: it ends at "/" whatever happens.
        var folder = directory.standardizedFileURL.path
        while true {
            let candidate = URL(fileURLWithPath: folder == "/" ? "/lab.yml" : folder + "/lab.yml")
            switch FileSystem.resolvedKind(candidate.path) {
            case .file: return candidate
            case .directory: throw .file(FileError("read", display(candidate, from: directory), reason: "it is a directory"))
            // A FIFO would block the read (`--lab` can still name one on purpose).
            case .other: throw .file(FileError("read", display(candidate, from: directory), reason: "it is not a regular file"))
            case .missing, .symlink: break
            }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { throw notFound(from: directory) }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// `lab.yml` was found nowhere from `directory` up: said so, or, when `directory` itself does
    /// not exist (a `-C DIR` mistyped), that.
    private static func notFound(from directory: URL) -> LabError {
        if FileSystem.resolvedKind(directory.path) == .missing {
            return .message("there is no folder '\(directory.path)' (the folder -C names must exist)")
        }
        return .notFound(searchedFrom: directory.path)
    }

    /// Reads and validates `labFile`; validation problems are in `diagnostics`, not thrown.
    /// With `exercisesAsRead`, exercises are decoded as `lab.yml` is read (`LabLoader.load`): for
    /// a command that reads the lab and never edits `lab.yml` through its document.
    public static func open(labFile: URL, workingDirectory: URL, exercisesAsRead: Bool = false) throws(LabError) -> LabProject {
        let read = try Self.read(labFile: labFile, workingDirectory: workingDirectory)
        return open(read, exercisesAsRead: exercisesAsRead)
    }

    /// `lab.yml` as read from disk, not yet validated.
    struct LabFile {
        let url: URL
        let display: String
        let bytes: [UInt8]
        let stamp: FileSystem.Stamp?
    }

    /// Reads `labFile` (its stamp first, to tell later whether it changed since).
    static func read(labFile: URL, workingDirectory: URL) throws(LabError) -> LabFile {
        let display = Self.display(labFile, from: workingDirectory)
        let stamp = FileSystem.stamp(labFile.path)
        do {
            let bytes = try FileSystem.read(labFile.path, displayPath: display, limit: ReadLimits.labFile)
            return LabFile(url: labFile, display: display, bytes: bytes, stamp: stamp)
        } catch {
            throw .file(error)
        }
    }

    /// Validates what `read` gave.
    static func open(_ file: LabFile, exercisesAsRead: Bool = false) -> LabProject {
        let labFile = file.url
        let display = file.display
        let stamp = file.stamp
        let source = SourceFile(path: display, bytes: file.bytes)
        let loader = LabLoader(builtinSets: BuiltinSets.scaffoldSetNames)
        let root = labFile.deletingLastPathComponent()
        return LabProject(
            root: root, files: ContainedRoot(root.path), labFile: labFile, displayName: display,
            loaded: loader.load(source, exercisesAsRead: exercisesAsRead), labFileStamp: stamp)
    }

    /// `lab.yml` as a path to write: refused, as an error of `lab.yml` (exit status 2), when it is a
    /// symbolic link out of the lab.
    public func labFilePath() throws(LabError) -> ResolvedPath {
        do {
            return try files.resolve(labFile.lastPathComponent)
        } catch {
            throw .invalidLab(diagnostics: [.error(error.description, at: nil)], sources: [])
        }
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
