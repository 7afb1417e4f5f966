import ArgumentParser
import Foundation
import LabKit
import LabSpec

/// Completion of the names `lab.yml` defines, in bash, zsh and fish: the shell asks `lab` itself
/// (argument-parser's custom completion), which reads the lab the command line points at.
enum Completions {
    static let exercises = names { $0.exercises }
    static let phases = names { $0.phases.map(String.init) }
    static let exercisesAndPhases = names { $0.exercises + $0.phases.map(String.init) }
    static let scaffolds = names { $0.scaffolds }

    /// A completion request (`---completion SUBCOMMAND… -- ARGUMENT WORD-INDEX CURSOR WORDS…`)
    /// from fish before 4 lacks CURSOR: argument-parser's fish script asks `commandline -tC`,
    /// which prints nothing there. The cursor is then taken to be at the end of the word. The same
    /// script passes an empty word as the two characters `''`: that is an empty word.
    static func withCursor(_ arguments: [String]) -> [String] {
        guard arguments.first == "---completion", let separator = arguments.firstIndex(of: "--"),
            separator + 3 < arguments.count, let wordIndex = Int(arguments[separator + 2]),
            Int(arguments[separator + 3]) == nil
        else { return arguments }
        var repaired = arguments
        let word = separator + 3 + wordIndex
        if word < repaired.count && repaired[word] == "''" { repaired[word] = "" }
        repaired.insert(String(word < repaired.count ? repaired[word].count : 0), at: separator + 3)
        return repaired
    }

    private static func names(_ pick: @escaping @Sendable (LabNames) -> [String]) -> CompletionKind {
        .custom { words, _, prefix in
            let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            return pick(CompletionQuery.names(words: words, workingDirectory: workingDirectory)).filter { $0.hasPrefix(prefix) }
        }
    }
}
