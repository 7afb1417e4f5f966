import LabRuntime
import LabSpec

/// What a `lab check` run is made from, settled before anything runs: the plan, the stamps of the
/// source files it fingerprinted, and the state it was compared with.
public struct CheckPreparation: Sendable {
    public var plan: CheckPlan
    /// The stamps of the source files hashed in this run (new or changed), to add to the state.
    public var stamps: StampTable
    /// Problems reading the state (it is then taken as empty), and `sources` patterns that match
    /// no file.
    public var warnings: [String]
    /// The state the plan was made from, and the stamp its file had then.
    var state: LabState
    var stateStamp: FileSystem.Stamp?
    /// The state file is of an earlier version.
    var stateOutdated = false

    /// Plans `exercises`: reads the state, fingerprints what has `sources`, decides each one.
    /// Manual exercises are not run, missing `requires` skip, and an exercise with `sources` that
    /// passed with the same fingerprint is up to date (unless `force`). Every pattern is walked and
    /// digested at once, side by side, before the fingerprints are taken.
    public static func prepare(_ exercises: [Exercise], project: LabProject, lab: Lab, force: Bool) -> CheckPreparation {
        let stamp = FileSystem.stamp(project.path(StateStore.path))
        var plan = CheckPlan.decide(exercises, installHints: lab.install, root: project.root.path)
        let patterns = plan.patterns
        let fingerprinter = Fingerprinter(root: project.root)
        // The state is read, and the definitions of the exercises to fingerprint hashed, on a thread
        // of its own while the sources are walked: none of them needs another, and reading the
        // state allocates little (its stamps go into one table), so the two do not queue for the
        // allocator.
        let loaded: StateStore.Loaded
        if patterns.isEmpty {
            loaded = StateStore.load(files: project.files)
        } else {
            let toFingerprint = plan.items.filter { $0.decision == .run }.map(\.exercise)
            (loaded, fingerprinter.definitions) = ConcurrentFileWork.alongside({
                (StateStore.load(files: project.files), Fingerprinter.definitionHashers(of: toFingerprint, defaults: lab.defaults))
            }) { fingerprinter.walkAhead(patterns) }
        }
        fingerprinter.known = loaded.state.files
        fingerprinter.prepare(patterns: patterns)
        let sourceWarnings = plan.settle(lab: lab, state: loaded.state, fingerprinter: fingerprinter, force: force)
        return CheckPreparation(
            plan: plan, stamps: fingerprinter.updatedStamps, warnings: (loaded.warning.map { [$0] } ?? []) + sourceWarnings,
            state: loaded.state, stateStamp: stamp, stateOutdated: loaded.outdated)
    }
}
