/// A problem that stops a command before or outside the validation of `lab.yml`.
public enum LabError: Error, CustomStringConvertible, Sendable {
    case notFound(searchedFrom: String)
    case file(FileError)
    case invalidLab(file: String)
    case noSuchExercise(String, suggestion: String?)
    case noSuchPhase(String, suggestion: String?)
    case noSuchScaffold(String, suggestion: String?)
    case message(String)

    public var description: String {
        switch self {
        case .notFound(let folder):
            return "no lab.yml in '\(folder)' or any folder above it (create a lab with 'lab init')"
        case .file(let error):
            return error.description
        case .invalidLab(let file):
            return "'\(file)' has errors; run 'lab validate' to see them"
        case .noSuchExercise(let id, let suggestion):
            return "no exercise '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .noSuchPhase(let id, let suggestion):
            return "no phase '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .noSuchScaffold(let name, let suggestion):
            return "no scaffold '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .message(let text):
            return text
        }
    }
}
