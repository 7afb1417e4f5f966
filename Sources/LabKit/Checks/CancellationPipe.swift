#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A pipe that a task's cancellation handler writes to so that a supervising thread blocked in
/// `poll` wakes up at once.
final class CancellationPipe: Sendable {
    /// The end the supervisor polls; readable once `fire()` has been called.
    let readEnd: Int32
    // The write end sits behind a lock because cancellation can arrive from any thread at any
    // time, even after the supervisor closed the pipe and the descriptor number was reused.
    private let writeEnd: Mutex<Int32>

    init() throws(StepLaunchError) {
        let (read, write) = try PipeDescriptors.make(purpose: "cancellation pipe")
        readEnd = read
        writeEnd = Mutex(write)
    }

    func fire() {
        writeEnd.withLock { descriptor in
            guard descriptor >= 0 else { return }
            var byte: UInt8 = 1
            _ = write(descriptor, &byte, 1)
        }
    }

    func dispose() {
        writeEnd.withLock { descriptor in
            guard descriptor >= 0 else { return }
            _ = close(descriptor)
            descriptor = -1
        }
        _ = close(readEnd)
    }
}
