import Foundation
import LabRuntime
import LabSpec

/// Ticks (or unticks) exercises' items by hand, as `lab mark` does: every document is checked
/// before any is written, so an error leaves all of them unchanged.
public enum ItemTicker {
    public struct Outcome: Sendable {
        public var exercise: String
        public var doc: String
        public var line: Int
        public var changed: Bool
    }

    /// The exercises named by `ids`, each once, in the order given.
    public static func exercises(_ ids: [String], in lab: Lab) throws(LabError) -> [Exercise] {
        var exercises: [Exercise] = []
        for id in ids {
            guard let exercise = lab.exercise(id: id) else {
                throw NameLookup.exercise(id, in: lab)
            }
            if !exercises.contains(where: { $0.id == id }) { exercises.append(exercise) }
        }
        return exercises
    }

    /// Sets the items of `exercises` to `checked`. The caller holds the lab lock.
    public static func set(
        _ exercises: [Exercise], checked: Bool, project: LabProject, lab: Lab, holding lock: LabLock
    ) throws(LabError) -> [Outcome] {
        var journal: JournalRecording?
        return try set(exercises, checked: checked, project: project, lab: lab, holding: lock, journal: &journal)
    }

    /// Sets the items, each document's ticks recorded in `journal` just before the document is
    /// written, and taken back from it when the write fails.
    static func set(
        _ exercises: [Exercise], checked: Bool, project: LabProject, lab: Lab, holding lock: LabLock,
        journal: inout JournalRecording?
    ) throws(LabError) -> [Outcome] {
        let store = ChecklistStore(files: project.files)
        var byDocument: [(doc: String, exercises: [Exercise])] = []
        for exercise in exercises {
            guard let phase = lab.phase(id: exercise.phase) else { continue }
            if let index = byDocument.firstIndex(where: { $0.doc == phase.doc }) {
                byDocument[index].exercises.append(exercise)
            } else {
                byDocument.append((phase.doc, [exercise]))
            }
        }
        do {
            var documents: [String: ChecklistDocument] = [:]
            for (doc, exercises) in byDocument {
                guard let document = try store.load(doc) else {
                    let phase = exercises.first?.phase ?? 0
                    throw LabError.message("the document of phase \(phase), '\(doc)', does not exist (write it with 'lab phase start \(phase)')")
                }
                for exercise in exercises where document.item(forExercise: exercise.id, title: exercise.title) == nil {
                    throw LabError.message("'\(doc)' has no checklist item for '\(exercise.id)' (add '- [ ] \(exercise.title) <!-- lab:\(exercise.id) -->')")
                }
                documents[doc] = document
            }
            var outcomes: [Outcome] = []
            for (doc, exercises) in byDocument {
                let changing = exercises.filter { exercise in
                    documents[doc]?.item(forExercise: exercise.id, title: exercise.title)?.isChecked != checked
                }
                // The journal first: a kill before the write loses no event, and the next `lab
                // mark` finds the tick recorded and does not record it twice.
                var appended: JournalStore.Appended?
                if var recording = journal {
                    let current = recording.current()
                    appended = recording.append(changing.compactMap {
                        current.tickEvent(exercise: $0.id, phase: $0.phase, checked: checked, at: recording.now)
                    })
                    journal = recording
                }
                let changes = exercises.map { ChecklistStore.Change(exercise: $0.id, title: $0.title, checked: checked) }
                let applied: [ChecklistStore.Applied]
                do {
                    applied = try store.apply(changes, to: doc, holding: lock)
                } catch {
                    journal?.undo(appended)
                    throw error
                }
                for applied in applied {
                    outcomes.append(Outcome(exercise: applied.exercise, doc: doc, line: applied.line ?? 0, changed: applied.changed))
                }
            }
            return outcomes
        } catch {
            throw LabError(error)
        }
    }
}
