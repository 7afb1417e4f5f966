import Foundation
import LabSpec

/// What `lab watch` shows and does, apart from the screen: the exercises of the phases in
/// progress, which are ticked, the one in focus, their last results; and one exercise's check,
/// run as `lab check ID` runs it (its item ticked when it passes).
public enum WatchSession {
    /// The lab as `lab watch` sees it at one moment.
    public struct Snapshot: Sendable {
        public var lab: Lab
        /// The checked and manual exercises of the phases in progress, in `lab.yml`'s order.
        public var exercises: [Exercise]
        public var ticked: Set<String>
        /// The last result `.lab/state.json` holds for each exercise.
        public var last: [String: LabState.Record]
        public var root: URL
        public var labFile: URL

        /// The first unticked exercise, else the first.
        public var nextIndex: Int {
            exercises.firstIndex { !ticked.contains($0.id) } ?? 0
        }
    }

    public static func open(_ location: LabLocation) throws(LabError) -> Snapshot {
        let (project, lab) = try location.openLab()
        let phases = lab.phases.filter { $0.status == .inProgress }
        if phases.isEmpty {
            let next = lab.phases.first { $0.status == .pending } ?? lab.phases.first
            throw .message("no phase is in progress" + (next.map { " (start one with 'lab phase start \($0.id)')" } ?? ""))
        }
        let store = ChecklistStore(files: project.files)
        var ticked: Set<String> = []
        for phase in phases {
            guard let document = try? store.load(phase.doc) else { continue }
            for exercise in phase.exercises where document.item(forExercise: exercise.id, title: exercise.title)?.isChecked == true {
                ticked.insert(exercise.id)
            }
        }
        let state = StateStore.load(files: project.files).state
        return Snapshot(
            lab: lab, exercises: phases.flatMap(\.exercises), ticked: ticked, last: state.exercises, root: project.root,
            labFile: project.labFile)
    }

    /// Runs exercise `id`'s check (its item ticked when it passes); the result, or the signal
    /// that interrupted it.
    public static func check(_ location: LabLocation, exercise id: String) async throws(LabError) -> (result: ExerciseResult?, interruption: Int32?) {
        let collected = Collected()
        let request = CheckWorkflow.Request(location: location, targets: [id], force: true, mark: true)
        let outcome = try await CheckWorkflow.run(request) { event in
            if case .exerciseFinished(_, let result) = event { collected.set(result) }
        }
        if case .finished(_, let signal?) = outcome { return (collected.result, signal) }
        return (collected.result, nil)
    }

    private final class Collected: @unchecked Sendable {
        // Set from the workflow's event callback, read once it has returned.
        private let lock = NSLock()
        private var value: ExerciseResult?
        func set(_ result: ExerciseResult) { lock.withLock { value = result } }
        var result: ExerciseResult? { lock.withLock { value } }
    }
}
