import Foundation

/// The journal as read: its events in time order, and what could not be read.
///
/// Lines are read one by one: a line that is not an event is a warning naming its line number,
/// and the others are kept; an unfinished last line — an append cut short — is left out without a
/// word, and the next append repairs it. Two branches that both appended merge in git line by line
/// (`merge=union`), so the events are sorted by time, lines of the same second in file order.
public struct Journal: Sendable {
    public var events: [JournalEvent]
    public var warnings: [String]
    /// Whether the journal file exists and was read (possibly empty).
    public var exists: Bool

    public init(events: [JournalEvent] = [], warnings: [String] = [], exists: Bool = false) {
        self.events = events
        self.warnings = warnings
        self.exists = exists
    }

    /// How many unreadable lines are named one by one before the rest are counted.
    static let namedLineLimit = 5

    /// The journal held by `bytes`, read from `path` (for the warnings).
    public static func parse(_ bytes: [UInt8], path: String) -> Journal {
        var events: [JournalEvent] = []
        var bad: [(line: Int, reason: String)] = []
        var unknownKinds: [String: Int] = [:]
        // A byte order mark an editor put first is not part of the first line.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let event = try JournalEvent.parse(line)
                if case .other(let name) = event.kind { unknownKinds[name, default: 0] += 1 }
                events.append(event)
            } catch {
                // A last line without its line break is an append that was cut short.
                if newline == nil { break }
                bad.append((number, String(describing: error)))
            }
        }
        var warnings: [String] = []
        for entry in bad.prefix(namedLineLimit) {
            warnings.append("\(path):\(entry.line): not a journal event (\(entry.reason)); it is left out")
        }
        if bad.count > namedLineLimit {
            warnings.append("\(path): \(bad.count - namedLineLimit) more lines are not journal events; they are left out")
        }
        if !unknownKinds.isEmpty {
            let count = unknownKinds.values.reduce(0, +)
            let names = unknownKinds.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            warnings.append("\(path) has \(count == 1 ? "an event" : "\(count) events") of a kind this lab does not know (\(names)), perhaps from a newer lab; shown as they are")
        }
        // Stable: the file's order is kept within a second.
        let ordered = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        return Journal(events: ordered, warnings: warnings, exists: true)
    }

    /// The last event of one of `kinds` about exercise `id`.
    public func latest(_ kinds: Set<JournalEvent.Kind>, exercise id: String) -> JournalEvent? {
        events.last { $0.exercise == id && kinds.contains($0.kind) }
    }

    /// The kind of the last event of one of `kinds` about each exercise that has one: one pass over
    /// the journal, for a command that asks about many exercises (a check of 200 would otherwise
    /// read the whole journal 200 times).
    public func latestKinds(_ kinds: Set<JournalEvent.Kind>) -> [String: JournalEvent.Kind] {
        var latest: [String: JournalEvent.Kind] = [:]
        for event in events where kinds.contains(event.kind) {
            if let exercise = event.exercise { latest[exercise] = event.kind }
        }
        return latest
    }

    /// The last event of one of `kinds` about phase `id`.
    public func latest(_ kinds: Set<JournalEvent.Kind>, phase id: Int) -> JournalEvent? {
        events.last { $0.phase == id && $0.exercise == nil && kinds.contains($0.kind) }
    }
}

extension Journal {
    /// The events a check result adds: `passed` when the exercise's last check event is not a
    /// pass (its first pass, or its first since it regressed); `regressed` when it fails and its
    /// last check event is a pass, or it has none and the run reports a regression (its item is
    /// ticked and the state knows a pass the journal does not). Recorded again after a kill, the
    /// same results add nothing twice.
    public func checkEvent(
        exercise id: String, phase: Int, passed: Bool, failed: Bool, reportedRegression: Bool, duration: Double, commit: String?,
        at: Date
    ) -> JournalEvent? {
        Self.checkEvent(
            exercise: id, phase: phase, last: latest(Self.checkKinds, exercise: id)?.kind, passed: passed, failed: failed,
            reportedRegression: reportedRegression, duration: duration, commit: commit, at: at)
    }

    /// The kinds of event a check records.
    static let checkKinds: Set<JournalEvent.Kind> = [.passed, .regressed]

    /// The same, given the kind of the exercise's last check event (`latestKinds(checkKinds)`).
    static func checkEvent(
        exercise id: String, phase: Int, last: JournalEvent.Kind?, passed: Bool, failed: Bool, reportedRegression: Bool,
        duration: Double, commit: String?, at: Date
    ) -> JournalEvent? {
        if passed && last != .passed {
            return JournalEvent(.passed, at: at, exercise: id, phase: phase, duration: duration, commit: commit)
        }
        if failed && (last == .passed || (last == nil && reportedRegression)) {
            return JournalEvent(.regressed, at: at, exercise: id, phase: phase, duration: duration, commit: commit)
        }
        return nil
    }

    /// `ticked` or `unticked` for an item about to change, unless the journal already ends on it
    /// for that exercise (an append whose write was then cut short by a kill).
    public func tickEvent(exercise id: String, phase: Int, checked: Bool, at: Date) -> JournalEvent? {
        let kind: JournalEvent.Kind = checked ? .ticked : .unticked
        guard latest([.ticked, .unticked], exercise: id)?.kind != kind else { return nil }
        return JournalEvent(kind, at: at, exercise: id, phase: phase)
    }

    /// `phase_started` or `phase_finished` for a phase whose status is about to change, unless the
    /// journal already ends on it for that phase.
    public func phaseEvent(phase id: Int, started: Bool, at: Date) -> JournalEvent? {
        let kind: JournalEvent.Kind = started ? .phaseStarted : .phaseFinished
        guard latest([.phaseStarted, .phaseFinished], phase: id)?.kind != kind else { return nil }
        return JournalEvent(kind, at: at, phase: id)
    }
}
