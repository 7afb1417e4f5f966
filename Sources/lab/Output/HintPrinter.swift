import Foundation
import LabKit
import LabSpec

/// `lab hint ID`: the exercise, its item, its hint, and each step in words.
struct HintPrinter {
    let terminal: Terminal

    func print(_ result: HintQuery.Result) {
        let exercise = result.exercise
        let phase = result.phase
        terminal.out(terminal.style(exercise.id, .bold) + " — \(exercise.title)")
        terminal.out("phase \(phase.id) (\(phase.title)) · " + (exercise.isManual ? "manual" : "checked"))
        if let warning = result.warning { terminal.warning(warning) }
        if let item = result.item {
            terminal.out("item: \(phase.doc):\(item.line) " + (item.isChecked ? "[x]" : "[ ]") + " \(item.text)")
        } else if !result.documentExists {
            terminal.out("item: none yet: \(phase.doc) is written when the phase starts (lab phase start \(phase.id))")
        } else if result.warning == nil {
            terminal.out("item: none in \(phase.doc)")
        }
        if let hint = exercise.hint {
            terminal.out("")
            terminal.out(terminal.style("Hint", .bold))
            for line in TextTable.wrap(hint, width: 86) { terminal.out("  \(line)") }
        }
        if !exercise.verify.isEmpty {
            terminal.out("")
            terminal.out(terminal.style("Checked by", .bold))
            for (index, step) in exercise.verify.enumerated() {
                terminal.out("  \(index + 1). " + describe(step, exercise: exercise, root: result.root))
                for detail in details(step, exercise: exercise, defaults: result.defaults) { terminal.out("     \(detail)") }
            }
            if !exercise.env.isEmpty {
                // What the check sets for its commands (written out in them above), as a shell
                // would take them (quoted where a value is empty or holds spaces or wildcards).
                terminal.out("  env: " + exercise.env.map { "\($0.name)=\(Self.oneLine(Self.shellWord($0.value)))" }.joined(separator: " "))
            }
            if !exercise.requires.isEmpty { terminal.out("  requires: " + exercise.requires.joined(separator: ", ")) }
            if !exercise.sources.isEmpty { terminal.out("  sources: " + exercise.sources.joined(separator: ", ")) }
            terminal.out("")
            terminal.out("Run it: lab check \(exercise.id)")
        } else {
            terminal.out("")
            terminal.out("When it is done: lab mark \(exercise.id)")
        }
    }

    private func describe(_ step: Step, exercise: Exercise, root: String) -> String {
        switch step.action {
        case .run(let command):
            let shown = Self.expand(command, exercise: exercise, root: root)
            let lines = shown.split(separator: "\n")
            return "run: " + (lines.count > 1 ? lines.joined(separator: "\n          ") : shown)
        case .quiz(let check):
            // The number of questions, never the questions' answers.
            return "quiz: \(StepWording.questions(check.questions.count)) — answer \(check.questions.count == 1 ? "it" : "them") with: lab quiz \(exercise.id)"
        case .note(let check):
            return "note \(check.path): " + StepWording.expectation(step)
        default:
            return StepWording.sentence(step)
        }
    }

    /// What a `run` step expects, and any step's limits. A multi-line expected text is shown as a block
    /// under its label, each line indented like the rest of the step.
    private func details(_ step: Step, exercise: Exercise, defaults: Lab.Defaults) -> [String] {
        var lines: [String] = []
        if case .run = step.action {
            let expect = step.expect
            var inline = ["exit " + expect.exit.map(String.init).joined(separator: " or ")]
            var blocks: [String] = []
            func add(_ label: String, _ texts: [String], quoted: (String) -> String) {
                let single = texts.filter { !$0.contains("\n") }
                if !single.isEmpty { inline.append("\(label) " + single.map(quoted).joined(separator: ", ")) }
                for text in texts where text.contains("\n") {
                    blocks.append("\(label):")
                    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    if lines.last == "" { lines.removeLast() }
                    blocks += lines.map { "  │ " + $0 }
                }
            }
            add("stdout contains", expect.stdout) { "'\($0)'" }
            add("stderr contains", expect.stderr) { "'\($0)'" }
            add("stdout matches", expect.stdoutMatches.map { [$0] } ?? []) { "/\($0)/" }
            add("stderr matches", expect.stderrMatches.map { [$0] } ?? []) { "/\($0)/" }
            inline += expect.json.map { "stdout's " + StepWording.words($0, root: "JSON") }
            lines = ["expect " + inline.joined(separator: ", ")] + blocks
        }
        var limits: [String] = []
        switch step.kind {
        case .run, .http, .tcp, .dns:
            limits.append("timeout " + DurationText.format(step.timeout ?? exercise.timeout ?? defaults.timeout))
        case .file, .json, .yaml, .quiz, .note:
            break
        }
        if let retry = step.retry { limits.append("\(retry.attempts) attempts, \(DurationText.format(retry.delay)) apart") }
        if !limits.isEmpty { lines.append(limits.joined(separator: ", ")) }
        return lines
    }

    /// `value` as one shell word: bare when it is plain, else in single quotes.
    static func shellWord(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_-.,/:@%+=".unicodeScalars.contains(scalar))
        }
        return plain ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A value on one line: line breaks shown as `\n`.
    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The command with the variables `lab check` sets for it (`env`, `LAB_ROOT`, `LAB_PHASE`,
    /// `LAB_EXERCISE`) written out, so that a reader sees what runs: `docs/decisions/0001-*.md`,
    /// not `$ADR_GLOB`. The script's own variables (`$f` in a loop) stay as they are.
    static func expand(_ command: String, exercise: Exercise, root: String) -> String {
        var values: [String: String] = ["LAB_ROOT": root, "LAB_EXERCISE": exercise.id, "LAB_PHASE": String(exercise.phase)]
        for entry in exercise.env { values[entry.name] = entry.value }
        var out = ""
        var rest = Substring(command)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            var name: Substring
            var end: Substring.Index
            if after.hasPrefix("{") {
                let body = after.dropFirst()
                name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                end = name.endIndex
                guard end < body.endIndex, body[end] == "}" else {
                    out += "$"
                    rest = after
                    continue
                }
                end = body.index(after: end)
            } else {
                name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                end = name.endIndex
            }
            let escaped = dollar > command.startIndex && out.last == "\\"
            if let value = values[String(name)], !name.isEmpty, !escaped {
                out += value
                rest = rest[end...]
            } else {
                out += "$"
                rest = after
            }
        }
        return out + rest
    }
}
