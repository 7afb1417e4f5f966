import LabRuntime
import Foundation
import LabSpec

/// `lab phase start N`: writes the phase document (or completes it), renders the phase's
/// scaffolds, sets `status: in-progress` and refreshes the README's phase table. Everything is
/// planned first (that is `--dry-run`), then written under the lab lock; running it again
/// changes nothing.
public struct PhaseStartPlan: Sendable {
    public enum DocumentAction: Sendable {
        case create(RenderedText)
        case complete(PhaseDocument.Completion)
        case unchanged
    }

    public var phase: Phase
    /// The phase document, checked against the lab's no-escape rule.
    public var documentPath: ResolvedPath
    public var document: DocumentAction
    public var scaffolds: ScaffoldPlan?
    public var labFile: PhaseRecordChanges.LabFileChange?
    public var readme: PhaseRecordChanges.ReadmeChange
    /// Things worth knowing that change nothing, e.g. another phase still in progress.
    public var notes: [String]
    public var warnings: [Diagnostic]

    public var changesNothing: Bool {
        if case .unchanged = document {} else { return false }
        if labFile != nil { return false }
        if case .update = readme { return false }
        return !(scaffolds?.hasWrites ?? false)
    }
}

public enum PhaseStarter {
    public static func plan(phase id: Int, project: LabProject, lab: Lab, scaffoldOptions: ScaffoldPlanner.Options = .init()) throws -> PhaseStartPlan {
        guard let phase = lab.phase(id: id) else {
            throw NameLookup.phase(String(id), in: lab)
        }
        var plan = PhaseStartPlan(
            phase: phase, documentPath: try project.files.resolve(phase.doc), document: .unchanged, scaffolds: nil, labFile: nil,
            readme: .unchanged, notes: [], warnings: [])
        let others = lab.phases.filter { $0.status == .inProgress && $0.id != id }
        if !others.isEmpty {
            plan.notes.append(phases(others.map(\.id)) + (others.count == 1 ? " is" : " are") + " still in progress; you can work on several phases at once")
        }
        let skipped = lab.phases.filter { $0.status == .pending && $0.id < id }.map(\.id)
        if !skipped.isEmpty {
            plan.notes.append(
                phases(skipped) + (skipped.count == 1 ? " has" : " have") + " not been started; phases build on each other "
                    + "(the next to start is 'lab phase start \(skipped[0])'), but you can go on")
        }
        if phase.status == .done {
            plan.notes.append("phase \(id) was done; starting it again marks it in progress")
        }

        // 1. The document.
        var startedPhase = phase
        startedPhase.status = .inProgress
        var documents: [String: [UInt8]] = [:]
        if let existing = try ChecklistStore(files: project.files).load(phase.doc) {
            if let completion = PhaseDocument.completing(existing.bytes, for: phase) {
                plan.document = .complete(completion)
                documents[phase.doc] = completion.bytes
            }
        } else {
            let rendered = try PhaseDocument.render(startedPhase, in: lab, root: project.root)
            plan.warnings += rendered.warnings
            plan.document = .create(rendered)
            documents[phase.doc] = rendered.bytes
        }

        // 2. The scaffolds.
        let scaffolds = phase.scaffold.compactMap { lab.scaffold(named: $0) }
        if !scaffolds.isEmpty {
            plan.scaffolds = ScaffoldPlanner(root: project.root, lab: lab, options: scaffoldOptions).plan(scaffolds)
        }

        // 3. lab.yml, 4. the README.
        plan.labFile = try PhaseRecordChanges.statusEdit(.inProgress, phase: id, project: project)
        plan.readme = try PhaseRecordChanges.readme(
            for: PhaseRecordChanges.lab(lab, settingPhase: id, to: .inProgress), project: project, documents: documents)
        return plan
    }

    /// `phase 2`, `phases 2 and 3`, `phases 2, 3 and 4`.
    static func phases(_ ids: [Int]) -> String {
        let names = ids.map(String.init)
        guard let last = names.last, names.count > 1 else { return "phase " + (names.first ?? "") }
        return "phases " + names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Writes the plan: the document, the scaffolds, the README, and `lab.yml` last, so an
    /// interrupted start is finished by running it again.
    /// The caller holds the lab's lock, under which the plan was made.
    public static func apply(_ plan: PhaseStartPlan, project: LabProject, holding lock: LabLock) async throws -> ScaffoldApplier.Outcome? {
        if let scaffolds = plan.scaffolds, scaffolds.isBlocked {
            throw LabError.message("the scaffolds of phase \(plan.phase.id) cannot be rendered, so nothing was written")
        }
        let doc = plan.phase.doc
        switch plan.document {
        case .create(let rendered):
            try FileSystem.createDirectory(plan.documentPath.parent)
            guard !FileSystem.exists(plan.documentPath.absolute) else {
                throw LabError.message("'\(doc)' appeared while the phase was being started; run 'lab phase start \(plan.phase.id)' again")
            }
            try AtomicFile.write(rendered.bytes, to: plan.documentPath, removingLeftovers: true)
        case .complete(let completion):
            // Another writer may have ticked something since the plan: complete what is there now.
            guard let current = try ChecklistStore(files: project.files).load(doc) else {
                throw LabError.message("'\(doc)' disappeared while the phase was being started")
            }
            if let fresh = PhaseDocument.completing(current.bytes, for: plan.phase) {
                try AtomicFile.write(fresh.bytes, to: plan.documentPath, removingLeftovers: true)
            }
            _ = completion
        case .unchanged:
            break
        }
        var outcome: ScaffoldApplier.Outcome?
        if let scaffolds = plan.scaffolds, !scaffolds.isBlocked {
            outcome = try await ScaffoldApplier.apply(scaffolds, files: project.files, holding: lock)
        }
        if case .update(_, let bytes, let path) = plan.readme {
            try AtomicFile.write(bytes, to: path, removingLeftovers: true)
        }
        if let change = plan.labFile {
            try AtomicFile.write(change.bytes, to: change.path, removingLeftovers: true)
        }
        return outcome
    }
}
