import Foundation
import LabRuntime
import LabSpec

/// `lab status`: each phase with its progress (the task items of its document), and what to do next.
public struct StatusReport: Sendable {
    public struct PhaseLine: Sendable {
        public var id: Int
        public var title: String
        public var weeks: String?
        public var status: PhaseStatus
        public var doc: String
        public var done: Int
        public var total: Int
        public var documentExists: Bool
        /// The phase's exercises in `lab.yml`: what a phase not started yet has to offer.
        public var exercises: Int
    }

    /// The first unticked exercise of the phases in progress.
    public struct Next: Sendable {
        public var exercise: LabOutline.Exercise
        public var phase: Int

        public init(exercise: LabOutline.Exercise, phase: Int) {
            self.exercise = exercise
            self.phase = phase
        }
    }

    public var lab: String
    public var phases: [PhaseLine]
    public var next: Next?
    /// The phase to start when none is in progress.
    public var phaseToStart: Int?
    public var warnings: [String]
    /// How many spaced re-checks are due (`lab review`).
    public var reviewsDue: Int = 0

    public static func make(files: ContainedRoot, outline lab: LabOutline) -> StatusReport {
        let store = ChecklistStore(files: files)
        var report = StatusReport(lab: lab.name, phases: [], next: nil, phaseToStart: nil, warnings: [])
        for phase in lab.phases {
            var line = PhaseLine(
                id: phase.id, title: phase.title, weeks: phase.weeks, status: phase.status, doc: phase.doc,
                done: 0, total: 0, documentExists: false, exercises: phase.exercises.count)
            var document: ChecklistDocument?
            var unreadable = false
            do {
                document = try store.load(phase.doc)
            } catch {
                report.warnings.append(error.description)
                unreadable = true
            }
            if let document {
                line.documentExists = true
                line.total = document.items.count
                line.done = document.items.count { $0.isChecked }
            } else if phase.status != .pending && !unreadable {
                report.warnings.append("phase \(phase.id) is \(phase.status.rawValue) but its document '\(phase.doc)' does not exist (0/0)")
            }
            if phase.status == .inProgress, report.next == nil {
                let unticked = phase.exercises.first { exercise in
                    !(document?.item(forExercise: exercise.id, title: exercise.title)?.isChecked ?? false)
                }
                if let unticked { report.next = Next(exercise: unticked, phase: phase.id) }
            }
            report.phases.append(line)
        }
        if !lab.phases.contains(where: { $0.status == .inProgress }) {
            report.phaseToStart = lab.phases.first { $0.status == .pending }?.id
        }
        return report
    }
}
