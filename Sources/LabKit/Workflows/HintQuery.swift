import LabSpec

/// `lab hint ID`: what an exercise asks, how it is checked, and its checklist item.
public enum HintQuery {
    public struct Result: Sendable {
        public var exercise: Exercise
        public var phase: Phase
        public var defaults: Lab.Defaults
        /// The lab's root folder, which `LAB_ROOT` names in the exercise's commands.
        public var root: String
        /// The exercise's item in its phase document, if it has one.
        public var item: TaskItem?
        /// Whether the phase document exists (it is written when the phase starts).
        public var documentExists = true
        /// Why the document could not be read, when it could not.
        public var warning: String?
    }

    public static func run(_ location: LabLocation, exercise id: String) throws(LabError) -> Result {
        let (project, lab) = try location.openLab()
        guard let exercise = lab.exercise(id: id), let phase = lab.phase(id: exercise.phase) else {
            throw NameLookup.exercise(id, in: lab)
        }
        var result = Result(exercise: exercise, phase: phase, defaults: lab.defaults, root: project.root.path)
        do {
            let document = try ChecklistStore(files: project.files).load(phase.doc)
            result.documentExists = document != nil
            result.item = document?.item(forExercise: exercise.id, title: exercise.title)
        } catch {
            result.warning = error.description
        }
        return result
    }
}
