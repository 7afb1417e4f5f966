import Testing

@testable import LabKit

/// The state file's own JSON writer.
struct JSONValueTests {
    @Test func jsonNumbersKeepSixSignificantDigits() {
        #expect(JSONValue.number(0.0012345678).rendered() == "0.00123457")
        #expect(JSONValue.number(123.4567891).rendered() == "123.457")
        #expect(JSONValue.number(2.5).rendered() == "2.5")
        #expect(JSONValue.number(1e-7).rendered() == "1e-07")
    }
}
