import LabRuntime
import LabSpec

/// `lab scaffold [NAME…]`: plans every file, checks every path, and writes the plan under the lab
/// lock — or, with `--dry-run`, only plans.
public enum ScaffoldWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var names: [String]
        public var dryRun: Bool
        public var options: ScaffoldPlanner.Options
        /// Rebuild `.lab/scaffold.lock` from `.lab/base/` first (a lock that no longer reads).
        public var repairLock: Bool

        public init(location: LabLocation, names: [String], dryRun: Bool, options: ScaffoldPlanner.Options, repairLock: Bool = false) {
            self.location = location
            self.names = names
            self.dryRun = dryRun
            self.options = options
            self.repairLock = repairLock
        }
    }

    public enum Result: Sendable {
        /// No scaffold to render: the lab defines none, or none of them is due yet.
        case nothingToScaffold(labHasScaffolds: Bool)
        /// The plan, and what applying it did (nil: not applied — a dry run or a blocked plan);
        /// `repairedLock`: how many files the rebuilt lock records, when it was rebuilt.
        case planned(ScaffoldPlan, project: LabProject, outcome: ScaffoldApplier.Outcome?, repairedLock: Int? = nil)
    }

    public static func run(_ request: Request) async throws(LabError) -> Result {
        let (project, lab) = try request.location.openLab()
        let scaffolds = try ScaffoldSelection.select(request.names, in: lab)
        guard !scaffolds.isEmpty else { return .nothingToScaffold(labHasScaffolds: !lab.scaffolds.isEmpty) }
        let planner = ScaffoldPlanner(root: project.root, lab: lab, options: request.options)
        if request.repairLock {
            return try await repairLockThenRun(request, project: project, lab: lab, scaffolds: scaffolds, planner: planner)
        }
        if request.dryRun {
            return .planned(planner.plan(scaffolds), project: project, outcome: nil)
        }
        // Take the lab's lock before planning, so the plan still holds when it is applied; in a
        // lab without `.lab/` yet, plan first so that a refused run creates nothing, and plan
        // again under the lock if the disk changed meanwhile.
        var lock: LabLock?
        if FileSystem.kind(project.path(".lab")) == .directory { lock = try project.lock() }
        var plan = planner.plan(scaffolds)
        if lock == nil, !plan.isBlocked, plan.hasWrites {
            lock = try project.lock()
            if !plan.stillMatchesDisk(root: project.root) { plan = planner.plan(scaffolds) }
        }
        guard let lock, !plan.isBlocked else { return .planned(plan, project: project, outcome: nil) }
        do {
            let outcome = try await ScaffoldApplier.apply(plan, files: project.files, holding: lock)
            return .planned(plan, project: project, outcome: outcome)
        } catch {
            throw .file(error)
        }
    }

    /// `--repair-lock`: under the lab lock, the lock file rebuilt from the merge bases of every
    /// scaffold of the lab, written, and then the run as usual (a dry run writes nothing).
    private static func repairLockThenRun(
        _ request: Request, project: LabProject, lab: Lab, scaffolds: [Scaffold], planner: ScaffoldPlanner
    ) async throws(LabError) -> Result {
        let lock = request.dryRun ? nil : try project.lock()
        let rebuilt: ScaffoldLock
        do {
            rebuilt = try ScaffoldLock.rebuilt(for: lab.scaffolds, files: project.files)
            if lock != nil {
                try FileSystem.createDirectory(project.files.resolve(".lab"))
                try AtomicFile.write(
                    Array(rebuilt.text.utf8), to: project.files.resolve(ScaffoldLock.path), mode: 0o644, removingLeftovers: true)
            }
        } catch {
            throw .file(error)
        }
        let count = rebuilt.scaffolds.values.reduce(0) { $0 + $1.files.count }
        let plan = planner.plan(scaffolds, knownLock: request.dryRun ? rebuilt : nil)
        guard let lock, !plan.isBlocked else { return .planned(plan, project: project, outcome: nil, repairedLock: count) }
        do {
            let outcome = try await ScaffoldApplier.apply(plan, files: project.files, holding: lock)
            return .planned(plan, project: project, outcome: outcome, repairedLock: count)
        } catch {
            throw .file(error)
        }
    }
}
