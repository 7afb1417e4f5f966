import Foundation
import Synchronization
import Testing

@testable import LabRuntime

@Suite struct ConcurrentFileWorkTests {
    /// Every index is worked on once, whatever the count and however it splits among the workers.
    @Test(arguments: [0, 1, 2, 3, 7, 64, 501])
    func everyIndexOnce(_ count: Int) async throws {
        let seen = Mutex([Int](repeating: 0, count: count))
        try await ConcurrentFileWork.forEach(count) { index in
            seen.withLock { $0[index] += 1 }
        }
        #expect(seen.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    /// However many workers the machine has, the runs cover every index once, in order, none
    /// empty, as even as can be (a split that ran past the end trapped on 6 cores and more).
    @Test func runsCoverEveryIndexOnceForAnyWidth() {
        for width in 1...16 {
            for count in 0...70 {
                let runs = ConcurrentFileWork.runs(count, width: width)
                #expect(runs.flatMap { Array($0) } == Array(0..<count), "count \(count), width \(width)")
                #expect(runs.count == min(count, width))
                #expect(runs.allSatisfy { !$0.isEmpty })
                let sizes = runs.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
            }
        }
    }

    /// `blocking` calls its body once per run, each run with its own position, and has called
    /// them all when it returns.
    @Test(arguments: [1, 2, 3, 8])
    func blockingVisitsEveryIndexOnce(width: Int) {
        for count in [0, 1, 7, 1000] {
            var visits = [Int](repeating: 0, count: count)
            var owners = [Int](repeating: -1, count: count)
            visits.withUnsafeMutableBufferPointer { visits in
                owners.withUnsafeMutableBufferPointer { owners in
                    ConcurrentFileWork.blocking(ConcurrentFileWork.runs(count, width: width)) { worker, run in
                        for index in run {
                            visits[index] += 1
                            owners[index] = worker
                        }
                    }
                }
            }
            #expect(visits.allSatisfy { $0 == 1 }, "count \(count), width \(width)")
            #expect(owners == owners.sorted(), "each worker a run of consecutive indices")
            #expect(Set(owners).count == min(count, width))
        }
    }

    /// A failure comes back to the caller.
    @Test func aFailureIsThrown() async {
        await #expect(throws: FileError.self) {
            try await ConcurrentFileWork.forEach(50) { index throws(FileError) in
                if index == 37 { throw FileError("write", "file-37", reason: "no space left on device") }
            }
        }
    }

    /// `alongside`'s two pieces run at the same time: the main one waits for a sign from the side
    /// one, which it would never see if the side ran after it. The side's value comes back.
    @Test func theSideRunsAtTheSameTimeAsTheMainWork() {
        let signalled = Atomic<Bool>(false)
        var sawTheSign = false
        let value = ConcurrentFileWork.alongside({ () -> Int in
            signalled.store(true, ordering: .releasing)
            return 42
        }) {
            let deadline = ContinuousClock.now + .seconds(30)
            while !signalled.load(ordering: .acquiring), ContinuousClock.now < deadline { usleep(1_000) }
            sawTheSign = signalled.load(ordering: .acquiring)
        }
        #expect(value == 42)
        #expect(sawTheSign)
    }
}
