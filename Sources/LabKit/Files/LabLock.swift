import Foundation
import Synchronization

/// The exclusive lock every writer holds on `.lab/lock`, so two `lab` processes never lose each
/// other's writes. The kernel releases it when the process dies, so it never goes stale. Within
/// one process it is reentrant: an engine that takes it while a caller already holds it just
/// shares the hold.
public final class LabLock: Sendable {
    private struct Held {
        var path: String
        var descriptor: Int32
        var count: Int
    }

    private static let held = Mutex<[String: Held]>([:])
    private let path: String

    private init(path: String) {
        self.path = path
    }

    deinit {
        LabLock.held.withLock { table in
            guard var entry = table[path] else { return }
            entry.count -= 1
            if entry.count == 0 {
                flock(entry.descriptor, LOCK_UN)
                close(entry.descriptor)
                table[path] = nil
            } else {
                table[path] = entry
            }
        }
    }

    /// Takes the lock of the lab at `root`, waiting for another process to finish.
    public static func acquire(root: URL) throws(FileError) -> LabLock {
        let folder = root.appending(path: ".lab").path
        let path = folder + "/lock"
        let shared = held.withLock { table -> Bool in
            guard var entry = table[path] else { return false }
            entry.count += 1
            table[path] = entry
            return true
        }
        if shared { return LabLock(path: path) }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw FileError("create", ".lab", errno: errno)
        }
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0 && (errno == EACCES || errno == EROFS) {
            // flock needs no write access: in a lab this user cannot write (another owner, a
            // read-only mount) the lock still works, and the write that follows names what failed.
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw FileError("lock", ".lab/lock", errno: errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            throw FileError("lock", ".lab/lock", errno: code)
        }
        held.withLock { table in
            if var entry = table[path] {
                // Another task of this process took it meanwhile: keep one descriptor.
                entry.count += 1
                table[path] = entry
                flock(descriptor, LOCK_UN)
                close(descriptor)
            } else {
                table[path] = Held(path: path, descriptor: descriptor, count: 1)
            }
        }
        return LabLock(path: path)
    }
}
