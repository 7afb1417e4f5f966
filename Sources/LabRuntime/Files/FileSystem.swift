import Foundation

/// Small, error-reporting wrappers over the file system calls `lab` needs.
public enum FileSystem {
    public enum Kind: Sendable, Equatable { case missing, file, directory, symlink, other }

    /// What is at `path`, without following a final symbolic link.
    public static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// What is at `path`, following symbolic links.
    public static func resolvedKind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool { kind(path) != .missing }

    /// What changes when a file is rewritten: size, modification time (ns), inode.
    public struct Stamp: Sendable, Equatable {
        public var size: Int64
        public var modified: Int64
        public var inode: UInt64
    }

    public static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(
            size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino))
    }

    /// The whole content of a regular file.
    public static func read(_ path: String, displayPath: String? = nil) throws(FileError) -> [UInt8] {
        let shown = displayPath ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError("read", shown, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError("read", shown, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError("read", shown, reason: "it is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: max(65536, min(Int(info.st_size) + 1, 1 << 24)))
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in Foundation.read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError("read", shown, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The permission bits of a file, if it exists.
    public static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Creates a folder and its parents (like `mkdir -p`).
    public static func createDirectory(_ path: String, displayPath: String? = nil) throws(FileError) {
        if resolvedKind(path) == .directory { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && parent != "/" {
            try createDirectory(parent, displayPath: nil)
        }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw FileError("create the folder", displayPath ?? path, errno: errno)
        }
        if resolvedKind(path) != .directory {
            throw FileError("create the folder", displayPath ?? path, reason: "a file is in the way")
        }
    }

    public static func remove(_ path: String, displayPath: String? = nil) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FileError("remove", displayPath ?? path, errno: errno) }
    }

    /// Names in a folder, sorted; nil when it cannot be listed.
    public static func list(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
