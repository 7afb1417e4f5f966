import LabRuntime
import Foundation
import LabSpec

/// `lab phase finish N`: `status: done` and the README table — refused while the phase
/// document has unticked items, unless forced.
public struct PhaseFinishPlan: Sendable {
    public var phase: Phase
    /// Items still unticked (empty when forced past them or when there are none).
    public var unticked: [TaskItem]
    public var documentMissing: Bool
    public var labFile: PhaseRecordChanges.LabFileChange?
    public var readme: PhaseRecordChanges.ReadmeChange
}

public enum PhaseFinisher {
    public static func plan(phase id: Int, project: LabProject, lab: Lab) throws -> PhaseFinishPlan {
        guard let phase = lab.phase(id: id) else {
            throw NameLookup.phase(String(id), in: lab)
        }
        let document = try ChecklistStore(files: project.files).load(phase.doc)
        return PhaseFinishPlan(
            phase: phase,
            unticked: document?.items.filter { !$0.isChecked } ?? [],
            documentMissing: document == nil,
            labFile: try PhaseRecordChanges.statusEdit(.done, phase: id, project: project),
            readme: try PhaseRecordChanges.readme(for: PhaseRecordChanges.lab(lab, settingPhase: id, to: .done), project: project))
    }

    /// The caller holds the lab's lock, under which the plan was made.
    public static func apply(_ plan: PhaseFinishPlan, project: LabProject, lab: Lab, holding lock: LabLock) throws {
        if case .update(_, let bytes, let path) = plan.readme {
            try AtomicFile.write(bytes, to: path, removingLeftovers: true)
        }
        if let change = plan.labFile {
            try AtomicFile.write(change.bytes, to: change.path, removingLeftovers: true)
        }
    }
}
