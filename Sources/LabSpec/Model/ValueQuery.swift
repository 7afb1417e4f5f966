/// Where a value is in a JSON or YAML document: dotted keys, `[N]` indexes (from 0), `[*]` for
/// every item, `["key.with.dots"]` for a key the dotted form cannot write, and `length` for the
/// size of a list, mapping or string. `spec.template.spec.containers[0].image`, `resources.length`.
public struct ValueQuery: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case key(String)
        case index(Int)
        /// `[*]`: every item of a list (or every value of a mapping).
        case all
        /// `length`: how many items, members or characters.
        case length
    }

    /// Why a query does not parse, at a 1-based column (in characters) of its text.
    public struct ParseError: Error, Sendable, Equatable {
        public var column: Int
        public var message: String
    }

    /// As written in `lab.yml`; empty for the whole document.
    public let text: String
    public let segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
        self.text = Self.text(of: segments)
    }

    private init(text: String, segments: [Segment]) {
        self.text = text
        self.segments = segments
    }

    /// The whole document.
    public static let root = ValueQuery(text: "", segments: [])

    public var description: String { text.isEmpty ? "the document" : text }

    /// Whether the query can find several values.
    public var findsMany: Bool { segments.contains(.all) }

    public static func parse(_ text: String) -> Result<ValueQuery, ParseError> {
        var parser = QueryParser(characters: Array(text))
        do throws(ParseError) {
            return .success(ValueQuery(text: text, segments: try parser.parse()))
        } catch {
            return .failure(error)
        }
    }

    /// The text of a path of segments, as the dotted form writes it: `spec.containers[1].image`.
    public static func text(of segments: [Segment]) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .key(let key):
                if QueryParser.isPlainKey(key) {
                    if !out.isEmpty { out += "." }
                    out += key
                } else {
                    out += "[" + DataValue.quoted(key) + "]"
                }
            case .index(let index): out += "[\(index)]"
            case .all: out += "[*]"
            case .length: out += out.isEmpty ? "length" : ".length"
            }
        }
        return out
    }
}

private struct QueryParser {
    let characters: [Character]
    var index = 0

    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key != "length" && !key.contains { isSpecial($0) }
    }

    static func isSpecial(_ character: Character) -> Bool {
        character == "." || character == "[" || character == "]" || character == "\"" || character.isWhitespace
            || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The characters in `range`, as a string. Appended one by one: `String(characters[range])`
    /// goes through the generic `String.init(_: some Sequence)`, whose associated types the
    /// runtime looks up by walking every conformance record of the binary the first time.
    func text(_ range: Range<Int>) -> String {
        var text = ""
        for character in characters[range] { text.append(character) }
        return text
    }

    func fail(_ message: String, at position: Int? = nil) -> ValueQuery.ParseError {
        ValueQuery.ParseError(column: (position ?? index) + 1, message: message)
    }

    mutating func parse() throws(ValueQuery.ParseError) -> [ValueQuery.Segment] {
        guard !characters.isEmpty else { throw fail("the query is empty (leave 'query' out to test the whole document)") }
        var segments: [ValueQuery.Segment] = []
        var expectKey = true
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                segments.append(try bracket())
                expectKey = false
                continue
            }
            if !expectKey {
                guard character == "." else {
                    throw fail("expected '.' or '[' after \(segments.isEmpty ? "the start" : "'" + ValueQuery.text(of: segments) + "'"), found '\(character)'")
                }
                index += 1
                guard index < characters.count else { throw fail("the query ends with '.': a key is missing after it", at: index - 1) }
            }
            segments.append(try key())
            expectKey = false
        }
        return segments
    }

    mutating func key() throws(ValueQuery.ParseError) -> ValueQuery.Segment {
        let start = index
        while index < characters.count, characters[index] != ".", characters[index] != "[" {
            let character = characters[index]
            if character == "]" { throw fail("']' without '['") }
            if character == "\"" { throw fail("a quoted key goes in brackets: [\"key\"]") }
            if character.isWhitespace || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw fail("a key cannot hold spaces or control characters; write it as [\"key\"]")
            }
            index += 1
        }
        guard index > start else {
            throw fail(characters[index] == "." ? "empty key: two dots in a row, or a dot at the start" : "empty key before '['")
        }
        let key = text(start..<index)
        return key == "length" ? .length : .key(key)
    }

    mutating func bracket() throws(ValueQuery.ParseError) -> ValueQuery.Segment {
        let open = index
        index += 1
        guard index < characters.count else { throw fail("'[' is not closed", at: open) }
        let segment: ValueQuery.Segment
        switch characters[index] {
        case "*":
            index += 1
            segment = .all
        case "\"":
            index += 1
            var key = ""
            while true {
                guard index < characters.count else { throw fail("the quoted key is not closed", at: open + 1) }
                let character = characters[index]
                index += 1
                if character == "\"" { break }
                if character == "\\" {
                    guard index < characters.count else { throw fail("the quoted key is not closed", at: open + 1) }
                    let escaped = characters[index]
                    guard escaped == "\"" || escaped == "\\" else { throw fail("only \\\" and \\\\ can be escaped in a quoted key") }
                    key.append(escaped)
                    index += 1
                    continue
                }
                key.append(character)
            }
            segment = .key(key)
        case let character where character.isASCII && character.isNumber:
            let start = index
            while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
            guard index - start <= 9, let number = Int(text(start..<index)) else {
                throw fail("index \(text(start..<index)) is too large", at: start)
            }
            segment = .index(number)
        case "-":
            throw fail("indexes count from 0 and cannot be negative")
        default:
            throw fail("expected an index, '*' or a quoted key after '['")
        }
        guard index < characters.count else { throw fail("'[' is not closed", at: open) }
        guard characters[index] == "]" else { throw fail("expected ']'") }
        index += 1
        return segment
    }
}
