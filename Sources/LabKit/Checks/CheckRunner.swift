import LabRuntime
import Foundation
import LabSpec
import Synchronization

/// Runs a check plan: up to `jobs` exercises at once, the steps of each in order; reports each
/// exercise as it finishes, and stops early on `failFast` or when the task is cancelled (Ctrl-C).
public struct CheckRunner: Sendable {
    /// What the workers share: settled results, the next exercise to take, and why the run stopped.
    private final class SharedState: Sendable {
        let results: Mutex<[ExerciseResult?]>
        let next = Mutex(0)
        let stopped = Mutex<String?>(nil)

        init(count: Int) {
            results = Mutex(Array(repeating: nil, count: count))
        }
    }

    public struct Options: Sendable {
        public var jobs: Int
        public var failFast: Bool
        public var tailLimit: Int
        /// Execute a command that is a plain word list without the shell, when the shell is dash
        /// (see `DirectCommand`).
        public var directExecution: Bool

        public init(jobs: Int, failFast: Bool = false, tailLimit: Int = 64 * 1024, directExecution: Bool = true) {
            self.jobs = max(1, jobs)
            self.failFast = failFast
            self.tailLimit = tailLimit
            self.directExecution = directExecution
        }
    }

    /// What the runner reports while it works, for a live progress view.
    public enum Event: Sendable {
        case started(index: Int, id: String)
        case finished(index: Int, result: ExerciseResult)
    }

    let root: URL
    let lab: Lab
    let options: Options
    let processRunner: ProcessRunner

    public init(root: URL, lab: Lab, options: Options, processRunner: ProcessRunner = ProcessRunner()) {
        self.root = root
        self.lab = lab
        self.options = options
        self.processRunner = processRunner
    }

    /// Results in plan order. Exercises not run because of `failFast` or cancellation are
    /// `skipped` with the reason.
    public func run(_ plan: CheckPlan, onEvent: @escaping @Sendable (Event) -> Void) async -> [ExerciseResult] {
        let items = plan.items
        let shared = SharedState(count: items.count)
        var runner = ExerciseRunner(root: root.path, defaults: lab.defaults, processRunner: processRunner, tailLimit: options.tailLimit)
        runner.directExecution = options.directExecution && DirectCommand.shellIsDash(lab.defaults.shell, locator: ProgramLocator())
        let exerciseRunner = runner

        // Results that need no process are settled at once, in order, so they print first.
        for (index, item) in items.enumerated() {
            let exercise = item.exercise
            var result: ExerciseResult?
            switch item.decision {
            case .manual:
                result = ExerciseResult(id: exercise.id, phase: exercise.phase, title: exercise.title, status: .manual, reason: "manual: tick it with 'lab mark \(exercise.id)'")
            case .skip(let reason):
                result = ExerciseResult(id: exercise.id, phase: exercise.phase, title: exercise.title, status: .skipped, reason: reason)
                result?.missingPrograms = item.missingPrograms
            case .upToDate:
                result = ExerciseResult(id: exercise.id, phase: exercise.phase, title: exercise.title, status: .upToDate, fingerprint: item.fingerprint)
            case .run:
                break
            }
            if var result {
                result.stepCount = exercise.verify.count
                shared.results.withLock { $0[index] = result }
                onEvent(.finished(index: index, result: result))
            }
        }
        let runnable = items.indices.filter { items[$0].decision == .run }

        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.jobs, runnable.count) {
                group.addTask {
                    while !Task.isCancelled {
                        let position = shared.next.withLock { value -> Int? in
                            guard value < runnable.count else { return nil }
                            value += 1
                            return value - 1
                        }
                        guard let position, shared.stopped.withLock({ $0 }) == nil else { return }
                        let index = runnable[position]
                        let item = items[index]
                        let exercise = item.exercise
                        onEvent(.started(index: index, id: exercise.id))
                        let clock = ContinuousClock.now
                        let outcome = await exerciseRunner.run(exercise)
                        if outcome.cancelled { return }
                        var result = ExerciseResult(
                            id: exercise.id, phase: exercise.phase, title: exercise.title, status: outcome.status,
                            duration: (ContinuousClock.now - clock).seconds, reason: outcome.reason, steps: outcome.steps,
                            fingerprint: outcome.status == .passed ? item.fingerprint : nil)
                        if result.status != .passed { result.fingerprint = nil }
                        result.stepCount = exercise.verify.count
                        shared.results.withLock { $0[index] = result }
                        onEvent(.finished(index: index, result: result))
                        if options.failFast && result.status.isFailure {
                            shared.stopped.withLock { $0 = "not run: an earlier check failed (--fail-fast)" }
                            return
                        }
                    }
                }
            }
            // Fail-fast: once one worker records a failure, the others' running steps are killed.
            while await group.next() != nil {
                if shared.stopped.withLock({ $0 }) != nil { group.cancelAll() }
            }
        }

        let stopReason = shared.stopped.withLock { $0 } ?? "not run: interrupted"
        return shared.results.withLock { settled in
            settled.enumerated().map { index, result in
                if let result { return result }
                let exercise = items[index].exercise
                return ExerciseResult(id: exercise.id, phase: exercise.phase, title: exercise.title, status: .skipped, reason: stopReason)
            }
        }
    }
}
