import Foundation

/// The exclusive lock every writer holds on `.lab/lock`, so two `lab` processes never lose each
/// other's writes. The lock is released by the kernel when the process dies, so it never goes stale.
public final class LabLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock of the lab at `root`, waiting for another holder to finish.
    public static func acquire(root: URL) throws(FileError) -> LabLock {
        let folder = root.appending(path: ".lab").path
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw FileError("create", ".lab", errno: errno)
        }
        let path = folder + "/lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError("lock", ".lab/lock", errno: errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw FileError("lock", ".lab/lock", errno: code)
        }
        return LabLock(descriptor: descriptor)
    }

    /// Runs `body` while holding the lock.
    public static func with<T>(root: URL, _ body: () throws -> T) throws -> T {
        let lock = try acquire(root: root)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
