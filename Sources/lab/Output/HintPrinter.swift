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
        } else {
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
                terminal.out("  \(index + 1). " + describe(step))
                for detail in details(step, exercise: exercise, defaults: result.defaults) { terminal.out("     \(detail)") }
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

    private func describe(_ step: Step) -> String {
        switch step.action {
        case .run(let command):
            let lines = command.split(separator: "\n")
            return "run: " + (lines.count > 1 ? lines.joined(separator: "\n          ") : command)
        case .file(let path, let contains):
            return "file \(path) exists" + (contains.isEmpty ? "" : " and contains " + contains.map { "'\($0)'" }.joined(separator: ", "))
        }
    }

    private func details(_ step: Step, exercise: Exercise, defaults: Lab.Defaults) -> [String] {
        guard case .run = step.action else { return [] }
        var parts: [String] = []
        let expect = step.expect
        var expectation = ["exit " + expect.exit.map(String.init).joined(separator: " or ")]
        if !expect.stdout.isEmpty { expectation.append("stdout contains " + expect.stdout.map { "'\($0)'" }.joined(separator: ", ")) }
        if !expect.stderr.isEmpty { expectation.append("stderr contains " + expect.stderr.map { "'\($0)'" }.joined(separator: ", ")) }
        if let pattern = expect.stdoutMatches { expectation.append("stdout matches /\(pattern)/") }
        if let pattern = expect.stderrMatches { expectation.append("stderr matches /\(pattern)/") }
        parts.append("expect " + expectation.joined(separator: ", "))
        var limits = ["timeout " + DurationText.format(step.timeout ?? exercise.timeout ?? defaults.timeout)]
        if let retry = step.retry { limits.append("\(retry.attempts) attempts, \(DurationText.format(retry.delay)) apart") }
        parts.append(limits.joined(separator: ", "))
        return parts
    }
}
