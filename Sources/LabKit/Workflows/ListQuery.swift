import LabSpec

/// `lab list [PHASE]`: every exercise with its item and its last result.
public enum ListQuery {
    public struct Result: Sendable {
        public var lab: LabOutline
        public var listing: ExerciseListing
    }

    public static func run(_ location: LabLocation, phase: Int?) throws(LabError) -> Result {
        let (files, lab) = try location.openOutline()
        if let phase, lab.phase(id: phase) == nil {
            throw NameLookup.phase(String(phase), among: lab.phases.map(\.id))
        }
        return Result(lab: lab, listing: ExerciseListing.make(files: files, outline: lab, phase: phase))
    }
}
