import Foundation
import LabRuntime
import LabSpec

/// `lab review`: re-runs the checks of passed exercises whose review is due (see
/// `ReviewSchedule`), as `lab check --force --no-mark` would — a failure is recorded and reported
/// as a regression — then records a `reviewed` event per exercise, with its outcome, under the
/// lab lock, and works out when each is due next.
public enum ReviewWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        /// Only show what is due; run nothing.
        public var listOnly: Bool
        /// Run every review that is due; otherwise the `batch` most overdue.
        public var allDue: Bool
        public var batch: Int
        public var now: Date

        public init(location: LabLocation, listOnly: Bool = false, allDue: Bool = false, batch: Int = 5, now: Date) {
            self.location = location
            self.listOnly = listOnly
            self.allDue = allDue
            self.batch = batch
            self.now = now
        }
    }

    public struct Result: Sendable {
        public var now: Date
        /// The schedule before the run.
        public var schedule: ReviewSchedule
        /// The exercises re-checked, with how each ended.
        public var reviewed: [ExerciseResult]
        /// Due, but left for the next `lab review` (without `allDue`).
        public var postponed: [String]
        /// The schedule after the run: when each is due next.
        public var next: ReviewSchedule
        public var warnings: [String]
        /// Whether a review failed (or could not be recorded).
        public var failed: Bool
        public var interruption: Int32?
    }

    /// Whether any review is due in `project`'s lab at `now`: for `lab status`.
    public static func dueCount(files: ContainedRoot, outline: LabOutline, now: Date) -> Int {
        let journal = JournalStore.load(files: files)
        return ReviewSchedule.make(journal: journal, outline: outline, intervals: outline.reviewIntervals, now: now).due(at: now).count
    }

    public static func run(_ request: Request, events: @escaping @Sendable (CheckWorkflow.Event) -> Void) async throws(LabError) -> Result {
        let (project, lab) = try request.location.openLab()
        let journal = JournalStore.load(files: project.files)
        var warnings = journal.warnings
        if !journal.exists && journal.warnings.isEmpty {
            warnings.append("no journal yet (\(JournalStore.path)): exercises enter the review schedule when they pass")
        }
        let schedule = ReviewSchedule.make(journal: journal, lab: lab, intervals: lab.review.intervals, now: request.now)
        warnings += schedule.notes
        let due = schedule.due(at: request.now)
        let selected = request.allDue ? due : Array(due.prefix(request.batch))
        var result = Result(
            now: request.now, schedule: schedule, reviewed: [], postponed: due.dropFirst(selected.count).map(\.exercise), next: schedule,
            warnings: warnings, failed: false, interruption: nil)
        if request.listOnly || selected.isEmpty { return result }

        let collected = Collected()
        var check = CheckWorkflow.Request(location: request.location, targets: selected.map(\.exercise), force: true, mark: false)
        check.recordedAt = request.now
        let outcome = try await CheckWorkflow.run(check) { event in
            if case .exerciseFinished(_, let exerciseResult) = event { collected.add(exerciseResult) }
            events(event)
        }
        if case .finished(let failed, let interruption) = outcome {
            result.failed = failed
            result.interruption = interruption
        }
        // Only what ran to an outcome is recorded: an interrupted run records what finished.
        // In the order they were due, not the order they finished in (checks run side by side).
        let position = Dictionary(selected.enumerated().map { ($1.exercise, $0) }, uniquingKeysWith: { first, _ in first })
        let finished = collected.results.filter { $0.status == .passed || $0.status.isFailure }
            .sorted { position[$0.id, default: .max] < position[$1.id, default: .max] }
        result.reviewed = finished
        let lock = try project.lock()
        var recording = JournalRecording(files: project.files, root: project.root.path, lock: lock, now: request.now)
        let reviewEvents = finished.map { item in
            JournalEvent(.reviewed, at: request.now, exercise: item.id, phase: item.phase, duration: item.duration, outcome: item.status.rawValue)
        }
        if !reviewEvents.isEmpty && recording.append(reviewEvents) == nil { result.failed = true }
        result.warnings += recording.warnings
        let updated = recording.current()
        result.next = ReviewSchedule.make(journal: updated, lab: lab, intervals: lab.review.intervals, now: request.now)
        return result
    }

    private final class Collected: @unchecked Sendable {
        // Written from the workflow's event callback, which is called one event at a time.
        private let lock = NSLock()
        private var items: [ExerciseResult] = []
        func add(_ item: ExerciseResult) { lock.withLock { items.append(item) } }
        var results: [ExerciseResult] { lock.withLock { items } }
    }
}
