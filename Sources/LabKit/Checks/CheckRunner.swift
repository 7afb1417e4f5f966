import LabRuntime
import Foundation
import LabSpec
import Synchronization

/// Runs a check plan: up to `jobs` exercises at once, the steps of each in order; reports each
/// exercise as it finishes, and stops early on `failFast` or when the task is cancelled (Ctrl-C).
public struct CheckRunner: Sendable {
    /// What the workers share: settled results, the next exercise to take, what is running and
    /// the steps it finished, and whether a failure stopped the run (`failFast`).
    private final class SharedState: Sendable {
        let results: Mutex<[ExerciseResult?]>
        let next = Mutex(0)
        let running = Mutex<[Int: [StepResult]]>([:])
        /// How long each exercise the run stopped had run.
        let ranFor = Mutex<[Int: Double]>([:])
        let stopped = Mutex(false)

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
        /// The quizzes answered so far (from the state), by exercise.
        public var quizzes: [String: [QuizRecord]] = [:]
        /// The lines of the note template a `note` step with `no_placeholders` refuses.
        public var noteTemplateLines: Set<String> = []

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

    /// Results in plan order. Exercises the run stopped before they finished (`failFast`, or
    /// cancellation) are `notRun`, with the reason, and `wasRunning` when they had started.
    public func run(_ plan: CheckPlan, onEvent: @escaping @Sendable (Event) -> Void) async -> [ExerciseResult] {
        let items = plan.items
        let shared = SharedState(count: items.count)
        Self.settle(items, shared: shared, onEvent: onEvent)
        let runnable = items.indices.filter { items[$0].decision == .run }
        guard !runnable.isEmpty else { return shared.results.withLock { settled in settled.compactMap { $0 } } }
        await runLanes(runnable, items: items, shared: shared, onEvent: onEvent)
        return shared.results.withLock { settled in settled.compactMap { $0 } }
    }

    /// The results of a plan that runs nothing — every exercise up to date, skipped or manual —
    /// settled on the calling thread: what `run` gives for it, with no task.
    public func results(runningNothing plan: CheckPlan, onEvent: (Event) -> Void) -> [ExerciseResult] {
        precondition(plan.runsNothing, "a plan with exercises to run")
        let shared = SharedState(count: plan.items.count)
        Self.settle(plan.items, shared: shared, onEvent: onEvent)
        return shared.results.withLock { settled in settled.compactMap { $0 } }
    }

    /// Settles the results that need no process at once, in order, so that they print first.
    private static func settle(_ items: [CheckPlan.Item], shared: SharedState, onEvent: (Event) -> Void) {
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
    }

    /// Runs the exercises at `runnable` (indices of `items`), up to `jobs` at once; then reports
    /// those the run stopped before they finished.
    private func runLanes(
        _ runnable: [Int], items: [CheckPlan.Item], shared: SharedState, onEvent: @escaping @Sendable (Event) -> Void
    ) async {
        var runner = ExerciseRunner(root: root.path, defaults: lab.defaults, processRunner: processRunner, tailLimit: options.tailLimit)
        runner.directExecution = options.directExecution && DirectCommand.shellIsDash(lab.defaults.shell, locator: ProgramLocator())
        runner.quizzes = options.quizzes
        runner.noteTemplateLines = options.noteTemplateLines
        let exerciseRunner = runner

        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(options.jobs, runnable.count) {
                group.addTask {
                    while !Task.isCancelled {
                        let position = shared.next.withLock { value -> Int? in
                            guard value < runnable.count else { return nil }
                            value += 1
                            return value - 1
                        }
                        guard let position, !shared.stopped.withLock({ $0 }) else { return }
                        let index = runnable[position]
                        let item = items[index]
                        let exercise = item.exercise
                        shared.running.withLock { $0[index] = [] }
                        onEvent(.started(index: index, id: exercise.id))
                        let clock = ContinuousClock.now
                        let outcome = await exerciseRunner.run(exercise)
                        if outcome.cancelled {
                            shared.running.withLock { $0[index] = outcome.steps }
                            shared.ranFor.withLock { $0[index] = (ContinuousClock.now - clock).seconds }
                            return
                        }
                        shared.running.withLock { $0[index] = nil }
                        var result = ExerciseResult(
                            id: exercise.id, phase: exercise.phase, title: exercise.title, status: outcome.status,
                            duration: (ContinuousClock.now - clock).seconds, reason: outcome.reason, steps: outcome.steps,
                            fingerprint: outcome.status == .passed ? item.fingerprint : nil)
                        if result.status != .passed { result.fingerprint = nil }
                        result.stepCount = exercise.verify.count
                        shared.results.withLock { $0[index] = result }
                        onEvent(.finished(index: index, result: result))
                        if options.failFast && result.status.isFailure {
                            shared.stopped.withLock { $0 = true }
                            return
                        }
                    }
                }
            }
            // Fail-fast: once one worker records a failure, the others' running steps are killed.
            while await group.next() != nil {
                if shared.stopped.withLock({ $0 }) { group.cancelAll() }
            }
        }

        // What the run stopped before it finished: those that were running first, each reported.
        let failedFast = shared.stopped.withLock { $0 }
        let running = shared.running.withLock { $0 }
        let unfinished = shared.results.withLock { settled in settled.indices.filter { settled[$0] == nil } }
        for index in unfinished.sorted(by: { (running[$0] != nil ? 0 : 1, $0) < (running[$1] != nil ? 0 : 1, $1) }) {
            let exercise = items[index].exercise
            var notRun = ExerciseResult(id: exercise.id, phase: exercise.phase, title: exercise.title, status: .notRun)
            notRun.stepCount = exercise.verify.count
            let cause = failedFast ? "--fail-fast: stopped" : "interrupted"
            if let steps = running[index] {
                notRun.wasRunning = true
                notRun.steps = steps
                // How long it ran before it was stopped, its steps' processes killed included.
                notRun.duration = shared.ranFor.withLock { $0[index] } ?? 0
                let step = min(steps.count + 1, exercise.verify.count)
                notRun.reason = "\(cause) during step \(step) of \(exercise.verify.count) (its processes were killed)"
            } else {
                notRun.reason = failedFast ? "--fail-fast: stopped after a failure, before it started" : "interrupted before it started"
            }
            shared.results.withLock { $0[index] = notRun }
            onEvent(.finished(index: index, result: notRun))
        }
    }
}
