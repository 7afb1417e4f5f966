import Foundation
import SystemPackage

/// Writes a folder tree that does not exist yet in one go: every file is written into a staging
/// folder, which is then renamed into place. Readers, and a `lab` killed half way, see no folder
/// or the whole tree; and each file costs one plain create instead of a temporary file, a rename
/// and a mode change.
public enum StagedFolder {
    public struct File: Sendable {
        /// Relative to the folder.
        public var path: String
        public var bytes: [UInt8]
        public var mode: mode_t

        public init(path: String, bytes: [UInt8], mode: mode_t) {
            self.path = path
            self.bytes = bytes
            self.mode = mode
        }
    }

    /// Writes `files` as the new folder `target`, staging in `stagingRoot` (same file system).
    /// Returns false, having written nothing, when the staging folder cannot be renamed there
    /// (another file system, or `target` appeared meanwhile); the caller then writes file by file.
    public static func write(_ files: [File], to target: ResolvedPath, stagingRoot: ResolvedPath) async throws(FileError) -> Bool {
        let displayPath = target.display
        try FileSystem.createDirectory(stagingRoot)
        let stagingRoot = stagingRoot.absolute
        let target = target.absolute
        var template = Array((stagingRoot + "/tree-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard created else { throw FileError("create a staging folder in", stagingRoot, reason: String(cString: strerror(errno)).lowercased()) }
        let stage = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var moved = false
        defer { if !moved { removeTree(stage) } }
        // mkdtemp makes it private (0700); renamed into place it is a folder like any other.
        if chmod(stage, 0o777 & ~AtomicFile.processUmask) != 0 {
            throw FileError("create a staging folder in", stagingRoot, errno: errno)
        }

        // Folders by their bytes: `é` and `e` + U+0301 are one String but two folders.
        var folders: Set<PathKey> = []
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.utf8.lastIndex(of: UInt8(ascii: "/")) {
                parent = parent[..<slash]
                folders.insert(PathKey(String(parent)))
            }
        }
        for folder in folders.map(\.path).sorted(by: { $0.utf8.count < $1.utf8.count }) where mkdir(stage + "/" + folder, 0o777) != 0 {
            throw FileError("create the folder", displayPath + "/" + folder, reason: String(cString: strerror(errno)).lowercased())
        }
        try await ConcurrentFileWork.forEach(files.count) { index throws(FileError) in
            let file = files[index]
            try writeNew(file.bytes, to: stage + "/" + file.path, mode: file.mode, displayPath: displayPath + "/" + file.path)
        }
        try FileSystem.createDirectory((target as NSString).deletingLastPathComponent)
        guard rename(stage, target) == 0 else {
            if errno == EXDEV || errno == EEXIST || errno == ENOTEMPTY { return false }
            throw FileError("write", displayPath, reason: String(cString: strerror(errno)).lowercased())
        }
        moved = true
        return true
    }

    /// Creates a file that must not exist yet; the umask applies to `mode`, as for any new file.
    private static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t, displayPath: String) throws(FileError) {
        do {
            let descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: FilePermissions(rawValue: CModeT(mode)))
            try descriptor.closeAfter { _ = try descriptor.writeAll(bytes) }
        } catch let error as Errno {
            throw FileError("write", displayPath, errno: error.rawValue)
        } catch {
            throw FileError("write", displayPath, reason: "\(error)")
        }
    }

    /// Removes what an interrupted run left in `stagingRoot`.
    public static func removeLeftovers(in stagingRoot: ResolvedPath) {
        removeLeftovers(in: stagingRoot.absolute)
    }

    static func removeLeftovers(in stagingRoot: String) {
        guard let names = FileSystem.list(stagingRoot) else { return }
        for name in names { removeTree(stagingRoot + "/" + name) }
    }

    public static func removeTree(_ path: String) {
        if FileSystem.kind(path) == .directory {
            for name in FileSystem.list(path) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
