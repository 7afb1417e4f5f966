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

    /// A string ends at its first unescaped quote, wherever the escapes are; one with no closing
    /// quote is an error at the end of the input.
    @Test func stringEnds() throws {
        #expect(try JSONParser.parse(Array(#"["a\"b", "c\\", "\\\"", "", "plain"]"#.utf8))
            == .array([.string("a\"b"), .string("c\\"), .string("\\\""), .string(""), .string("plain")]))
        #expect(try JSONParser.parse(Array(#"{"k\"ey": "v"}"#.utf8)) == .object([("k\"ey", .string("v"))]))
        for text in [#""abc"#, #""ab\""#, #""ab\"#, "\"", #"["a", "b]"#] {
            #expect(throws: JSONParser.Failure.self, "\(text)") { try JSONParser.parse(Array(text.utf8)) }
        }
    }
}

/// The strings of one top-level array handed over as they are read (the state's stamp lines).
struct JSONStreamingTests {
    @Test func theStringsOfTheNamedArrayAreHandedOverDecodedAndInOrder() throws {
        let text = #"{"version": 2, "files": ["a", "b\"c", 3, {"x": ["no"]}, "\u00e9\n", ""], "other": {"files": ["kept"]}}"#
        var seen: [String] = []
        let value = try JSONParser.parse(Array(text.utf8), streamingStringsOf: "files") { seen.append(String(decoding: $0, as: UTF8.self)) }
        #expect(seen == ["a", "b\"c", "é\n", ""])
        #expect(value["files"] == .array([]))
        #expect(value["version"] == .integer(2))
        #expect(value["other"]?["files"] == .array([.string("kept")]), "only the top-level key")
    }

    /// A repeated key is read as `json[key]` reads it: the first one only is streamed.
    @Test func onlyTheFirstOfARepeatedKeyIsStreamed() throws {
        var seen: [String] = []
        let value = try JSONParser.parse(Array(#"{"files": ["a"], "files": ["b"]}"#.utf8), streamingStringsOf: "files") {
            seen.append(String(decoding: $0, as: UTF8.self))
        }
        #expect(seen == ["a"])
        #expect(value == .object([("files", .array([])), ("files", .array([.string("b")]))]))
    }

    @Test func aNamedKeyThatIsNotAnArrayIsReadAsUsual() throws {
        var seen = 0
        let value = try JSONParser.parse(Array(#"{"files": {"a": "b"}}"#.utf8), streamingStringsOf: "files") { _ in seen += 1 }
        #expect(seen == 0)
        #expect(value["files"] == .object([("a", .string("b"))]))
    }

    @Test(arguments: [#"{"files": ["a", }"#, #"{"files": ["a""#, #"{"files": ["a" "b"]}"#, #"{"files": [, "a"]}"#, #"{"files": ["a"]"#])
    func aBrokenArrayIsStillAnError(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8), streamingStringsOf: "files") { _ in } }
    }
}
