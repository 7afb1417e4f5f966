import LabSpec

/// Which exercises a `lab check` run covers, from its targets (exercise ids and phase ids).
public enum CheckSelection {
    /// With no targets: the exercises of the phases in progress (`all`: in progress or done).
    public static func select(targets: [String], all: Bool, lab: Lab) throws(LabError) -> [Exercise] {
        if targets.isEmpty {
            let phases = lab.phases.filter { $0.status == .inProgress || (all && $0.status == .done) }
            if phases.isEmpty {
                let next = lab.phases.first { $0.status == .pending } ?? lab.phases.first
                let hint = next.map { " (start one with 'lab phase start \($0.id)')" } ?? ""
                throw .message(all ? "no phase is in progress or done\(hint)" : "no phase is in progress\(hint); 'lab check --all' also covers finished phases")
            }
            return phases.flatMap(\.exercises)
        }
        var chosen: Set<String> = []
        for target in targets {
            if let id = Int(target), let phase = lab.phase(id: id) {
                chosen.formUnion(phase.exercises.map(\.id))
            } else if lab.exercise(id: target) != nil {
                chosen.insert(target)
            } else {
                let names = lab.exercises.map(\.id) + lab.phases.map { String($0.id) }
                throw .message("no exercise or phase '\(target)'" + (NameLookup.hint(for: target, among: names, kind: "exercises and phases").map { " (\($0))" } ?? ""))
            }
        }
        return lab.exercises.filter { chosen.contains($0.id) }
    }
}
