import LabSpec

/// `lab list [PHASE]`: every exercise with its item and its last result.
public enum ListQuery {
    public struct Result: Sendable {
        public var lab: Lab
        public var listing: ExerciseListing
    }

    public static func run(_ location: LabLocation, phase: Int?) throws(LabError) -> Result {
        let (project, lab) = try location.openLab()
        if let phase, lab.phase(id: phase) == nil {
            throw NameLookup.phase(String(phase), in: lab)
        }
        return Result(lab: lab, listing: ExerciseListing.make(project: project, lab: lab, phase: phase))
    }
}
