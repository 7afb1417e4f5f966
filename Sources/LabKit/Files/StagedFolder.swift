import Foundation

/// Writes a folder tree that does not exist yet in one go: every file is written into a staging
/// folder, which is then renamed into place. Readers, and a `lab` killed half way, see no folder
/// or the whole tree; and each file costs one plain create instead of a temporary file, a rename
/// and a mode change.
enum StagedFolder {
    struct File: Sendable {
        /// Relative to the folder.
        var path: String
        var bytes: [UInt8]
        var mode: mode_t
    }

    /// Writes `files` as the new folder `target`, staging in `stagingRoot` (same file system).
    /// Returns false, having written nothing, when the staging folder cannot be renamed there
    /// (another file system, or `target` appeared meanwhile); the caller then writes file by file.
    static func write(_ files: [File], to target: String, displayPath: String, stagingRoot: String) throws(FileError) -> Bool {
        try FileSystem.createDirectory(stagingRoot)
        var template = Array((stagingRoot + "/tree-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard created else { throw FileError("create a staging folder in", stagingRoot, reason: String(cString: strerror(errno)).lowercased()) }
        let stage = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var moved = false
        defer { if !moved { removeTree(stage) } }

        var folders: Set<String> = []
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                folders.insert(String(parent))
            }
        }
        for folder in folders.sorted(by: { $0.count < $1.count }) where mkdir(stage + "/" + folder, 0o777) != 0 {
            throw FileError("create the folder", displayPath + "/" + folder, reason: String(cString: strerror(errno)).lowercased())
        }
        try ConcurrentFileWork.forEach(files.count) { index throws(FileError) in
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
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileError("write", displayPath, reason: String(cString: strerror(errno)).lowercased()) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileError("write", displayPath, reason: String(cString: strerror(errno)).lowercased())
            }
            written += result
        }
    }

    /// Removes what an interrupted run left in `stagingRoot`.
    static func removeLeftovers(in stagingRoot: String) {
        guard let names = FileSystem.list(stagingRoot) else { return }
        for name in names { removeTree(stagingRoot + "/" + name) }
    }

    static func removeTree(_ path: String) {
        if FileSystem.kind(path) == .directory {
            for name in FileSystem.list(path) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
