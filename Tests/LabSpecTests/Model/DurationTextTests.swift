import Testing
@testable import LabSpec

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("2m", .seconds(120)), ("1h", .seconds(3600)),
        ("1m30s", .seconds(90)), ("10", .seconds(10)), ("0.5", .milliseconds(500)), ("1.5s", .milliseconds(1500)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "10 sec", "-5s", "5x", "s", "1m-3s", "+3", "1e400", "ms"])
    func rejects(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    /// Whatever `Double` reads is a number of seconds, hexadecimal and exponents included; units
    /// follow whole or decimal numbers of any length.
    @Test(arguments: [
        ("0x1d", Duration.seconds(29)), ("1e3", .seconds(1000)), ("5.", .seconds(5)), ("2d", .seconds(172_800)),
        ("1w2d3h4m5s6ms", .milliseconds(((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000 + 6)),
        ("007s", .seconds(7)), ("1.25m", .seconds(75)), ("0000000000000000001s", .seconds(1)), ("999999999999999s", nil),
        ("1..2s", nil), ("1sm", nil), ("1S", nil), ("inf", nil), ("nan", nil), ("5ms5", nil),
    ] as [(String, Duration?)])
    func readsNumbersAsDoubleDoes(_ text: String, _ expected: Duration?) {
        #expect(DurationText.parse(text) == expected)
    }

    /// A duration written right but longer than any taken is said to be too long, not invalid.
    @Test(arguments: [
        ("1000000w", true), ("1e400", true), ("999999999999999s", true), ("1000000000", true), ("999999999", false),
        ("30s", false), ("inf", false), ("nan", false), ("5x", false), ("-5s", false), ("", false),
    ])
    func tellsTooLongFromInvalid(_ text: String, _ tooLong: Bool) {
        #expect(DurationText.isTooLong(text) == tooLong)
        if tooLong { #expect(DurationText.parse(text) == nil) }
    }

    @Test func formats() {
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.milliseconds(1500)) == "1.5s")
        #expect(DurationText.format(.seconds(120)) == "2m")
    }
}
