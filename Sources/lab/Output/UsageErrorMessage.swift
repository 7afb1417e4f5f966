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
        var afterPath = 0
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
            afterPath = index
        }
        command = (["lab"] + path).joined(separator: " ")
        if let unknownCommand {
            message = Self.unknown(unknownCommand, among: tree, of: command)
            return
        }
        message = Self.reworded(parserMessage)
        // `lab phase start -1`: argument-parser takes '-1' for an option and reports the phase as
        // missing; what is wrong is the number given.
        if message.hasPrefix("missing expected argument '"), let argument = message.split(separator: "'").dropFirst().first,
            let negative = arguments[afterPath...].first(where: { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } })
        {
            message = "invalid value '\(negative)' for '\(argument)'" + (Self.requirements[String(argument)].map { ": " + $0 } ?? "")
        }
    }

    /// What a positional argument must be, by its name in argument-parser's messages.
    static let requirements = ["<phase>": PhaseNumber.requirement]

    /// `lab help stauts`: argument-parser prints the help of the last command it knows and exits
    /// 0; an unknown name gets the error `lab stauts` gets. Nil for any other command line.
    init?(helpRequest arguments: [String], commands: CommandTree) {
        var index = 0
        while index < arguments.count && arguments[index].hasPrefix("-") && arguments[index] != "--" {
            index += Self.rootValueOptions.contains(arguments[index]) ? 2 : 1
        }
        guard index < arguments.count, arguments[index] == "help" else { return nil }
        var tree = commands
        var path: [String] = []
        for argument in arguments[(index + 1)...] where !argument.hasPrefix("-") {
            guard !tree.subcommands.isEmpty else { break }
            guard let next = tree.subcommands[argument], argument != "help" else {
                command = (["lab"] + path).joined(separator: " ")
                message = Self.unknown(argument, among: tree, of: command)
                return
            }
            path.append(argument)
            tree = next
        }
        return nil
    }

    /// `unknown command 'stauts' (did you mean 'status'?)`, or the commands there are.
    private static func unknown(_ name: String, among tree: CommandTree, of command: String) -> String {
        let names = tree.subcommands.keys.filter { $0 != "help" }.sorted()
        if let suggestion = Suggestion.closest(to: name, in: names) {
            return "unknown command '\(name)' (did you mean '\(suggestion)'?)"
        }
        return "unknown command '\(name)'; the commands of '\(command)' are " + names.joined(separator: ", ")
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
                let list = rest[choices.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ".:\n "))
                if list.hasPrefix("the following") {
                    // More than a few values: "one of the following:\n  - a\n  - b…", listed as the short form is.
                    let values = list.components(separatedBy: "\n  - ").dropFirst().map { "'\($0.trimmingCharacters(in: .whitespaces))'" }
                    detail = ": use " + (values.count > 1 ? values.dropLast().joined(separator: ", ") + " or " + values.last! : values.joined())
                } else {
                    detail = ": use " + list.replacingOccurrences(of: "\n  - ", with: ", ")
                }
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
