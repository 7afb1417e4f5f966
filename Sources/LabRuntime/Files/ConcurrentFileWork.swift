import Foundation

/// Runs independent file operations side by side. Writing hundreds of small files is mostly
/// system-call work, so a writer per core finishes a batch in a fraction of one writer's time.
public enum ConcurrentFileWork {
    /// Calls `body(index)` for every index in `0..<count`, on up to one task per core; returns when
    /// all are done, throwing the first error (the other tasks stop at their next index).
    public static func forEach(_ count: Int, _ body: @escaping @Sendable (Int) throws(FileError) -> Void) async throws(FileError) {
        let width = min(count, max(2, ProcessInfo.processInfo.activeProcessorCount))
        if width <= 1 {
            for index in 0..<count { try body(index) }
            return
        }
        let failure = await withTaskGroup(of: FileError?.self) { group -> FileError? in
            // Worker `w` takes the `w`th of `width` runs of consecutive indices: the operations are
            // alike, so a static split balances as well as a shared counter would, and callers list
            // files by path, so each worker mostly creates files in folders of its own. Creating
            // a file locks its folder: workers taking every other index fought over the same
            // folder's lock, and spinning for it cost more CPU than the writes.
            let chunk = (count + width - 1) / width
            for worker in 0..<width {
                group.addTask {
                    for index in (worker * chunk)..<min(count, (worker + 1) * chunk) {
                        if Task.isCancelled { return nil }
                        do throws(FileError) {
                            try body(index)
                        } catch {
                            return error
                        }
                    }
                    return nil
                }
            }
            for await result in group {
                if let error = result {
                    group.cancelAll()
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
    }
}
