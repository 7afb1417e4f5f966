import CLabSystem
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the close-on-exec pipes that carry a process's output and wake-ups.
enum PipeDescriptors {
    /// Returns (read end, write end), both close-on-exec from the start.
    static func make(purpose: String) throws(LaunchError) -> (read: FileDescriptor, write: FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        guard lab_pipe_cloexec(&ends) == 0 else {
            throw .systemResource(purpose, errno: Errno(rawValue: errno).rawValue)
        }
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }
}
