import LabSpec

/// What to tell someone who named an exercise, phase or scaffold that does not exist: the
/// closest name when it looks like a typo, else the names that start with what was typed, else
/// the names there are when they are few.
public enum NameLookup {
    /// `did you mean 'linux-processes'?`, `did you mean one of 'tls-basics', 'tcp-basics'?`,
    /// `the phases are 1, 2, 3, 4`; nil when there is nothing useful to say.
    public static func hint(for name: String, among candidates: [String], kind: String) -> String? {
        if let closest = Suggestion.closest(to: name, in: candidates) {
            return "did you mean '\(closest)'?"
        }
        let prefixed = name.isEmpty ? [] : candidates.filter { $0.hasPrefix(name) }
        if !prefixed.isEmpty && prefixed.count <= 5 {
            return prefixed.count == 1
                ? "did you mean '\(prefixed[0])'?"
                : "did you mean one of " + prefixed.map { "'\($0)'" }.joined(separator: ", ") + "?"
        }
        if !candidates.isEmpty && candidates.count <= 8 {
            return "the \(kind) are " + candidates.joined(separator: ", ")
        }
        return nil
    }

    static func exercise(_ id: String, in lab: Lab) -> LabError {
        .noSuchExercise(id, hint: hint(for: id, among: lab.exercises.map(\.id), kind: "exercises"))
    }

    static func phase(_ id: String, in lab: Lab) -> LabError {
        phase(id, among: lab.phases.map(\.id))
    }

    static func phase(_ id: String, among phases: [Int]) -> LabError {
        // A number has no typo worth suggesting: list the phases.
        let ids = phases.map { String($0) }
        return .noSuchPhase(id, hint: ids.isEmpty ? "lab.yml has no phases" : "the phases are " + ids.joined(separator: ", "))
    }

    static func scaffold(_ name: String, in lab: Lab) -> LabError {
        let names = lab.scaffolds.map(\.name)
        return .noSuchScaffold(name, hint: names.isEmpty ? "lab.yml defines no scaffolds" : hint(for: name, among: names, kind: "scaffolds"))
    }
}
