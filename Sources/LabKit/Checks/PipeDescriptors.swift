#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the close-on-exec pipes that carry a step's output and wake-ups.
enum PipeDescriptors {
    /// Returns (read end, write end), both close-on-exec.
    static func make(purpose: String) throws(StepLaunchError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        if let pipe2 = LibCExtensions.pipe2 {
            guard pipe2(&ends, O_CLOEXEC) == 0 else {
                throw .systemResource(purpose, errno: errno)
            }
        } else {
            // Without pipe2 another thread's spawn can slip between pipe and fcntl; our own
            // spawns close inherited descriptors, so only foreign spawns could keep the pipe open.
            guard pipe(&ends) == 0 else { throw .systemResource(purpose, errno: errno) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        return (ends[0], ends[1])
    }
}
