import Foundation
import LabKit
import LabSpec

/// `lab log`: the journal's events day by day, then each phase's span and the streak of days
/// with a pass; or the events as a JSON array.
struct LogPrinter {
    let terminal: Terminal
    /// Whose days and clock times are shown: the local time zone.
    let calendar: Calendar

    func print(_ result: LogQuery.Result, json: Bool) {
        for warning in result.warnings { terminal.warning(warning) }
        if json {
            terminal.out(JSONOutput.string(result.events.map { LogEventJSON($0, lab: result.lab) }))
            return
        }
        guard result.journalExists else {
            // A journal that cannot be read has had its warning; one that is missing is news.
            if result.warnings.isEmpty {
                terminal.out("No journal yet: \(JournalStore.path) starts with the next 'lab check', 'lab mark' or 'lab phase'.")
            }
            return
        }
        terminal.out(terminal.style(result.lab.name, .bold) + " — " + TextTable.count(result.events.count, "event"))
        for day in result.timeline.days {
            terminal.out("")
            terminal.out(terminal.style(dayText(day.start), .bold))
            for event in day.events { terminal.out(line(event, lab: result.lab)) }
        }
        if !result.timeline.phases.isEmpty {
            terminal.out("")
            terminal.out(terminal.style("Phases", .bold))
            let titles = result.timeline.phases.map { result.lab.phase(id: $0.phase)?.title ?? "" }
            let width = min(44, titles.map(\.count).max() ?? 0)
            for (span, title) in zip(result.timeline.phases, titles) {
                terminal.out("  Phase \(span.phase)  " + TextTable.pad(TextTable.truncate(title, width), width) + "  " + spanText(span))
            }
        }
        terminal.out("")
        terminal.out(streakText(result.timeline.streak))
    }

    /// `  15:04  passed          dns-basics — Resolve a name by hand  0.18s  a1b2c3d`
    func line(_ event: JournalEvent, lab: Lab) -> String {
        let label = TextTable.pad(Self.label(event.kind), 16)
        let styled: String
        switch event.kind {
        case .passed: styled = terminal.style(label, .green)
        case .regressed: styled = terminal.style(label, .red)
        case .phaseStarted, .phaseFinished: styled = terminal.style(label, .bold)
        case .unticked, .other: styled = terminal.style(label, .yellow)
        case .ticked, .reviewed, .quizPassed: styled = label
        }
        var text = "  " + timeText(event.at) + "  " + styled
        if let id = event.exercise {
            text += id
            if let title = lab.exercise(id: id)?.title { text += terminal.style(" — \(title)", .dim) }
        } else if let phase = event.phase {
            text += "phase \(phase)"
            if let title = lab.phase(id: phase)?.title { text += terminal.style(" — \(title)", .dim) }
        }
        if let outcome = event.outcome { text += "  " + terminal.style(outcome, outcome == "passed" ? .green : .red) }
        if let duration = event.duration { text += "  " + terminal.style(FixedDecimal.seconds(duration), .dim) }
        if let commit = event.commit { text += "  " + terminal.style(commit, .dim) }
        return text
    }

    static func label(_ kind: JournalEvent.Kind) -> String {
        switch kind {
        case .phaseStarted: "phase started"
        case .phaseFinished: "phase finished"
        case .quizPassed: "quiz passed"
        default: kind.rawValue
        }
    }

    /// `2026-11-26 (Thursday)`
    func dayText(_ date: Date) -> String {
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let weekday = calendar.component(.weekday, from: date)
        return dayOnly(date) + " (" + names[(weekday - 1 + 7) % 7] + ")"
    }

    /// `2026-11-26`, in `calendar`'s time zone.
    func dayOnly(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.digits(parts.year ?? 0, 4) + "-" + Self.digits(parts.month ?? 0, 2) + "-" + Self.digits(parts.day ?? 0, 2)
    }

    /// `15:04`, in `calendar`'s time zone.
    func timeText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return Self.digits(parts.hour ?? 0, 2) + ":" + Self.digits(parts.minute ?? 0, 2)
    }

    /// `value` with leading zeros to `count` digits.
    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }

    /// `2026-11-26 → 2026-12-01 (5 days)`, `2026-12-01 → today (4 days)`.
    func spanText(_ span: JournalTimeline.PhaseSpan) -> String {
        guard let started = span.started else {
            return terminal.style(span.finished.map { "done \(dayOnly($0)) (started before the journal)" } ?? "started before the journal", .dim)
        }
        let days = span.days ?? 0
        if let finished = span.finished {
            return "\(dayOnly(started)) → \(dayOnly(finished)) (" + (days == 0 ? "the same day" : TextTable.count(days, "day")) + ")"
        }
        return "\(dayOnly(started)) → " + terminal.style("today", .yellow) + " (" + (days == 0 ? "started today" : TextTable.count(days, "day")) + ")"
    }

    /// `Streak: 3 days (since 2026-12-03) · longest 5 days · last pass 2026-12-05`, or
    /// `Streak: none (last pass 2026-11-23) · longest 3 days` once a day went by without a pass.
    func streakText(_ streak: JournalTimeline.Streak) -> String {
        guard let lastPass = streak.lastPass else { return "Streak: no pass yet" }
        guard streak.current > 0 else {
            return "Streak: none (last pass \(dayOnly(lastPass))) · longest \(TextTable.count(streak.longest, "day"))"
        }
        var text = "Streak: " + terminal.style(TextTable.count(streak.current, "day"), .bold)
        if let since = streak.currentSince, streak.current > 1 { text += " (since \(dayOnly(since)))" }
        text += " · longest \(TextTable.count(streak.longest, "day")) · last pass \(dayOnly(lastPass))"
        return text
    }
}
