import Synchronization
import SystemPackage

/// How a task's cancellation handler reaches the thread that supervises its process: a flag, and
/// a pipe that wakes the supervisor blocked in `poll` at once.
///
/// The flag is the record; the pipe only hurries it. A supervisor without the pipe (none could be
/// made: out of descriptors) or whose wake-up went astray still sees the flag on its next look,
/// within `ProcessSupervisor.cancellationLook`.
final class CancellationPipe: Sendable {
    /// The end the supervisor polls, readable once `fire()` has been called; nil when no pipe
    /// could be made.
    let readEnd: FileDescriptor?
    private let requested = Atomic<Bool>(false)
    // The write end sits behind a lock because cancellation can arrive from any thread at any
    // time, even after the supervisor closed the pipe and the descriptor number was reused.
    private let writeEnd: Mutex<FileDescriptor?>

    /// `wakes: false` makes the flag alone, as when no pipe can be had.
    init(wakes: Bool = true) {
        if wakes, let (read, write) = try? PipeDescriptors.make(purpose: "cancellation pipe") {
            readEnd = read
            writeEnd = Mutex(write)
        } else {
            readEnd = nil
            writeEnd = Mutex(nil)
        }
    }

    /// Whether `fire()` has been called.
    var isFired: Bool { requested.load(ordering: .acquiring) }

    func fire() {
        requested.store(true, ordering: .releasing)
        writeEnd.withLock { descriptor in
            _ = try? descriptor?.writeAll(CollectionOfOne(UInt8(1)))
        }
    }

    func dispose() {
        writeEnd.withLock { descriptor in
            try? descriptor?.close()
            descriptor = nil
        }
        try? readEnd?.close()
    }
}
