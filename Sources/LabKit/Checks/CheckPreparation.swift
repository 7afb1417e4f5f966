import LabRuntime
import LabSpec

/// What a `lab check` run is made from, settled before anything runs: the plan, the stamps of the
/// source files it fingerprinted, and the state it was compared with.
public struct CheckPreparation: Sendable {
    public var plan: CheckPlan
    /// The stamps of the source files hashed in this run (new or changed), to add to the state.
    public var stamps: [String: LabState.FileStamp]
    /// Problems reading the state (it is then taken as empty).
    public var warnings: [String]
    /// The state the plan was made from, and the stamp its file had then.
    var state: LabState
    var stateStamp: FileSystem.Stamp?
    /// The state file is of an earlier version.
    var stateOutdated = false

    /// Plans `exercises`: reads the state, fingerprints what has `sources`, decides each one.
    public static func prepare(_ exercises: [Exercise], project: LabProject, lab: Lab, force: Bool) -> CheckPreparation {
        let stamp = FileSystem.stamp(project.path(StateStore.path))
        let loaded = StateStore.load(files: project.files)
        let fingerprinter = Fingerprinter(root: project.root, stamps: loaded.state.files)
        let plan = CheckPlan.make(exercises: exercises, lab: lab, state: loaded.state, fingerprinter: fingerprinter, force: force)
        return CheckPreparation(
            plan: plan, stamps: fingerprinter.updatedStamps, warnings: loaded.warning.map { [$0] } ?? [],
            state: loaded.state, stateStamp: stamp, stateOutdated: loaded.outdated)
    }
}
