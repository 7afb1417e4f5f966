import LabRuntime
import LabSpec

/// What a `lab check` run will do with each selected exercise, decided before anything runs.
public struct CheckPlan: Sendable {
    public enum Decision: Sendable, Equatable {
        case run
        case upToDate
        case manual
        case skip(String)
    }

    public struct Item: Sendable {
        public var exercise: Exercise
        public var decision: Decision
        public var fingerprint: String?
        /// With `.skip`: the programs of `requires` not on PATH.
        public var missingPrograms: [String] = []
    }

    public var items: [Item]

    /// Decides per exercise: manual ones are not run, missing `requires` skip, and an exercise with
    /// `sources` that passed with the same fingerprint is up to date (unless `force`). An exercise
    /// without `sources` has nothing to compare, so it always runs.
    static func make(
        exercises: [Exercise], lab: Lab, state: LabState, fingerprinter: Fingerprinter, force: Bool
    ) -> CheckPlan {
        let locator = ProgramLocator()
        var items: [Item] = []
        items.reserveCapacity(exercises.count)
        for exercise in exercises {
            if exercise.isManual {
                items.append(Item(exercise: exercise, decision: .manual))
                continue
            }
            let missing = locator.missing(exercise.requires)
            if !missing.isEmpty {
                let reason = InstallHint.skipReason(missing: missing)
                items.append(Item(exercise: exercise, decision: .skip(reason), missingPrograms: missing))
                continue
            }
            let fingerprint = fingerprinter.fingerprint(of: exercise, defaults: lab.defaults)
            if !force, !exercise.sources.isEmpty, let record = state.exercises[exercise.id],
                record.result == .passed, record.fingerprint == fingerprint
            {
                items.append(Item(exercise: exercise, decision: .upToDate, fingerprint: fingerprint))
            } else {
                items.append(Item(exercise: exercise, decision: .run, fingerprint: fingerprint))
            }
        }
        return CheckPlan(items: items)
    }
}
