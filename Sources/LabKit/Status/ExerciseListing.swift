import Foundation
import LabRuntime
import LabSpec

/// `lab list`: every exercise with its checklist state and its last check result.
public struct ExerciseListing: Sendable {
    public struct Entry: Sendable {
        public var exercise: LabOutline.Exercise
        /// Nil when the phase document has no item for the exercise (or no document).
        public var ticked: Bool?
        public var last: LabState.Record?
    }

    public var entries: [Entry]
    public var warnings: [String]
    /// Phases whose document does not exist (yet): none of their exercises has an item.
    public var phasesWithoutDocument: Set<Int> = []

    public static func make(files: ContainedRoot, outline lab: LabOutline, phase: Int?) -> ExerciseListing {
        let store = ChecklistStore(files: files)
        let loaded = StateStore.load(files: files)
        var listing = ExerciseListing(entries: [], warnings: loaded.warning.map { [$0] } ?? [])
        for current in lab.phases where phase == nil || current.id == phase {
            var document: ChecklistDocument?
            do {
                document = try store.load(current.doc)
            } catch {
                listing.warnings.append(error.description)
            }
            if document == nil { listing.phasesWithoutDocument.insert(current.id) }
            for exercise in current.exercises {
                let item = document?.item(forExercise: exercise.id, title: exercise.title)
                listing.entries.append(Entry(exercise: exercise, ticked: item?.isChecked, last: loaded.state.exercises[exercise.id]))
            }
        }
        return listing
    }
}
