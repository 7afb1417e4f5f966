import Foundation
import LabSpec

/// `lab mark`: ticks (or unticks) exercises' items by hand, under the lab lock.
public enum ItemMarker {
    public struct Outcome: Sendable {
        public var exercise: String
        public var doc: String
        public var line: Int
        public var changed: Bool
    }

    public static func mark(_ ids: [String], checked: Bool, project: LabProject, lab: Lab) throws -> [Outcome] {
        var exercises: [Exercise] = []
        for id in ids {
            guard let exercise = lab.exercise(id: id) else {
                throw LabError.noSuchExercise(id, suggestion: Suggestion.closest(to: id, in: lab.exercises.map(\.id)))
            }
            if !exercises.contains(where: { $0.id == id }) { exercises.append(exercise) }
        }
        let store = ChecklistStore(root: project.root)
        let lock = try LabLock.acquire(root: project.root)
        defer { withExtendedLifetime(lock) {} }
        var outcomes: [Outcome] = []
        var byDocument: [(doc: String, exercises: [Exercise])] = []
        for exercise in exercises {
            guard let phase = lab.phase(id: exercise.phase) else { continue }
            if let index = byDocument.firstIndex(where: { $0.doc == phase.doc }) {
                byDocument[index].exercises.append(exercise)
            } else {
                byDocument.append((phase.doc, [exercise]))
            }
        }
        // Check every document before writing any, so an error leaves all of them unchanged.
        for (doc, exercises) in byDocument {
            guard let document = try store.load(doc) else {
                let phase = exercises.first?.phase ?? 0
                throw LabError.message("the document of phase \(phase), '\(doc)', does not exist (write it with 'lab phase start \(phase)')")
            }
            for exercise in exercises where document.item(forExercise: exercise.id, title: exercise.title) == nil {
                throw LabError.message("'\(doc)' has no checklist item for '\(exercise.id)' (add '- [ ] \(exercise.title) <!-- lab:\(exercise.id) -->')")
            }
        }
        for (doc, exercises) in byDocument {
            let changes = exercises.map { ChecklistStore.Change(exercise: $0.id, title: $0.title, checked: checked) }
            for applied in try store.apply(changes, to: doc) {
                outcomes.append(Outcome(exercise: applied.exercise, doc: doc, line: applied.line ?? 0, changed: applied.changed))
            }
        }
        return outcomes
    }
}
