import Foundation
import Testing

@testable import LabSpec

/// The plain subset proves patterns valid without compiling them, so it must never accept one
/// that `Regex` rejects: every pattern it accepts here is compiled too.
@Suite struct PlainRegexTests {
    static let plain = [
        "", "abc", "(?i)exit (code|status)", "(?i)time.?out", #"127\.0\.0\.1|::1"#, "@sha256:|:[0-9]",
        "^#!/", "(?is)^a.*b$", "x{2}", "x{2,}", "x{2,5}?", "a+?", #"\bword\B"#, "[^a-z0-9_./@, ]+",
        #"[\]\-\\]"#, "(?:a|b)*c", "()", "a|", "|", "a-b:c/d@e,f=g!h#i%j&k'l\"m;n<o>p~q", #"\/\-\{\}"#,
        #"\s+\d*\w?\S\D\W"#, "((a)(b|c))+",
    ]

    static let notPlain = [
        "(", ")", "a)", "(a", "*a", "a**", "[", "[]", "[a", "[z-a]", "[a-Z]", "[[:alpha:]]", "[a&&b]",
        "{", "x{5,2}", "x{12345}", "(?=a)", "(?<n>a)", "(?x) a", "a(?i)b", #"\1"#, #"\p{L}"#, "é",
        "^*", #"\q"#, String(repeating: "(", count: 40) + String(repeating: ")", count: 40),
    ]

    @Test(arguments: plain)
    func plainPatternsAreAcceptedAndCompile(_ pattern: String) throws {
        #expect(PlainRegex.accepts(pattern))
        _ = try Regex(pattern)
    }

    @Test(arguments: notPlain)
    func othersAreLeftToRegex(_ pattern: String) {
        #expect(!PlainRegex.accepts(pattern))
    }

    /// Random strings over the alphabet the subset speaks and its neighbours: whatever it
    /// accepts, `Regex` compiles.
    @Test func everyAcceptedRandomPatternCompiles() throws {
        let alphabet = Array(#"ab09Z .^$|?*+()[]{}\-,:/@_=!#&<>~sdwbB&:é"#)
        var state: UInt64 = 0x1AB
        func next() -> Int {   // a linear congruential generator: the same patterns on every run
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var accepted = 0
        for _ in 0..<30_000 {
            let length = next() % 9
            let pattern = String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            guard PlainRegex.accepts(pattern) else { continue }
            accepted += 1
            #expect(throws: Never.self, "accepted \(pattern.debugDescription)") { _ = try Regex(pattern) }
        }
        #expect(accepted > 1_000)
    }

    /// The course's own patterns all take the fast path.
    @Test func theCoursePatternsArePlain() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appending(path: "lab.yml"), encoding: .utf8)
        var patterns: [String] = []
        for line in text.split(separator: "\n") where line.contains("matches:") {
            let pieces = line.split(separator: "'", omittingEmptySubsequences: false)
            patterns += pieces.indices.filter { $0 % 2 == 1 }.map { String(pieces[$0]) }
        }
        #expect(patterns.count > 5)
        for pattern in patterns { #expect(PlainRegex.accepts(pattern), "\(pattern)") }
    }
}
