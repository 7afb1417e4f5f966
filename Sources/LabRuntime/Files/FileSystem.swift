import CLabSystem
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

    /// How much `read` takes from one file unless told otherwise: far more than any document,
    /// template or state file `lab` reads, far less than would exhaust memory.
    public static let defaultReadLimit = 64 << 20

    /// The whole content of a regular file of at most `limit` bytes.
    ///
    /// Only a regular file is read: a FIFO, a device or a socket (directly or through a link) is
    /// refused without blocking on it, and so is a file larger than `limit`.
    public static func read(_ path: String, displayPath: String? = nil, limit: Int = defaultReadLimit) throws(FileError) -> [UInt8] {
        var mode: mode_t = 0
        return try read(path, displayPath: displayPath, limit: limit, mode: &mode)
    }

    /// The same, and the file's permission bits (`mode`), from the descriptor it was read through.
    /// `followingLinks: false` refuses a path whose last part is a symbolic link (`ELOOP`).
    public static func read(
        _ path: String, displayPath: String? = nil, limit: Int = defaultReadLimit, mode: inout mode_t, followingLinks: Bool = true
    ) throws(FileError) -> [UInt8] {
        let shown = displayPath ?? path
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw FileError("read", shown, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError("read", shown, errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileError("read", shown, reason: "it is a directory")
        default: throw FileError("read", shown, reason: "it is not a regular file")
        }
        if info.st_size > limit { throw FileError("read", shown, reason: "it is larger than \(sizeText(limit))") }
        mode = info.st_mode & 0o7777
        // Read straight into the array's storage, sized by fstat plus one byte, so that one read
        // fills it and the next finds the end: no zeroed buffer, no second copy. A file that grows
        // while it is read gets a larger buffer, up to the limit.
        var capacity = Int(info.st_size) + 1
        var bytes: [UInt8] = []
        while true {
            let start = bytes.count
            var failure: Int32 = 0
            var ended = false
            let next = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                if start > 0 {
                    bytes.withUnsafeBufferPointer { old in
                        _ = buffer.initialize(fromContentsOf: old)
                    }
                }
                initialized = start
                // A large file's pages at once, not a page fault each as the read fills them: a
                // 4.7 MB lab.yml read in 2.5 ms instead of 3.5–4 ms.
                if capacity - start >= 1 << 20 { lab_prefault(buffer.baseAddress! + start, capacity - start) }
                while initialized < capacity {
                    let count = Foundation.read(descriptor, buffer.baseAddress! + initialized, capacity - initialized)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if count == 0 { ended = true; return }
                    initialized += count
                }
            }
            if failure != 0 { throw FileError("read", shown, errno: failure) }
            bytes = next
            // The size can grow while the file is read: the limit holds all the same.
            if bytes.count > limit { throw FileError("read", shown, reason: "it is larger than \(sizeText(limit))") }
            if ended { return bytes }
            capacity = min(max(capacity * 2, 1 << 16), limit == .max ? .max : limit + 1)
        }
    }

    /// Calls `body` with each chunk of a regular file's content, in order: for files of any size.
    public static func forEachChunk(
        of path: String, displayPath: String? = nil, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileError) {
        let shown = displayPath ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileError("read", shown, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError("read", shown, errno: errno) }
        try forEachChunk(of: descriptor, info: info, displayPath: shown, body)
    }

    /// The same for a file already open, whose `fstat` is `info`.
    public static func forEachChunk(
        of descriptor: Int32, info: stat, displayPath shown: String, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileError) {
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError("read", shown, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "it is not a regular file")
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = Foundation.read(descriptor, chunk.baseAddress, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError("read", shown, errno: errno)
            }
            if count == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
    }

    /// `64 MiB`, `512 KiB`.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }

    /// The permission bits of a file, if it exists.
    public static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Creates a folder and its parents (like `mkdir -p`), with the process's umask.
    public static func createDirectory(_ path: ResolvedPath) throws(FileError) {
        try createDirectory(path.absolute, displayPath: path.display)
    }

    /// Removes a file; a missing one is fine.
    public static func remove(_ path: ResolvedPath) throws(FileError) {
        try remove(path.absolute, displayPath: path.display)
    }

    /// Creates a folder and its parents (like `mkdir -p`), with the process's umask. For paths
    /// outside any lab (`lab init`'s new folder); a lab's paths go through `ResolvedPath`.
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

    static func remove(_ path: String, displayPath: String? = nil) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw FileError("remove", displayPath ?? path, errno: errno) }
    }

    /// A name in a folder as the file system holds it: bytes, which need not be UTF-8.
    public struct RawName: Sendable, Equatable {
        public var bytes: [UInt8]
        /// What the folder's listing says the entry is (a file, a folder, a link), without a
        /// `stat`; nil when the file system does not say (ask `kind(_:)`).
        public var listedKind: Kind?

        public init(bytes: [UInt8], listedKind: Kind? = nil) {
            self.bytes = bytes
            self.listedKind = listedKind
        }

        /// The name as text; nil when it is not valid UTF-8.
        public var text: String? { String(validating: bytes, as: UTF8.self) }

        /// The name with every byte that is not printable UTF-8 written as `\xNN` (control
        /// characters, invalid sequences): safe to show and to quote in a message.
        public var escaped: String {
            var out = ""
            var index = 0
            while index < bytes.count {
                let length = Self.sequenceLength(bytes, at: index)
                if length > 0, let scalar = String(validating: bytes[index..<(index + length)], as: UTF8.self)?.unicodeScalars.first,
                    !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
                {
                    out.unicodeScalars.append(scalar)
                    index += length
                } else {
                    let hex = String(bytes[index], radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                    index += 1
                }
            }
            return out
        }

        /// Whether the name is valid UTF-8 without control characters: a name that can be recorded
        /// in a line-based file and printed as it is.
        public var isPrintable: Bool {
            guard let text else { return false }
            return !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        }

        private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            return index + length <= bytes.count ? length : 0
        }
    }

    /// What a folder's listing says an entry is (`d_type`), as `kind(_:)` would: a file, a folder,
    /// a link, something else; nil when the file system does not say (`DT_UNKNOWN`: ask `kind`).
    public static func listedKind(_ type: UInt8) -> Kind? {
        switch Int32(type) {
        case Int32(DT_REG): .file
        case Int32(DT_DIR): .directory
        case Int32(DT_LNK): .symlink
        case Int32(DT_UNKNOWN): nil
        default: .other
        }
    }

    /// Names in a folder as raw bytes, sorted bytewise; nil when it cannot be listed.
    public static func rawNames(_ path: String) -> [RawName]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [RawName] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard bytes != [0x2E] && bytes != [0x2E, 0x2E] else { continue }
            names.append(RawName(bytes: bytes, listedKind: listedKind(entry.pointee.d_type)))
        }
        return names.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
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
