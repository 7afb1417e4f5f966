import Foundation
import Synchronization

/// Runs independent file operations on several threads at once. Creating a file waits mostly on
/// the file system, not the CPU, so a few writers in flight finish a batch of hundreds of small
/// files in a fraction of the time one writer takes.
enum ConcurrentFileWork {
    /// How many operations are in flight at most.
    static let width = 8

    /// Calls `body(index)` for every index in `0..<count`, on up to `width` threads; returns when all
    /// are done, throwing the first error (the others still finish or are skipped).
    static func forEach(_ count: Int, _ body: @escaping @Sendable (Int) throws(FileError) -> Void) throws(FileError) {
        if count <= 1 {
            for index in 0..<count { try body(index) }
            return
        }
        let state = Mutex<(next: Int, error: FileError?)>((0, nil))
        let group = DispatchGroup()
        for _ in 0..<min(width, count) {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                defer { group.leave() }
                while true {
                    let index: Int? = state.withLock { state in
                        guard state.error == nil, state.next < count else { return nil }
                        state.next += 1
                        return state.next - 1
                    }
                    guard let index else { return }
                    do throws(FileError) {
                        try body(index)
                    } catch {
                        state.withLock { state in
                            if state.error == nil { state.error = error }
                        }
                    }
                }
            }
        }
        group.wait()
        if let error = state.withLock({ $0.error }) { throw error }
    }
}
