import Foundation
import LabSpec

/// A usage error (argument-parser's, or a `ValidationError` of ours) in lab's one style: the
/// message of `lab: error: …`, with a "did you mean" for a command name, and the help to read.
struct UsageErrorMessage: Equatable {
    /// The text after `lab: error: `.
    var message: String
    /// The command whose help explains the usage: `lab check`, or `lab` itself.
    var command: String

    /// Options of the root command that take a value, so that their value is not read as a command.
    static let rootValueOptions: Set<String> = ["-C", "--lab", "--color"]

    /// The commands, by name, with their own subcommands.
    struct CommandTree {
        var subcommands: [String: CommandTree] = [:]
    }

    /// `error` as argument-parser words it (`LabCommand.message(for:)`), for the command line `arguments`.
    init(parserMessage: String, arguments: [String], commands: CommandTree) {
        var path: [String] = []
        var tree = commands
        var index = 0
        var unknownCommand: String?
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument.hasPrefix("-") && argument.count > 1 {
                index += Self.rootValueOptions.contains(argument) ? 2 : 1
                continue
            }
            guard !tree.subcommands.isEmpty else { break }
            guard let next = tree.subcommands[argument] else {
                unknownCommand = argument
                break
            }
            path.append(argument)
            tree = next
            index += 1
        }
        command = (["lab"] + path).joined(separator: " ")
        if let unknownCommand {
            let names = tree.subcommands.keys.filter { $0 != "help" }.sorted()
            if let suggestion = Suggestion.closest(to: unknownCommand, in: names) {
                message = "unknown command '\(unknownCommand)' (did you mean '\(suggestion)'?)"
            } else {
                message = "unknown command '\(unknownCommand)'; the commands of '\(command)' are " + names.joined(separator: ", ")
            }
            return
        }
        message = Self.reworded(parserMessage)
    }

    /// argument-parser's sentence in lab's style: lower case, no final full stop, a suggestion in
    /// parentheses, and values listed after a colon.
    static func reworded(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // "The value 'x' is invalid for '--format <format>'. Please provide one of 'a', 'b' or 'c'."
        if text.hasPrefix("The value '"), let range = text.range(of: "' is invalid for ") {
            let value = text[text.index(text.startIndex, offsetBy: "The value '".count)..<range.lowerBound]
            var rest = String(text[range.upperBound...])
            var detail = ""
            if let choices = rest.range(of: ". Please provide one of ") {
                detail = ": use " + rest[choices.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ".:\n "))
                    .replacingOccurrences(of: "\n  - ", with: ", ")
                rest = String(rest[..<choices.lowerBound])
            } else if let colon = rest.range(of: "': ") {
                detail = ": " + rest[colon.upperBound...]
                rest = String(rest[..<rest.index(after: colon.lowerBound)])
            }
            return "invalid value '\(value)' for \(rest)\(detail)".trimmingTrailingFullStop()
        }
        // "Unknown option '--jsno'. Did you mean '--json'?"
        if let range = text.range(of: ". Did you mean ") {
            text = text[..<range.lowerBound] + " (did you mean " + text[range.upperBound...] + ")"
        }
        if let first = text.first, first.isUppercase, !text.dropFirst().prefix(1).allSatisfy(\.isUppercase) {
            text = first.lowercased() + text.dropFirst()
        }
        return text.trimmingTrailingFullStop()
    }
}

extension String {
    fileprivate func trimmingTrailingFullStop() -> String {
        hasSuffix(".") && !hasSuffix("..") ? String(dropLast()) : self
    }
}
