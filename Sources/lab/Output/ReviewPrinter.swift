import Foundation
import LabKit
import LabSpec

/// `lab review`: the schedule (`--list`), or the re-checks as `lab check` shows them, then when
/// each reviewed exercise is due next.
struct ReviewPrinter {
    let terminal: Terminal
    let calendar: Calendar

    func print(_ result: ReviewWorkflow.Result, listOnly: Bool, json: Bool) {
        for warning in result.warnings { terminal.note(warning) }
        if json {
            terminal.out(JSONOutput.string(ReviewJSON(result, listOnly: listOnly)))
            return
        }
        let due = result.schedule.due(at: result.now)
        if listOnly || (due.isEmpty && result.reviewed.isEmpty) {
            printSchedule(result.schedule, now: result.now)
            return
        }
        let width = result.reviewed.map(\.id.count).max() ?? 0
        let regressed = result.reviewed.filter { $0.status.isFailure }
        var line = "reviewed \(result.reviewed.count): \(result.reviewed.count - regressed.count) still passing"
        if !regressed.isEmpty { line += ", " + terminal.style("\(regressed.count) regressed", .red, .bold) }
        terminal.out("")
        terminal.out(line)
        for reviewed in result.reviewed {
            let name = TextTable.pad(reviewed.id, width)
            if reviewed.status.isFailure {
                terminal.out("  \(name)  " + terminal.style("regressed", .red) + ": fix it, 'lab check \(reviewed.id)'; its reviews start over once it passes")
            } else if let entry = result.next.entries.first(where: { $0.exercise == reviewed.id }) {
                terminal.out("  \(name)  next review \(day(entry.due)) (\(relative(entry.due, from: result.now)))")
            }
        }
        if !result.postponed.isEmpty {
            terminal.out("\(result.postponed.count) more due: run 'lab review' again, or 'lab review --all-due'")
        }
    }

    private func printSchedule(_ schedule: ReviewSchedule, now: Date) {
        let due = schedule.due(at: now)
        if schedule.entries.isEmpty {
            terminal.out("Nothing to review yet: an exercise's reviews begin when its check passes.")
            return
        }
        terminal.out("\(due.isEmpty ? "No" : "\(due.count)") review\(due.count == 1 ? "" : "s") due · \(schedule.entries.count) scheduled")
        terminal.out("")
        let width = schedule.entries.map(\.exercise.count).max() ?? 0
        for entry in schedule.entries {
            let label = entry.isDue(at: now) ? terminal.style(TextTable.pad("due", 6), .yellow, .bold) : terminal.style(TextTable.pad("later", 6), .dim)
            terminal.out(
                "  \(label) \(TextTable.pad(entry.exercise, width))  \(day(entry.due)) (\(relative(entry.due, from: now)))  "
                    + terminal.style("review \(entry.stage + 1), \(DurationText.format(entry.interval)) after \(day(entry.since))", .dim))
        }
        if !due.isEmpty {
            terminal.out("")
            terminal.out("run them: lab review")
        }
    }

    private func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private func relative(_ date: Date, from now: Date) -> String {
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day ?? 0
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case let n where n > 1: return "in \(n) days"
        default: return "\(-days) days ago"
        }
    }
}
