import Foundation

/// One line of the journal (`.lab/journal.jsonl`): something verified or recorded about the lab,
/// when (UTC), and about which exercise or phase.
///
/// A line is a JSON object with keys sorted: `{"at":"2026-11-26T15:04:05Z","commit":"a1b2c3d",
/// "duration":0.18,"event":"passed","exercise":"dns-basics","phase":1}`; keys without a value are
/// left out. Keys a newer `lab` adds are ignored, and an event kind it adds is kept as `.other`.
public struct JournalEvent: Sendable, Equatable {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// An exercise's check passed: its first pass, or the first since it regressed.
        case passed
        /// An exercise's item was ticked (by `lab check` or `lab mark`).
        case ticked
        /// An exercise's item was unticked (`lab mark --undo`).
        case unticked
        /// An exercise that had passed fails its check.
        case regressed
        case phaseStarted
        case phaseFinished
        /// A spaced re-check of a passed exercise passed (`lab review`).
        case reviewed
        /// An exercise's quiz was answered right (`lab quiz`), one event per quiz step.
        case quizPassed
        /// A kind this version of `lab` does not know (written by a newer one).
        case other(String)

        public init(rawValue: String) {
            switch rawValue {
            case "passed": self = .passed
            case "ticked": self = .ticked
            case "unticked": self = .unticked
            case "regressed": self = .regressed
            case "phase_started": self = .phaseStarted
            case "phase_finished": self = .phaseFinished
            case "reviewed": self = .reviewed
            case "quiz_passed": self = .quizPassed
            default: self = .other(rawValue)
            }
        }

        public var rawValue: String {
            switch self {
            case .passed: "passed"
            case .ticked: "ticked"
            case .unticked: "unticked"
            case .regressed: "regressed"
            case .phaseStarted: "phase_started"
            case .phaseFinished: "phase_finished"
            case .reviewed: "reviewed"
            case .quizPassed: "quiz_passed"
            case .other(let name): name
            }
        }

        public var description: String { rawValue }

        /// Whether the event is about an exercise (and must name one).
        public var concernsExercise: Bool {
            switch self {
            case .passed, .ticked, .unticked, .regressed, .reviewed, .quizPassed: true
            case .phaseStarted, .phaseFinished, .other: false
            }
        }

        public var isKnown: Bool {
            if case .other = self { return false }
            return true
        }
    }

    public var kind: Kind
    public var at: Date
    public var exercise: String?
    public var phase: Int?
    /// For check events: how long the exercise's check took, in seconds.
    public var duration: Double?
    /// For check events: the short id of the lab's git `HEAD` commit, when it has one.
    public var commit: String?
    /// For `reviewed`: how the re-check ended (`passed`, `failed`, `timed_out`, …).
    public var outcome: String?
    /// For `quiz_passed`: the digest of the questions answered (see `QuizRecord.digest(of:)`).
    public var quiz: String?
    /// For `quiz_passed`: the accepted answer each question was given, as its hash.
    public var answers: [String]?

    public init(
        _ kind: Kind, at: Date, exercise: String? = nil, phase: Int? = nil, duration: Double? = nil, commit: String? = nil,
        outcome: String? = nil, quiz: String? = nil, answers: [String]? = nil
    ) {
        self.outcome = outcome
        self.quiz = quiz
        self.answers = answers
        self.kind = kind
        self.at = at
        self.exercise = exercise
        self.phase = phase
        self.duration = duration
        self.commit = commit
    }
}

extension JournalEvent: Encodable {
    enum CodingKeys: String, CodingKey { case event, at, exercise, phase, duration, commit, outcome, quiz, answers }


    /// Why a line is not an event, for the warning that names it.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .event)
        try container.encode(UTCTime.text(at), forKey: .at)
        try container.encodeIfPresent(exercise, forKey: .exercise)
        try container.encodeIfPresent(phase, forKey: .phase)
        try container.encodeIfPresent(duration.map { ($0 * 1000).rounded() / 1000 }, forKey: .duration)
        try container.encodeIfPresent(commit, forKey: .commit)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encodeIfPresent(quiz, forKey: .quiz)
        try container.encodeIfPresent(answers, forKey: .answers)
    }

    /// The event as one journal line, line break included.
    public var line: [UInt8] {
        if let line = plainLine { return line }
        return encodedLine
    }

    /// The line as `JSONEncoder` writes it, keys sorted and slashes left alone.
    var encodedLine: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and a date as text cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return [UInt8](data) + [0x0A]
    }

    /// The same line written directly, when nothing in it needs escaping — every string free of
    /// quotes, backslashes and control characters, the duration printed without an exponent —
    /// byte for byte what `encodedLine` gives (tests compare them), without an encoder per event;
    /// nil otherwise. The keys in the encoder's sorted order.
    var plainLine: [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out.append(UInt8(ascii: "{"))
        func key(_ name: StaticString) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func string(_ text: String) -> Bool {
            out.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
            return true
        }
        if let answers {
            key("answers")
            out.append(UInt8(ascii: "["))
            for (index, answer) in answers.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard string(answer) else { return nil }
            }
            out.append(UInt8(ascii: "]"))
        }
        key("at")
        guard string(UTCTime.text(at)) else { return nil }
        if let commit {
            key("commit")
            guard string(commit) else { return nil }
        }
        if let duration {
            // As the encoder prints a double: its description, without a trailing ".0".
            var text = ((duration * 1000).rounded() / 1000).description
            guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }) else { return nil }
            if text.hasSuffix(".0") { text.removeLast(2) }
            key("duration")
            out.append(contentsOf: text.utf8)
        }
        key("event")
        guard string(kind.rawValue) else { return nil }
        if let exercise {
            key("exercise")
            guard string(exercise) else { return nil }
        }
        if let outcome {
            key("outcome")
            guard string(outcome) else { return nil }
        }
        if let phase {
            key("phase")
            out.append(contentsOf: String(phase).utf8)
        }
        if let quiz {
            key("quiz")
            guard string(quiz) else { return nil }
        }
        out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        return out
    }

    /// The event a line holds (without its line break).
    ///
    /// A check that records anything reads the whole journal, a line per event of the lab's
    /// history. A line as `lab` writes it is read by `CanonicalLine` without building a JSON
    /// tree; any other line — another key order, spaces, escapes, a `null`, a key this version
    /// does not know, a mistake — by `parseAnyObject`, which reads any JSON object the same way.
    /// Tests hold the two to the same result on canonical and mangled lines.
    static func parse(_ line: some Collection<UInt8>) throws -> JournalEvent {
        let canonical = line.withContiguousStorageIfAvailable { CanonicalLine.event($0) } ?? CanonicalLine.event(Array(line))
        if let event = canonical { return event }
        return try parseAnyObject(line)
    }

    /// Read with `JSONParser`, not `JSONDecoder`: the decoder cost a check most of its own work
    /// once the journal held a few hundred lines.
    static func parseAnyObject(_ line: some Collection<UInt8>) throws -> JournalEvent {
        guard case .object(let entries)? = try? JSONParser.parse(Array(line)) else {
            throw Malformed(description: "it is not a JSON object")
        }
        // As a keyed decoding container reads an object: the first of duplicate keys counts, and
        // a `null` is an absent optional. One pass over the keys, no dictionary: a check reads
        // every line of the journal.
        var event: JSONValue?
        var time: JSONValue?
        var exercise: JSONValue?
        var phase: JSONValue?
        var duration: JSONValue?
        var commit: JSONValue?
        var outcome: JSONValue?
        var quiz: JSONValue?
        var answers: JSONValue?
        for (key, value) in entries {
            switch key {
            case "event" where event == nil: event = value
            case "at" where time == nil: time = value
            case "exercise" where exercise == nil: exercise = value
            case "phase" where phase == nil: phase = value
            case "duration" where duration == nil: duration = value
            case "commit" where commit == nil: commit = value
            case "outcome" where outcome == nil: outcome = value
            case "quiz" where quiz == nil: quiz = value
            case "answers" where answers == nil: answers = value
            default: continue
            }
        }
        func optional<T>(_ value: JSONValue?, _ key: CodingKeys, _ read: (JSONValue) -> T?) throws -> T? {
            guard let value else { return nil }
            if case .null = value { return nil }
            guard let read = read(value) else { throw Malformed(description: "'\(key.rawValue)' has the wrong type") }
            return read
        }
        guard let event else { throw Malformed(description: "it has no 'event'") }
        guard let name = event.stringValue else { throw Malformed(description: "'event' has the wrong type") }
        guard let time else { throw Malformed(description: "it has no 'at'") }
        guard let time = time.stringValue else { throw Malformed(description: "'at' has the wrong type") }
        let kind = Kind(rawValue: name)
        // Fractional seconds are accepted, from a journal written by hand or by another tool.
        guard let at = UTCTime.parse(time, fractionalSeconds: true) else {
            throw Malformed(description: "'at' is not a UTC time such as 2026-11-26T15:04:05Z")
        }
        var result = JournalEvent(kind, at: at)
        result.exercise = try optional(exercise, .exercise) { $0.stringValue }
        result.phase = try optional(phase, .phase) { $0.intValue }
        result.duration = try optional(duration, .duration) { value in value.doubleValue.flatMap { $0.isFinite ? $0 : nil } }
        result.commit = try optional(commit, .commit) { $0.stringValue }
        result.outcome = try optional(outcome, .outcome) { $0.stringValue }
        result.quiz = try optional(quiz, .quiz) { $0.stringValue }
        result.answers = try optional(answers, .answers) { value -> [String]? in
            guard case .array(let items) = value else { return nil }
            let texts = items.compactMap { $0.stringValue }
            return texts.count == items.count ? texts : nil
        }
        try result.checkSubject()
        return result
    }

    /// What every event of its kind must name.
    fileprivate func checkSubject() throws {
        if kind.concernsExercise && exercise == nil {
            throw Malformed(description: "a '\(kind)' event names no exercise")
        }
        if (kind == .phaseStarted || kind == .phaseFinished) && phase == nil {
            throw Malformed(description: "a '\(kind)' event names no phase")
        }
    }
}

/// A journal line exactly as `lab` writes it (`JournalEvent.line`): one JSON object, no spaces,
/// its keys among the event's own, each once, sorted or not; strings of printable ASCII without
/// escapes; `phase` a whole number, `duration` a plain decimal; no `null`. Anything else is nil,
/// for the general reader, which gives the same event for every line this one accepts.
enum CanonicalLine {
    static func event(_ bytes: [UInt8]) -> JournalEvent? {
        bytes.withUnsafeBufferPointer { event($0) }
    }

    static func event(_ bytes: UnsafeBufferPointer<UInt8>) -> JournalEvent? {
        var cursor = Cursor(bytes: bytes)
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var name: String?, time: String?, exercise: String?, commit: String?, outcome: String?, quiz: String?
        var phase: Int?, duration: Double?, answers: [String]?
        var first = true
        while !cursor.take(UInt8(ascii: "}")) {
            guard first || cursor.take(UInt8(ascii: ",")) else { return nil }
            first = false
            guard let key = cursor.key(), cursor.take(UInt8(ascii: ":")) else { return nil }
            // Each value must read as its key's type; a key given twice is left to the general
            // reader, which keeps the first.
            switch key {
            case .event where name == nil: name = cursor.string()
            case .at where time == nil: time = cursor.string()
            case .exercise where exercise == nil: exercise = cursor.string()
            case .commit where commit == nil: commit = cursor.string()
            case .outcome where outcome == nil: outcome = cursor.string()
            case .quiz where quiz == nil: quiz = cursor.string()
            case .phase where phase == nil: phase = cursor.wholeNumber()
            case .duration where duration == nil: duration = cursor.decimal()
            case .answers where answers == nil: answers = cursor.strings()
            default: return nil
            }
            guard !cursor.failed else { return nil }
        }
        guard cursor.atEnd, let name, let time, let at = UTCTime.parse(time, fractionalSeconds: true) else { return nil }
        var event = JournalEvent(JournalEvent.Kind(rawValue: name), at: at)
        event.exercise = exercise
        event.phase = phase
        event.duration = duration
        event.commit = commit
        event.outcome = outcome
        event.quiz = quiz
        event.answers = answers
        // A mistake is the general reader's to describe.
        guard (try? event.checkSubject()) != nil else { return nil }
        return event
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// Set when a value did not read as its type.
        var failed = false

        var atEnd: Bool { index == bytes.count }

        /// A key this reader knows, compared on its bytes; nil for any other.
        mutating func key() -> JournalEvent.CodingKeys? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index < bytes.count else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            for key in Self.keys where key.bytes.count == name.count && key.bytes.elementsEqual(name) {
                return key.key
            }
            return nil
        }

        private static let keys: [(bytes: [UInt8], key: JournalEvent.CodingKeys)] = [
            JournalEvent.CodingKeys.at, .commit, .duration, .event, .exercise, .phase, .outcome, .quiz, .answers,
        ].map { (Array($0.rawValue.utf8), $0) }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string of printable ASCII other than `"` and `\`.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return fail() }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return fail() }
                index += 1
            }
            guard index < bytes.count else { return fail() }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return text
        }

        mutating func strings() -> [String]? {
            guard take(UInt8(ascii: "[")) else { return fail() }
            var texts: [String] = []
            if take(UInt8(ascii: "]")) { return texts }
            repeat {
                guard let text = string() else { return nil }
                texts.append(text)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? texts : fail()
        }

        /// Marks the cursor failed; nil.
        mutating func fail<T>() -> T? {
            failed = true
            return nil
        }

        /// One to nine digits.
        mutating func wholeNumber() -> Int? {
            let start = index
            var value = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 9 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > start, index == bytes.count || !(bytes[index] >= 0x30 && bytes[index] <= 0x39),
                index == bytes.count || bytes[index] != UInt8(ascii: ".")
            else { return fail() }
            return value
        }

        /// Digits, perhaps with a point among them, fifteen at most in all, converted to the
        /// double the general reader gets from them.
        mutating func decimal() -> Double? {
            let start = index
            let whole = digits()
            var fraction = 0
            if whole > 0, take(UInt8(ascii: ".")) {
                fraction = digits()
                guard fraction > 0 else { return fail() }
            }
            // Fifteen digits at most, so both the digits as a whole number and the power of ten
            // are exact doubles, and their quotient is rounded once: the nearest double to the
            // decimal, as Double(String) gives it.
            guard whole > 0, whole + fraction <= 15 else { return fail() }
            var digits = 0.0
            for byte in UnsafeBufferPointer(rebasing: bytes[start..<index]) where byte != UInt8(ascii: ".") {
                digits = digits * 10 + Double(byte - 0x30)
            }
            return digits / Self.powersOfTen[fraction]
        }

        private static let powersOfTen: [Double] = (0...15).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }

        /// How many digits follow, skipped.
        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
    }
}
