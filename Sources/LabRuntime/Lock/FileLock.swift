import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on one file, held until the value is released. The kernel
/// releases it when the process dies, so it never goes stale. Not reentrant: taking it twice in
/// one process waits forever, so one owner takes it and hands the held value to whoever writes.
public final class FileLock: Sendable {
    private let descriptor: FileDescriptor

    private init(descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    deinit {
        _ = flock(descriptor.rawValue, LOCK_UN)
        try? descriptor.close()
    }

    /// Takes the lock on the file at `path` (created when missing), waiting for another process
    /// to release it. `displayPath` names the file in errors.
    public static func acquire(path: String, displayPath: String) throws(FileError) -> FileLock {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                path, .readWrite, options: [.create, .closeOnExec, .noFollow], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch let error as Errno where error == .permissionDenied || error == .readOnlyFileSystem {
            // flock needs no write access: in a lab this user cannot write (another owner, a
            // read-only mount) the lock still works, and the write that follows names what failed.
            do {
                descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .noFollow])
            } catch {
                throw FileError("lock", displayPath, reason: Self.reason(error))
            }
        } catch {
            throw FileError("lock", displayPath, reason: Self.reason(error))
        }
        while flock(descriptor.rawValue, LOCK_EX) != 0 {
            let code = Errno(rawValue: errno)
            if code == .interrupted { continue }
            try? descriptor.close()
            throw FileError("lock", displayPath, errno: code.rawValue)
        }
        return FileLock(descriptor: descriptor)
    }

    private static func reason(_ error: any Error) -> String {
        guard let code = error as? Errno else { return "\(error)" }
        return FileError("", "", errno: code.rawValue).reason
    }
}
