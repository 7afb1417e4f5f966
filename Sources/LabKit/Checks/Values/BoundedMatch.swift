import Dispatch
import Foundation
import Synchronization

/// A lab's regular expression matched against text in bounded time. Swift's `Regex` backtracks,
/// and a pattern such as `^(a+)+$` or `^(a|aa)+$` on forty `a`s and a `!` takes longer than the
/// universe has: matched in place, it held `lab check` past every timeout, Ctrl-C included. The
/// match runs on a thread of its own; the caller waits for it at most `budget`, and no longer than
/// its task is not cancelled. A match given up on keeps its thread busy until `lab` exits.
enum BoundedMatch {
    enum Outcome: Equatable {
        case matched
        case unmatched
        case invalid
        /// Not done within the budget, or the run was cancelled meanwhile.
        case givenUp
    }

    /// How long one match may take: far beyond any match that ends.
    static let budget: Duration = .seconds(5)

    /// What a match given up on says, after "/PATTERN/".
    static let givenUpReason = "was not done matching after 5s: a pattern that can backtrack without end on this text, such as (a+)+ or (a|aa)+; write it without a repeated group that can match the same text in more than one way"

    static func firstMatch(_ pattern: String, in text: String, budget: Duration = budget) -> Outcome {
        let job = Job(pattern: pattern, text: text)
        let context = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
            job.run()
            return nil
        }, context)
        guard started == 0 else {
            // No thread to be had: matched in place, as before.
            Unmanaged<Job>.fromOpaque(context).release()
            return job.match()
        }
        pthread_detach(thread)
        let deadline = ContinuousClock.now + budget
        while true {
            // In slices, so that a cancelled run (Ctrl-C) stops waiting at once.
            if Task.isCancelled { return .givenUp }
            if job.done.wait(timeout: .now() + .milliseconds(50)) == .success { return job.outcome.withLock { $0 } ?? .givenUp }
            if ContinuousClock.now >= deadline { return .givenUp }
        }
    }

    private final class Job: Sendable {
        let pattern: String
        let text: String
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Outcome?>(nil)

        init(pattern: String, text: String) {
            self.pattern = pattern
            self.text = text
        }

        func run() {
            let result = match()
            outcome.withLock { $0 = result }
            done.signal()
        }

        func match() -> Outcome {
            guard let regex = try? Regex(pattern).anchorsMatchLineEndings() else { return .invalid }
            return text.firstMatch(of: regex) == nil ? .unmatched : .matched
        }
    }
}
