import LabRuntime
import LabSpec

/// A problem that stops a command before or outside the validation of `lab.yml`.
public enum LabError: Error, CustomStringConvertible, Sendable {
    case notFound(searchedFrom: String)
    case file(FileError)
    /// `lab.yml` has errors: every diagnostic, with the sources they point into.
    case invalidLab(diagnostics: [Diagnostic], sources: [SourceFile])
    /// `hint`: what to say after the name (see `NameLookup`).
    case noSuchExercise(String, hint: String?)
    case noSuchPhase(String, hint: String?)
    case noSuchScaffold(String, hint: String?)
    case message(String)

    public var description: String {
        switch self {
        case .notFound(let folder):
            return "no lab.yml in '\(folder)' or any folder above it (create a lab with 'lab init')"
        case .file(let error):
            return error.description
        case .invalidLab(let diagnostics, let sources):
            let file = sources.first?.path ?? "lab.yml"
            return "'\(file)' has \(diagnostics.count == 1 ? "an error" : "errors"); run 'lab validate' to see them"
        case .noSuchExercise(let id, let hint):
            return "no exercise '\(id)'" + (hint.map { " (\($0))" } ?? "")
        case .noSuchPhase(let id, let hint):
            return "no phase '\(id)'" + (hint.map { " (\($0))" } ?? "")
        case .noSuchScaffold(let name, let hint):
            return "no scaffold '\(name)'" + (hint.map { " (\($0))" } ?? "")
        case .message(let text):
            return text
        }
    }

    /// Any error as a `LabError`: itself, a file error, or its description.
    public init(_ error: any Error) {
        switch error {
        case let error as LabError: self = error
        case let error as FileError: self = .file(error)
        default: self = .message(String(describing: error))
        }
    }
}
