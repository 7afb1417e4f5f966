import Foundation
import Testing

@testable import LabKit

/// The journal's fast reader against its general one: every line `lab` writes is read the fast
/// way, and every line, mangled or not, gives the same event or the same refusal either way.
@Suite struct CanonicalLineTests {
    static let kinds: [JournalEvent.Kind] = [
        .passed, .ticked, .unticked, .regressed, .phaseStarted, .phaseFinished, .reviewed, .quizPassed, .other("celebrated"),
    ]

    static func randomEvent(_ random: inout SplitMix64) -> JournalEvent {
        let kind = kinds.randomElement(using: &random)!
        let at = Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random)))
        var event = JournalEvent(kind, at: at)
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &random) ? value() : nil }
        event.exercise = kind.concernsExercise ? "ex-\(Int.random(in: 0...999, using: &random))" : maybe("e1")
        event.phase = (kind == .phaseStarted || kind == .phaseFinished) ? Int.random(in: 0...40, using: &random) : maybe(3)
        event.duration = maybe(Bool.random(using: &random)
            ? [0, 0.001, 0.18, 1.5, 12, 123.456, 3600.25, 0.00001].randomElement(using: &random)!
            : Double(Int.random(in: 0...100_000_000, using: &random)) / 1000)
        event.commit = maybe("a1b2c3d")
        event.outcome = maybe("timed_out")
        event.quiz = maybe("3f2a9c")
        event.answers = maybe(["h1", "h2", "h3"].prefix(Int.random(in: 0...3, using: &random)).map { $0 })
        return event
    }

    /// The result of a read: the event, or why the line was refused.
    static func outcome(_ read: () throws -> JournalEvent) -> String {
        do { return "event \(try read())" } catch { return "refused: \(error)" }
    }

    @Test func linesLabWritesAreReadTheFastWay() throws {
        var random = SplitMix64(seed: 0x10_0A)
        for _ in 0..<500 {
            let event = Self.randomEvent(&random)
            let line = Array(event.line.dropLast())
            let fast = try #require(CanonicalLine.event(line), "\(String(decoding: line, as: UTF8.self))")
            #expect(fast == (try JournalEvent.parseAnyObject(line)))
            // Written numbers round-trip as JSONEncoder wrote them; the event itself is what was
            // recorded, its duration rounded to the millisecond.
            #expect(fast.kind == event.kind && fast.at == event.at && fast.exercise == event.exercise && fast.answers == event.answers)
        }
    }

    /// Lines written directly are the encoder's byte for byte, whatever the strings hold; lines
    /// with something to escape are left to the encoder.
    @Test func linesWrittenDirectlyAreTheEncoders() {
        var random = SplitMix64(seed: 0x10_0D)
        let odd = ["a/b", "é", "\u{2028}", "\u{7F}", "tab\tbed", "quote\"", "back\\slash", "", "日本", "new\nline"]
        var direct = 0
        for _ in 0..<1000 {
            var event = Self.randomEvent(&random)
            if Bool.random(using: &random) { event.exercise = odd.randomElement(using: &random)! }
            if Bool.random(using: &random) { event.commit = odd.randomElement(using: &random)! }
            if Bool.random(using: &random) { event.answers = [odd.randomElement(using: &random)!, "h"] }
            if Bool.random(using: &random) {
                event.duration = [1e-5, 1e20, 0.5e-3, 123456789.125, -2.5, 7e15].randomElement(using: &random)!
            }
            if Bool.random(using: &random) { event.phase = Int.random(in: -5...1_000_000, using: &random) }
            if let plain = event.plainLine {
                direct += 1
                #expect(plain == event.encodedLine, "\(String(decoding: plain, as: UTF8.self))")
            }
            #expect(event.line == event.encodedLine)
        }
        #expect(direct > 200, "\(direct) written directly")
    }

    /// Plain decimals up to fifteen digits are read to the same double as `Double(String)`, which
    /// the general reader uses; longer ones are left to it.
    @Test func decimalsReadToTheNearestDouble() throws {
        var random = SplitMix64(seed: 0x10_0C)
        for _ in 0..<2000 {
            let whole = String(UInt64.random(in: 0...999_999_999_999, using: &random))
            let places = Int.random(in: 0...6, using: &random)
            let fraction = String((0..<places).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            let text = places == 0 ? whole : whole + "." + fraction
            let line = Array(#"{"at":"2026-11-26T15:04:05Z","duration":\#(text),"event":"passed","exercise":"x"}"#.utf8)
            let general = try JournalEvent.parseAnyObject(line)
            #expect(general.duration == Double(text))
            if let fast = CanonicalLine.event(line) {
                #expect(fast.duration == general.duration, "\(text)")
                #expect(text.filter(\.isNumber).count <= 15)
            } else {
                #expect(text.filter(\.isNumber).count > 15, "\(text) was left to the general reader")
            }
        }
    }

    /// Mangled lines: whatever the fast reader accepts, the general one reads the same, and what
    /// it refuses is read (or refused) as before.
    @Test func mangledLinesReadTheSameEitherWay() {
        var random = SplitMix64(seed: 0x10_0B)
        /// An edit that replaces every `text` in the line with `replacement`.
        func replacing(_ text: String, _ replacement: String) -> (inout [UInt8], inout SplitMix64) -> Void {
            { line, _ in line = Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8) }
        }
        let edits: [(inout [UInt8], inout SplitMix64) -> Void] = [
            { line, random in line.insert(0x20, at: Int.random(in: 0...line.count, using: &random)) },
            { line, random in if !line.isEmpty { line.remove(at: Int.random(in: 0..<line.count, using: &random)) } },
            { line, random in line = Array(line.prefix(Int.random(in: 0...line.count, using: &random))) },
            replacing("\"phase\":", "\"phase\":-"),
            replacing("\"duration\":", "\"duration\":1e-3,\"x\":"),
            replacing("\"exercise\":\"", "\"exercise\":\"\\u0041"),
            replacing("\"commit\":\"a1b2c3d\"", "\"commit\":null"),
            replacing("{", "{\"event\":\"ticked\","),
            replacing("{", "{\"mood\":\"great\","),
            replacing("ex-", "é-"),
            replacing("Z\"", ".250Z\""),
            replacing("T", " "),
            replacing("\"phase\":", "\"phase\":1.0,\"p\":"),
            replacing("\"duration\":", "\"duration\":99999999999999999,\"d\":"),
            replacing("\"answers\":[", "\"answers\":[1,"),
            replacing("\"exercise\":\"ex-", "\"exercise\":\"\u{7F}"),
            { line, _ in line += Array("x".utf8) },
            { line, _ in line = Array("{}".utf8) },
            { line, _ in line = Array("[]".utf8) },
        ]
        var fastReads = 0
        for _ in 0..<3000 {
            var line = Array(Self.randomEvent(&random).line.dropLast())
            for _ in 0..<Int.random(in: 1...2, using: &random) { edits.randomElement(using: &random)!(&line, &random) }
            if CanonicalLine.event(line) != nil { fastReads += 1 }
            let either = Self.outcome { try JournalEvent.parse(line) }
            let general = Self.outcome { try JournalEvent.parseAnyObject(line) }
            #expect(either == general, "\(String(decoding: line, as: UTF8.self))")
        }
        // Some mangled lines are still lab's own shape (a key order changed, a field dropped).
        #expect(fastReads > 100, "\(fastReads) read the fast way")
    }
}
