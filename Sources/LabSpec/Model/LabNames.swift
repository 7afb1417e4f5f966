/// The names a lab gives its exercises, phases and scaffolds, read without validating the rest of
/// `lab.yml`: what shell completion offers, so it must be quick and must cope with a file that
/// does not validate (a half-written exercise still lets the others complete).
public struct LabNames: Sendable, Equatable {
    public var exercises: [String] = []
    public var phases: [Int] = []
    public var scaffolds: [String] = []

    public init(exercises: [String] = [], phases: [Int] = [], scaffolds: [String] = []) {
        self.exercises = exercises
        self.phases = phases
        self.scaffolds = scaffolds
    }

    /// The names in `source`, in file order; none when it is not YAML at all. Only names `lab
    /// validate` accepts are kept (`[a-z][a-z0-9-]*` for an exercise, a scaffold's letters, digits,
    /// `-` and `_`): a shell's completion puts the words it is given through its own expansions
    /// (bash's `compgen -W` runs a `$(…)` in them), and a cloned lab's names are a stranger's text.
    public static func read(_ source: SourceFile) -> LabNames {
        guard case .success(let document) = YAMLReader().read(source) else { return LabNames() }
        var names = LabNames()
        for phase in document.root["phases"]?.sequence ?? [] {
            if let id = phase["id"]?.scalar.flatMap({ Int($0.value) }) { names.phases.append(id) }
            for exercise in phase["exercises"]?.sequence ?? [] {
                if let id = exercise["id"]?.scalar?.value, LabDecoder.isExerciseID(id) { names.exercises.append(id) }
            }
        }
        for pair in document.root["scaffolds"]?.mapping ?? [] {
            if let name = pair.key.scalar?.value, LabDecoder.isScaffoldName(name) { names.scaffolds.append(name) }
        }
        return names
    }
}
