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

    /// A tree written in the staging folder, not in place yet.
    public struct Tree: Sendable {
        /// Where `place` puts it.
        public let target: ResolvedPath
        /// The staging folder holding it.
        let stage: String
    }

    /// Writes each tree of `trees` — `files` that will be the new folder `target` — into a
    /// staging folder of its own in `stagingRoot` (on the same file system as the targets). The
    /// files of every tree are written side by side, a worker per core: a scaffold's new folder
    /// and its new merge-base folder are written at once, as two copies would be. Nothing is in
    /// place until `place`; on an error, every staging folder made is removed.
    public static func stage(_ trees: [(files: [File], target: ResolvedPath)], stagingRoot: ResolvedPath) async throws(FileError) -> [Tree] {
        guard !trees.isEmpty else { return [] }
        try FileSystem.createDirectory(stagingRoot)
        var staged: [Tree] = []
        var placed = false
        defer { if !placed { for tree in staged { removeTree(tree.stage) } } }
        for (files, target) in trees {
            staged.append(Tree(target: target, stage: try makeStage(in: stagingRoot.absolute)))
            try makeFolders(of: files, in: staged[staged.count - 1].stage, displayPath: target.display)
        }
        // Every file of every tree, in order: the workers' runs fall mostly in one tree each.
        let writes = trees.enumerated().flatMap { tree, request in request.files.indices.map { (tree: tree, file: $0) } }
        let stages = staged.map(\.stage)
        try await ConcurrentFileWork.forEach(writes.count) { index throws(FileError) in
            let (tree, number) = writes[index]
            let file = trees[tree].files[number]
            try writeNew(file.bytes, to: stages[tree] + "/" + file.path, mode: file.mode, displayPath: trees[tree].target.display + "/" + file.path)
        }
        placed = true
        return staged
    }

    /// Renames a staged tree into place. False, and the staged tree removed, when it cannot go
    /// there (another file system, or its target appeared meanwhile): the caller then writes file
    /// by file.
    public static func place(_ tree: Tree) throws(FileError) -> Bool {
        let target = tree.target.absolute
        do throws(FileError) {
            try FileSystem.createDirectory((target as NSString).deletingLastPathComponent)
        } catch {
            discard(tree)
            throw error
        }
        guard rename(tree.stage, target) == 0 else {
            let failure = errno
            discard(tree)
            if failure == EXDEV || failure == EEXIST || failure == ENOTEMPTY { return false }
            throw FileError("write", tree.target.display, reason: String(cString: strerror(failure)).lowercased())
        }
        return true
    }

    /// Removes a staged tree that will not be placed.
    public static func discard(_ tree: Tree) {
        removeTree(tree.stage)
    }

    /// A new, empty staging folder in `stagingRoot`, with the permissions of a folder made with the umask.
    private static func makeStage(in stagingRoot: String) throws(FileError) -> String {
        var template = Array((stagingRoot + "/tree-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard created else { throw FileError("create a staging folder in", stagingRoot, reason: String(cString: strerror(errno)).lowercased()) }
        let stage = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkdtemp makes it private (0700); renamed into place it is a folder like any other.
        if chmod(stage, 0o777 & ~AtomicFile.processUmask) != 0 {
            let failure = errno
            removeTree(stage)
            throw FileError("create a staging folder in", stagingRoot, errno: failure)
        }
        return stage
    }

    /// The folders of `files` inside `stage`, parents first.
    private static func makeFolders(of files: [File], in stage: String, displayPath: String) throws(FileError) {
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
    }

    /// Creates a file that must not exist yet; the umask applies to `mode`, as for any new file.
    private static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t, displayPath: String) throws(FileError) {
        do {
            let descriptor = try FileDescriptor.open(
                path, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: FilePermissions(rawValue: CModeT(mode)))
            try descriptor.closeAfter { try descriptor.writeCompletely(bytes) }
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
