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

    /// No exercise of the plan starts a process: each is up to date, skipped or manual.
    public var runsNothing: Bool { !items.contains { $0.decision == .run } }

    /// What can be decided without the state or the files: manual exercises are not run, and those
    /// whose `requires` are missing skip; the others run unless `settle` finds them up to date.
    /// A skip's reason gives the lab's own install hint (`installHints`, lab.yml's `install:`)
    /// before the built-in ones.
    static func decide(_ exercises: [Exercise], installHints: [String: String] = [:], root: String? = nil) -> CheckPlan {
        let locator = ProgramLocator(root: root)
        var items: [Item] = []
        items.reserveCapacity(exercises.count)
        for exercise in exercises {
            if exercise.isManual {
                items.append(Item(exercise: exercise, decision: .manual))
                continue
            }
            let missing = locator.missing(exercise.requires)
            if !missing.isEmpty {
                let reason = InstallHint.skipReason(missing: missing, labHints: installHints)
                items.append(Item(exercise: exercise, decision: .skip(reason), missingPrograms: missing))
                continue
            }
            items.append(Item(exercise: exercise, decision: .run))
        }
        return CheckPlan(items: items)
    }

    /// The `sources` patterns of the exercises to run, for the fingerprinter to walk at once.
    var patterns: [String] {
        items.filter { $0.decision == .run }.flatMap(\.exercise.sources)
    }

    /// Fingerprints the exercises to run that have `sources` (once `fingerprinter` has their
    /// `patterns`): one that passed with the same fingerprint is up to date, unless `force`. One
    /// without `sources` has nothing to compare, so it always runs, and is not fingerprinted: its
    /// fingerprint would never be compared (a definition that gains `sources` changes anyway), and
    /// taking 200 of them was a millisecond before the first step of a run could start.
    ///
    /// An exercise none of whose patterns matches a file is never up to date — its fingerprint
    /// would vouch for no file, and a misspelt folder would pass it for good. A pattern that
    /// matches nothing in an exercise that passed last time is named in a warning (returned): a
    /// misspelt path, most likely. Before a first pass it is the usual case (the learner has not
    /// written the files yet), and says nothing.
    mutating func settle(lab: Lab, state: LabState, fingerprinter: Fingerprinter, force: Bool) -> [String] {
        var warnings: [String] = []
        for index in items.indices where items[index].decision == .run && !items[index].exercise.sources.isEmpty {
            let exercise = items[index].exercise
            let fingerprint = fingerprinter.fingerprint(of: exercise, defaults: lab.defaults)
            items[index].fingerprint = fingerprint
            let record = state.exercises[exercise.id]
            let passed = record?.result == .passed
            // Usually every pattern matched something: no list is made then.
            if !fingerprinter.emptyPatterns.isEmpty {
                let empty = exercise.sources.filter { fingerprinter.emptyPatterns.contains($0) }
                if passed {
                    for pattern in empty {
                        warnings.append("exercise '\(exercise.id)' passed, but its sources pattern '\(pattern)' matches no file")
                    }
                }
                if empty.count == exercise.sources.count { continue }
            }
            if !force, passed, record?.fingerprint == fingerprint {
                items[index].decision = .upToDate
            }
        }
        return warnings
    }
}
