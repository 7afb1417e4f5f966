#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process groups of the commands running right now, kept so that a signal handler can kill
/// them all.
///
/// The registry is a fixed table of atomic slots rather than a locked collection: reading it and
/// calling `kill(2)` take no lock and allocate nothing, so `killAll` is safe even in a signal
/// handler (once the table exists, which the first registration guarantees).
enum ProcessGroupRegistry {
    static let capacity = 1024

    // Allocated once and never freed; zero marks a free slot.
    private nonisolated(unsafe) static let slots: UnsafeMutablePointer<Atomic<Int32>> = {
        let table = UnsafeMutablePointer<Atomic<Int32>>.allocate(capacity: capacity)
        for index in 0..<capacity {
            (table + index).initialize(to: Atomic(0))
        }
        return table
    }()

    /// Records a live group; returns its slot, or nil when more than `capacity` commands run at once
    /// (the group is then only reachable through its own timeout and cancellation).
    static func register(_ group: pid_t) -> Int? {
        for index in 0..<capacity {
            if slots[index].compareExchange(expected: 0, desired: group, ordering: .acquiringAndReleasing).exchanged {
                return index
            }
        }
        return nil
    }

    /// Forgets a group; called before its leader is reaped so that a recycled id is never signalled.
    static func unregister(slot: Int) {
        slots[slot].store(0, ordering: .releasing)
    }

    /// Sends `signal` to every registered group.
    static func killAll(signal: Int32) {
        for index in 0..<capacity {
            let group = slots[index].load(ordering: .acquiring)
            if group > 0 {
                _ = kill(-group, signal)
            }
        }
    }

    /// The groups registered right now.
    static var liveGroups: [pid_t] {
        (0..<capacity).compactMap { index in
            let group = slots[index].load(ordering: .acquiring)
            return group > 0 ? group : nil
        }
    }
}
