import Foundation
import LabRuntime

/// The lab's lock, `.lab/lock`: taken by a workflow before it reads what it will change, held
/// until its last write, and handed to every writer it calls as proof that the lock is held.
/// Two `lab` processes at once never lose each other's writes.
public final class LabLock: Sendable {
    /// The root of the lab the lock belongs to.
    public let root: URL
    private let file: FileLock

    private init(root: URL, file: FileLock) {
        self.root = root
        self.file = file
    }

    /// Takes the lock of the lab at `root`, waiting for another process to release it. Only
    /// workflows call this; the lock is not reentrant.
    static func acquire(root: URL, files: ContainedRoot) throws(FileError) -> LabLock {
        let folder = try files.resolve(".lab")
        if mkdir(folder.absolute, 0o777) != 0 && errno != EEXIST {
            throw FileError("create", ".lab", errno: errno)
        }
        let lock = try files.resolve(".lab/lock")
        return LabLock(root: root, file: try FileLock.acquire(path: lock.absolute, displayPath: lock.display))
    }
}
