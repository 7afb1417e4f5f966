import Foundation

/// A file that only grows at its end: each append is one `write` to a descriptor opened with
/// `O_APPEND`, made durable with `fsync` before it returns, and taken back whole when it fails. A
/// process killed mid-append leaves, at worst, an unfinished last line, which `unfinishedTail`
/// finds and `truncate` removes.
///
/// Callers that append from several processes serialise their appends (the lab lock): `O_APPEND`
/// keeps each write at the end, not two writers' reads of the tail consistent.
public final class AppendOnlyFile {
    private let descriptor: Int32
    public let path: ResolvedPath
    /// Whether this open created the file.
    public let created: Bool
    /// The file's size, as this value last wrote or truncated it.
    public private(set) var size: Int

    /// What an append changed: enough to take it back (`undo`).
    public struct Receipt: Sendable {
        public let path: ResolvedPath
        /// The size before the append.
        public let size: Int
        /// The append created the file.
        public let created: Bool
    }

    private init(descriptor: Int32, path: ResolvedPath, created: Bool, size: Int) {
        self.descriptor = descriptor
        self.path = path
        self.created = created
        self.size = size
    }

    deinit { close(descriptor) }

    /// Opens the file at `path` for appending, creating it (mode 0666 less the umask) when missing.
    /// Only a regular file is opened: a folder, a FIFO, a device or a symbolic link planted after
    /// `path` was resolved is refused without blocking on it.
    public static func open(_ path: ResolvedPath) throws(FileError) -> AppendOnlyFile {
        let flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        var created = true
        var descriptor = Foundation.open(path.absolute, flags | O_CREAT | O_EXCL, 0o666)
        if descriptor < 0 && errno == EEXIST {
            created = false
            descriptor = Foundation.open(path.absolute, flags)
        }
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case EISDIR: throw FileError("write", path.display, reason: "it is a directory")
            case ELOOP: throw FileError("write", path.display, reason: "it is a symbolic link")
            case ENXIO: throw FileError("write", path.display, reason: "it is not a regular file")
            default: throw FileError("write", path.display, errno: code)
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw FileError("write", path.display, errno: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw FileError("write", path.display, reason: "it is not a regular file")
        }
        // Every other file is replaced whole (renamed onto), which leaves a hard link's other names
        // as they were; an append would write through them, to a file that may be outside the lab.
        guard info.st_nlink <= 1 else {
            close(descriptor)
            throw FileError("write", path.display, reason: "it has \(info.st_nlink) hard links, and an append would change the file under every name it has")
        }
        return AppendOnlyFile(descriptor: descriptor, path: path, created: created, size: Int(info.st_size))
    }

    /// The bytes after the file's last line break: empty when the file is empty or ends with one.
    /// Reading stops once `limit` bytes are found: a longer unfinished line comes back cut to its
    /// last `limit` bytes or a little more (whole 4 KiB chunks).
    public func unfinishedTail(limit: Int = 1 << 20) throws(FileError) -> [UInt8] {
        var tail: [UInt8] = []
        var end = size
        let chunkSize = 4096
        while end > 0 && tail.count < limit {
            let start = max(0, end - chunkSize)
            var chunk = [UInt8](repeating: 0, count: end - start)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
            guard count == end - start else {
                throw FileError("read", path.display, errno: count < 0 ? errno : EIO)
            }
            if let newline = chunk.lastIndex(of: 0x0A) {
                return Array(chunk[(newline + 1)...]) + tail
            }
            tail = chunk + tail
            end = start
        }
        return tail
    }

    /// Cuts the file to its first `newSize` bytes, durably.
    public func truncate(to newSize: Int) throws(FileError) {
        guard ftruncate(descriptor, off_t(newSize)) == 0, fsync(descriptor) == 0 else {
            throw FileError("write", path.display, errno: errno)
        }
        size = newSize
    }

    /// Writes `bytes` at the end of the file and waits until they are on disk. When the write
    /// fails (a full disk, say), the file is cut back to its size before — or removed, when this
    /// open created it and nothing was appended yet — so nothing is half added.
    @discardableResult
    public func append(_ bytes: [UInt8]) throws(FileError) -> Receipt {
        let before = size
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                let code = errno
                takeBack(to: before)
                throw FileError("write", path.display, errno: code)
            }
            written += count
        }
        if fsync(descriptor) != 0 {
            let code = errno
            takeBack(to: before)
            throw FileError("write", path.display, errno: code)
        }
        size = before + written
        return Receipt(path: path, size: before, created: created && before == 0)
    }

    /// After a failed append: the file as it was before it, or gone if this open made it.
    private func takeBack(to before: Int) {
        if created && before == 0 {
            unlink(path.absolute)
        } else {
            _ = ftruncate(descriptor, off_t(before))
        }
    }

    /// Takes an append back: the file cut to its size before it, or removed when the append
    /// created it. Callers hold whatever serialises the appends, so nothing came after.
    public static func undo(_ receipt: Receipt) throws(FileError) {
        if receipt.created {
            if unlink(receipt.path.absolute) != 0 && errno != ENOENT {
                throw FileError("remove", receipt.path.display, errno: errno)
            }
            return
        }
        guard Foundation.truncate(receipt.path.absolute, off_t(receipt.size)) == 0 else {
            throw FileError("write", receipt.path.display, errno: errno)
        }
    }
}
