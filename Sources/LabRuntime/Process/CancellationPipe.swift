import Synchronization
import SystemPackage

/// A pipe that a task's cancellation handler writes to so that a supervising thread blocked in
/// `poll` wakes up at once.
final class CancellationPipe: Sendable {
    /// The end the supervisor polls; readable once `fire()` has been called.
    let readEnd: FileDescriptor
    // The write end sits behind a lock because cancellation can arrive from any thread at any
    // time, even after the supervisor closed the pipe and the descriptor number was reused.
    private let writeEnd: Mutex<FileDescriptor?>

    init() throws(LaunchError) {
        let (read, write) = try PipeDescriptors.make(purpose: "cancellation pipe")
        readEnd = read
        writeEnd = Mutex(write)
    }

    func fire() {
        writeEnd.withLock { descriptor in
            _ = try? descriptor?.writeAll(CollectionOfOne(UInt8(1)))
        }
    }

    func dispose() {
        writeEnd.withLock { descriptor in
            try? descriptor?.close()
            descriptor = nil
        }
        try? readEnd.close()
    }
}
