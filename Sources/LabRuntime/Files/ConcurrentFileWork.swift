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
            // Each worker takes one run of consecutive indices: the operations are alike, so a
            // static split balances as well as a shared counter would, and callers list files by
            // path, so each worker mostly creates files in folders of its own. Creating a file
            // locks its folder: workers taking every other index fought over the same folder's
            // lock, spinning for it.
            for run in runs(count, width: width) {
                group.addTask {
                    for index in run {
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

    /// Calls `body` with each run of `runs(count, width:)` side by side, on up to `width` threads,
    /// and returns when all are done: for short work the caller waits for (nothing suspends), such
    /// as stat'ing a few thousand files. A single run runs on the calling thread.
    public static func blocking(_ count: Int, width: Int, _ body: (Range<Int>) -> Void) {
        blocking(runs(count, width: width)) { _, run in body(run) }
    }

    /// The same over given runs; `body` also gets the run's position among them.
    ///
    /// `body` runs on several threads at once: what it reads must not change meanwhile, and what
    /// it writes must be its run's alone (slots of a buffer by index, say). The compiler cannot
    /// check this of a closure that captures the caller's state, so it is the caller's promise.
    public static func blocking(_ runs: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if runs.count <= 1 {
            if let run = runs.first { body(0, run) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = SharedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: runs.count) { shared.body($0, runs[$0]) }
        }
    }

    /// Runs `side` on a thread of its own while `main` runs on this one, and returns what `side`
    /// gave once both are done: two independent pieces of short work that block (reading the state
    /// while the sources are walked). Neither may touch what the other does — the caller's promise,
    /// as with `blocking`. When the system has no thread to give, `side` runs here after `main`.
    public static func alongside<Value>(_ side: () -> Value, _ main: () -> Void) -> Value {
        var value: Value?
        withoutActuallyEscaping({ value = side() }) { side in
            let context = Unmanaged.passRetained(SideWork(side)).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                Unmanaged<SideWork>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
            guard started == 0 else {
                Unmanaged<SideWork>.fromOpaque(context).release()
                main()
                side()
                return
            }
            main()
            pthread_join(thread, nil)
        }
        return value!
    }

    /// `alongside`'s side, handed to its thread.
    private final class SideWork: @unchecked Sendable {
        let body: () -> Void

        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// A closure handed to the threads of `blocking`, which keep to the promise above.
    private struct SharedBody: @unchecked Sendable {
        let body: (Int, Range<Int>) -> Void
    }

    /// `0..<count` cut into at most `width` runs of consecutive indices, in order, none empty, whose
    /// lengths differ by one at most.
    public static func runs(_ count: Int, width: Int) -> [Range<Int>] {
        guard count > 0, width > 0 else { return [] }
        let workers = min(width, count)
        let (size, longer) = count.quotientAndRemainder(dividingBy: workers)
        var runs: [Range<Int>] = []
        runs.reserveCapacity(workers)
        var start = 0
        for worker in 0..<workers {
            let end = start + size + (worker < longer ? 1 : 0)
            runs.append(start..<end)
            start = end
        }
        return runs
    }
}
