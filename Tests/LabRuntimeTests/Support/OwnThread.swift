import Foundation
import Synchronization

/// Actions a test must take on time, on threads of their own.
///
/// Swift Testing runs tests side by side on the concurrency runtime's few threads (two on a
/// two-core machine), and a test that waits synchronously — for a `lab` process, a file — holds
/// one of them meanwhile. A `Task.sleep` followed by the action can then run seconds late; a
/// test that cancels a step 200 ms into it saw the cancel arrive after the step's 20 s timeout.
enum OwnThread {
    /// Runs `action` once, `delay` from now.
    static func after(_ delay: Duration, _ action: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds(delay))
            action()
        }
    }

    /// Runs `action` as soon as `condition` holds (looked at every 10 ms), however long that takes:
    /// what the condition waits for may itself wait for one of the runtime's threads. Until
    /// `abandoned` is stopped, when the action is not run at all.
    static func when(_ condition: @escaping @Sendable () -> Bool, unless abandoned: Repetition, _ action: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            while !condition() {
                if abandoned.isStopped { return }
                Thread.sleep(forTimeInterval: 0.01)
            }
            action()
        }
    }

    /// Runs `action` every `interval` until the returned repetition is stopped.
    static func every(_ interval: Duration, _ action: @escaping @Sendable () -> Void) -> Repetition {
        let repetition = Repetition()
        Thread.detachNewThread {
            while !repetition.isStopped {
                action()
                Thread.sleep(forTimeInterval: seconds(interval))
            }
        }
        return repetition
    }

    final class Repetition: Sendable {
        private let stopped = Atomic<Bool>(false)
        var isStopped: Bool { stopped.load(ordering: .acquiring) }
        func stop() { stopped.store(true, ordering: .releasing) }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
