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

    @Test func stringsAreEscapedAsJSONAsks() {
        #expect(JSONValue.quote("plain") == #""plain""#)
        #expect(JSONValue.quote("a\"b\\c\nd\re\tf\u{1}g\u{7F}") == #""a\"b\\c\nd\re\tf\u0001g\u007f""#)
        #expect(JSONValue.quote("") == #""""#)
        #expect(JSONValue.quote("naïve 日本 \u{1F600}") == "\"naïve 日本 \u{1F600}\"")
    }

    /// Whatever a string holds, writing it and reading it back gives it again.
    @Test func stringsReadBack() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "日", "\u{1F600}", " ", "/"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
            }
            let written = JSONValue.quote(text)
            #expect(try JSONParser.parse(Array(written.utf8)) == .string(text), "\(written)")
        }
    }
}
