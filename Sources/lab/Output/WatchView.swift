import Foundation
import LabKit
import LabSpec

/// A key `lab watch` understands.
enum WatchKey: Equatable {
    case hint, next, previous, rerun, list, quit, interrupt, up, down, enter, escape

    /// The keys in bytes read from the terminal; others are dropped.
    static func decode(_ bytes: [UInt8]) -> [WatchKey] {
        var keys: [WatchKey] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "h"): keys.append(.hint)
            case UInt8(ascii: "n"): keys.append(.next)
            case UInt8(ascii: "p"): keys.append(.previous)
            case UInt8(ascii: "r"): keys.append(.rerun)
            case UInt8(ascii: "l"): keys.append(.list)
            case UInt8(ascii: "q"): keys.append(.quit)
            case UInt8(ascii: "j"): keys.append(.down)
            case UInt8(ascii: "k"): keys.append(.up)
            case 0x03: keys.append(.interrupt)
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x1B:
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "O") {
                    let final = bytes[index + 1]
                    index += 2
                    if final == UInt8(ascii: "A") { keys.append(.up) }
                    if final == UInt8(ascii: "B") { keys.append(.down) }
                } else {
                    keys.append(.escape)
                }
            default: break
            }
        }
        return keys
    }
}

/// What `lab watch` shows, apart from the terminal: the focus, what is open, the results of
/// this session.
struct WatchState {
    var snapshot: WatchSession.Snapshot
    var index: Int
    var showHint = true
    /// The row selected in the list, when the list is open.
    var listSelection: Int?
    /// The exercise whose check is running, and the one whose check was asked for meanwhile
    /// (one check runs at a time; it starts when the running one ends).
    var running: String?
    var queued: String?
    var results: [String: ExerciseResult] = [:]
    var message: String?

    var focus: Exercise? { snapshot.exercises.indices.contains(index) ? snapshot.exercises[index] : nil }
}

/// Renders `lab watch`'s screen as lines of at most `columns` characters: plain text, control
/// characters of the lab's text shown escaped, and only `lab`'s own styles.
enum WatchView {
    static let keysLine = "h hint · n next · p previous · r re-run · l list · q quit"

    static func render(_ state: WatchState, rows: Int, columns: Int) -> [String] {
        let snapshot = state.snapshot
        let ticked = snapshot.exercises.filter { snapshot.ticked.contains($0.id) }.count
        var top = [
            inverse(fit(" lab watch · \(snapshot.lab.name)", columns)),
            fit(" \(bar(ticked, snapshot.exercises.count, width: max(10, min(30, columns - 30))))  \(ticked)/\(snapshot.exercises.count) ticked", columns),
            "",
        ]
        var body: [String] = []
        if let selection = state.listSelection {
            body.append(bold(fit(" Pick an exercise (↑ ↓ or j k, Enter; Esc to close)", columns)))
            body.append("")
            for (row, exercise) in snapshot.exercises.enumerated() {
                let mark = snapshot.ticked.contains(exercise.id) ? "[x]" : "[ ]"
                let line = fit("\(row == selection ? " > " : "   ")\(mark) \(exercise.id) — \(exercise.title)", columns)
                body.append(row == selection ? inverse(line) : line)
            }
        } else if let exercise = state.focus {
            let mark = snapshot.ticked.contains(exercise.id) ? "[x]" : "[ ]"
            top.append(bold(fit(" \(mark) \(exercise.id) — \(exercise.title)", columns)))
            top.append(fit("     exercise \(state.index + 1) of \(snapshot.exercises.count) · phase \(exercise.phase)" + (exercise.isManual ? " · manual: lab mark \(exercise.id)" : ""), columns))
            if state.showHint, let hint = exercise.hint {
                body.append("")
                body.append(bold(" Hint"))
                for line in wrap(hint, width: columns - 3) { body.append("   " + line) }
            }
            if !exercise.verify.isEmpty {
                body.append("")
                body.append(bold(" Checked by"))
                for (number, step) in exercise.verify.enumerated() {
                    body.append(fit("   \(number + 1). " + describe(step), columns))
                }
            }
            body.append("")
            body += result(state, exercise: exercise, columns: columns)
        }
        let footer = state.message.map { fit(" " + $0, columns) }
        let available = rows - top.count - 1 - (footer == nil ? 0 : 1)
        var lines = top + Array(body.prefix(max(0, available)))
        while lines.count < rows - 1 - (footer == nil ? 0 : 1) { lines.append("") }
        if let footer { lines.append(footer) }
        lines.append(inverse(fit(" " + keysLine, columns)))
        return Array(lines.prefix(max(1, rows)))
    }

    private static func result(_ state: WatchState, exercise: Exercise, columns: Int) -> [String] {
        if state.running == state.focus?.id { return [bold(" Checking …")] }
        if state.queued == state.focus?.id, let running = state.running { return [bold(" Checking next, when \(running)'s check ends …")] }
        if let result = state.results[exercise.id] {
            var lines = [bold(fit(" Last result: \(label(result.status))  \(String(format: "%.2fs", result.duration))", columns))]
            if let reason = result.reason { lines.append(fit("   " + reason, columns)) }
            if let index = result.failedStep, result.steps.indices.contains(index) {
                let step = result.steps[index]
                lines.append(fit("   step \(index + 1) of \(max(result.stepCount, result.steps.count)): " + (step.command.split(separator: "\n").first.map(String.init) ?? ""), columns))
                if let message = step.message { lines.append(fit("   " + message, columns)) }
                for (name, text) in [("stdout", step.stdout), ("stderr", step.stderr)] where !text.isEmpty {
                    lines.append("   \(name):")
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false).suffix(8) where !line.isEmpty {
                        lines.append(fit("     " + line, columns))
                    }
                }
            }
            return lines
        }
        if exercise.isManual { return [" A manual exercise: tick it with lab mark \(safe(exercise.id)) when it is done."] }
        if let record = state.snapshot.last[exercise.id] {
            return [fit(" Last result: \(label(record.result)) at \(record.at.formatted(Date.ISO8601FormatStyle())) — r runs it again", columns)]
        }
        return [" Not checked yet — r runs its check; saving one of its sources does too."]
    }

    static func label(_ status: CheckStatus) -> String {
        switch status {
        case .passed: "passed"
        case .upToDate: "up to date"
        case .failed: "FAILED"
        case .timedOut: "TIMED OUT"
        case .error: "ERROR"
        case .skipped: "skipped"
        case .manual: "manual"
        case .notRun: "not run"
        }
    }

    private static func describe(_ step: Step) -> String {
        switch step.action {
        case .run(let command): "run: " + (command.split(separator: "\n").first.map(String.init) ?? "")
        default: StepWording.sentence(step)
        }
    }

    static func bar(_ done: Int, _ total: Int, width: Int) -> String {
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `text` on one line, control characters escaped, cut to `columns` characters.
    static func fit(_ text: String, _ columns: Int) -> String {
        let clean = safe(text)
        guard clean.count > columns else { return clean }
        return columns <= 1 ? String(clean.prefix(max(0, columns))) : String(clean.prefix(columns - 1)) + "…"
    }

    /// Control characters (an escape sequence in a step's output or a cloned lab's title) shown
    /// as `\xNN`, never sent to the terminal.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += scalar == "\t" ? "  " : "\\x" + String(format: "%02x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(fit(line, width))
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(fit(line, width))
        }
        return lines
    }

    private static func bold(_ text: String) -> String { "\u{1B}[1m" + text + "\u{1B}[0m" }
    private static func inverse(_ text: String) -> String { "\u{1B}[7m" + text + "\u{1B}[0m" }
}
