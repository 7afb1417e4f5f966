import LabSpec

/// `lab phase start N` and `lab phase finish N`: each plans under the lab lock, from `lab.yml` as
/// it is once the lock is held, records the change of status in the journal, writes the plan and
/// redraws the lab's pictures before letting go (`--dry-run`: plans only, without the lock, and
/// writes nothing).
public enum PhaseWorkflow {
    public struct StartRequest: Sendable {
        public var location: LabLocation
        public var phase: Int
        public var dryRun: Bool

        public init(location: LabLocation, phase: Int, dryRun: Bool) {
            self.location = location
            self.phase = phase
            self.dryRun = dryRun
        }
    }

    public struct StartResult: Sendable {
        public var project: LabProject
        public var lab: Lab
        public var plan: PhaseStartPlan
        /// Whether the plan was written (not a dry run, not blocked, not empty).
        public var applied: Bool
        public var scaffoldOutcome: ScaffoldApplier.Outcome?
        /// What could not be recorded in the journal or redrawn, once the phase started.
        public var warnings: [String] = []
    }

    /// `planned` sees the plan before anything is written, so that what will change can be shown
    /// first.
    public static func start(
        _ request: StartRequest, planned: (StartResult) -> Void = { _ in }
    ) async throws(LabError) -> StartResult {
        let project: LabProject
        let lab: Lab
        var lock: LabLock?
        if request.dryRun {
            (project, lab) = try request.location.openLab()
        } else {
            let locked = try request.location.openLabLocked()
            (project, lab, lock) = (locked.0, locked.1, locked.2)
        }
        let plan: PhaseStartPlan
        do {
            plan = try PhaseStarter.plan(phase: request.phase, project: project, lab: lab)
        } catch {
            throw LabError(error)
        }
        if lock != nil { try ProgressRefresh.checkPaths(lab, project: project) }
        var result = StartResult(project: project, lab: lab, plan: plan, applied: false)
        planned(result)
        guard let lock, !(plan.scaffolds?.isBlocked ?? false) else { return result }
        guard !plan.changesNothing else {
            // Started already — maybe by a run stopped while it redrew the table and the pictures:
            // they are drawn again (an unchanged picture is not rewritten) and the temporary
            // files such a run left are removed.
            result.warnings = ProgressRefresh.run(project: project, lab: lab, readme: true, holding: lock)
            return result
        }
        var journal = JournalRecording(files: project.files, root: project.root.path, lock: lock)
        // The journal first: a start cut short by a kill is finished by running it again, which
        // finds the event recorded.
        let appended = plan.labFile == nil ? nil : journal.append(
            [journal.current().phaseEvent(phase: request.phase, started: true, at: journal.now)].compactMap { $0 })
        do {
            result.scaffoldOutcome = try await PhaseStarter.apply(plan, project: project, holding: lock)
        } catch {
            journal.undo(appended)
            throw LabError(error)
        }
        result.applied = true
        let started = PhaseRecordChanges.lab(lab, settingPhase: request.phase, to: .inProgress)
        result.warnings = journal.warnings + ProgressRefresh.run(project: project, lab: started, readme: false, holding: lock)
        return result
    }

    public struct FinishRequest: Sendable {
        public var location: LabLocation
        public var phase: Int
        public var force: Bool

        public init(location: LabLocation, phase: Int, force: Bool) {
            self.location = location
            self.phase = phase
            self.force = force
        }
    }

    public enum FinishResult: Sendable {
        /// Not finished: the document is missing or has unticked items, and `force` was not given.
        case refused(PhaseFinishPlan)
        case alreadyDone(PhaseFinishPlan)
        /// Finished; `next` is what to work on now, `readme` the README's path.
        case finished(PhaseFinishPlan, next: Next, readme: String)
    }

    /// What comes after a finished phase: the phases still in progress, else the first pending one.
    public struct Next: Sendable, Equatable {
        public var inProgress: [Int]
        public var pending: Int?
    }

    /// `warning` receives what could not be recorded in the journal or redrawn, once the phase is done.
    public static func finish(_ request: FinishRequest, warning: (String) -> Void = { _ in }) throws(LabError) -> FinishResult {
        let (project, lab, lock) = try request.location.openLabLocked()
        let plan: PhaseFinishPlan
        do {
            plan = try PhaseFinisher.plan(phase: request.phase, project: project, lab: lab)
        } catch {
            throw LabError(error)
        }
        var readmeChanges = false
        if case .update = plan.readme { readmeChanges = true }
        // Done already (finished with --force, say): nothing to refuse, whatever is unticked. A
        // finish stopped while it redrew the pictures left them stale: they are drawn again.
        if plan.labFile == nil && !readmeChanges {
            for message in ProgressRefresh.run(project: project, lab: lab, readme: false, holding: lock) { warning(message) }
            return .alreadyDone(plan)
        }
        if !request.force && (plan.documentMissing || !plan.unticked.isEmpty) { return .refused(plan) }
        try ProgressRefresh.checkPaths(lab, project: project)
        var journal = JournalRecording(files: project.files, root: project.root.path, lock: lock)
        let appended = plan.labFile == nil ? nil : journal.append(
            [journal.current().phaseEvent(phase: request.phase, started: false, at: journal.now)].compactMap { $0 })
        do {
            try PhaseFinisher.apply(plan, project: project, lab: lab, holding: lock)
        } catch {
            journal.undo(appended)
            throw LabError(error)
        }
        let finished = PhaseRecordChanges.lab(lab, settingPhase: request.phase, to: .done)
        for message in journal.warnings + ProgressRefresh.run(project: project, lab: finished, readme: false, holding: lock) {
            warning(message)
        }
        let others = lab.phases.filter { $0.id != request.phase }
        let next = Next(
            inProgress: others.filter { $0.status == .inProgress }.map(\.id),
            pending: (others.first { $0.id > request.phase && $0.status == .pending } ?? others.first { $0.status == .pending })?.id)
        return .finished(plan, next: next, readme: lab.paths.readme)
    }
}
