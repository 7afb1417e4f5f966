import Foundation

/// A small, fast JSON reader into `JSONValue`, for files `lab` writes itself (`.lab/state.json`):
/// Foundation's decoder costs more than everything else a quick `lab check` does.
public enum JSONParser {
    public struct Failure: Error, Sendable {
        public var offset: Int
        public var reason: String
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        try parse(bytes, streaming: nil)
    }

    /// Whether `bytes` are one JSON text, as RFC 8259 has it, with no value kept: nil when they
    /// are, else where and why not (a comma before `}` or `]`, a single quote, text after the
    /// value, …). For documents lab did not write (a `json` step's file or output), nested up to
    /// `maxDepth` levels.
    public static func problem(in bytes: [UInt8], maxDepth: Int = 512) -> Failure? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, index: 0, stream: nil, maxDepth: maxDepth, strict: true)
            do throws(Failure) {
                _ = try reader.value(depth: 0)
                reader.skipSpace()
                return reader.index == buffer.count ? nil : Failure(offset: reader.index, reason: "unexpected text after the value")
            } catch {
                return error
            }
        }
    }

    /// The same, except that the strings of the array under the top-level key `key` are handed to
    /// `each` as they are read — their bytes, escapes decoded — instead of kept: that array reads
    /// as empty. The state's stamp lines are most of a large state file, and a String apiece is
    /// more work than the rest of reading it.
    public static func parse(
        _ bytes: [UInt8], streamingStringsOf key: String, _ each: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(Failure) -> JSONValue {
        let outcome = withoutActuallyEscaping(each) { each in
            Result { () throws(Failure) -> JSONValue in try parse(bytes, streaming: Stream(key: key, each: each)) }
        }
        return try outcome.get()
    }

    private static func parse(_ bytes: [UInt8], streaming stream: Stream?) throws(Failure) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(Failure) -> JSONValue in
            var reader = Reader(bytes: buffer, index: 0, stream: stream)
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.index == buffer.count else { throw Failure(offset: reader.index, reason: "unexpected text after the value") }
            return value
        }
    }

    /// The top-level key whose array of strings is handed over as it is read.
    private struct Stream {
        var key: String
        var each: (UnsafeBufferPointer<UInt8>) -> Void
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let stream: Stream?
        /// The deepest nesting read.
        var maxDepth = 64
        /// Numbers as RFC 8259 writes them (no `+`, no leading zero, digits around `.`).
        var strict = false
        /// The streamed key was met (a repeat of it is read as usual).
        var streamed = false

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < maxDepth else { throw fail("nested too deeply") }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var entries: [(String, JSONValue)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(entries) }
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !entries.isEmpty {
                        throw fail("a ',' before '}': JSON allows no comma after the last member")
                    }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    index += 1
                    // Only the first such key, as a lookup of the key (`json[key]`) finds only the first.
                    if depth == 0, !streamed, let stream, key == stream.key, try streamArray(stream.each, depth: depth + 1) {
                        streamed = true
                        entries.append((key, .array([])))
                    } else {
                        entries.append((key, try value(depth: depth + 1)))
                    }
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(entries) }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONValue] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !items.isEmpty {
                        throw fail("a ',' before ']': JSON allows no comma after the last item")
                    }
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default:
                return try number()
            }
        }

        /// Reads the array here, handing its strings to `each` (other items are read and dropped);
        /// false, having read nothing, when the value here is not an array.
        mutating func streamArray(_ each: (UnsafeBufferPointer<UInt8>) -> Void, depth: Int) throws(Failure) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return true }
            while true {
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    try string(each)
                } else {
                    _ = try value(depth: depth + 1)
                }
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return true }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail("unexpected end") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw fail("unexpected character")
            }
            index += count
            return value
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = index
            if strict { try checkNumber() }
            // Integers, the usual case, without going through a String.
            var negative = false
            var cursor = index
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { negative = true; cursor += 1 }
            var magnitude = 0
            var digits = 0
            while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, digits < 18 {
                magnitude = magnitude * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            if digits > 0, cursor == bytes.count || !(bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39)
                && bytes[cursor] != UInt8(ascii: ".") && bytes[cursor] != UInt8(ascii: "e") && bytes[cursor] != UInt8(ascii: "E")
            {
                index = cursor
                return .integer(negative ? -magnitude : magnitude)
            }
            var isInteger = true
            while index < bytes.count {
                let byte = bytes[index]
                if (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") { index += 1; continue }
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") {
                    isInteger = false
                    index += 1
                    continue
                }
                break
            }
            guard index > start else { throw fail("unexpected character") }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if isInteger, let integer = Int(text) { return .integer(integer) }
            guard let number = Double(text) else { throw Failure(offset: start, reason: "invalid number") }
            return .number(number)
        }

        /// RFC 8259's number from `index`, or a failure where it departs: `-`? then `0` or a
        /// digit 1–9 and digits, then `.` and digits, then `e`/`E`, a sign and digits.
        func checkNumber() throws(Failure) {
            var cursor = index
            func digits() -> Int {
                let first = cursor
                while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 { cursor += 1 }
                return cursor - first
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 else {
                throw Failure(offset: cursor, reason: bytes[cursor < bytes.count ? cursor : index] == UInt8(ascii: "'")
                    ? "a single quote: JSON strings take double quotes" : "unexpected character")
            }
            if bytes[cursor] == UInt8(ascii: "0"), cursor + 1 < bytes.count, bytes[cursor + 1] >= 0x30, bytes[cursor + 1] <= 0x39 {
                throw Failure(offset: cursor, reason: "a number with a leading zero")
            }
            _ = digits()
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
                cursor += 1
                guard digits() > 0 else { throw Failure(offset: cursor, reason: "a number with no digit after '.'") }
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
                cursor += 1
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
                guard digits() > 0 else { throw Failure(offset: cursor, reason: "a number with no digit in its exponent") }
            }
        }

        mutating func string() throws(Failure) -> String {
            try string { String(decoding: $0, as: UTF8.self) }
        }

        /// The string here, its escapes decoded, handed to `body` as bytes.
        mutating func string<Value>(_ body: (UnsafeBufferPointer<UInt8>) -> Value) throws(Failure) -> Value {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail(index < bytes.count && bytes[index] == UInt8(ascii: "'") ? "a single quote: JSON strings take double quotes" : "expected a string")
            }
            index += 1
            let start = index
            // Fast path: no escapes. memchr finds the closing quote a vector at a time, then the
            // run before it is checked for a backslash the same way (the state's stamp lines make
            // this most of reading a large state file).
            guard let base = bytes.baseAddress, let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start)
            else {
                index = bytes.count
                throw fail("unterminated string")
            }
            let end = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            if let backslash = memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) {
                index = base.distance(to: backslash.assumingMemoryBound(to: UInt8.self))
            } else {
                index = end
            }
            if bytes[index] == UInt8(ascii: "\"") {
                let text = body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                index += 1
                return text
            }
            var scalars: [UInt8] = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return scalars.withUnsafeBufferPointer(body)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw fail("unterminated string") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low &- 0xDC00)
                        }
                        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                        scalars.append(contentsOf: Array(String(scalar).utf8))
                    default: scalars.append(escape)
                    }
                default:
                    scalars.append(byte)
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("unterminated escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw fail("invalid \\u escape")
                }
                value = value << 4 | digit
            }
            return value
        }
    }
}

extension JSONValue {
    /// The value of key `name` of an object.
    public subscript(name: String) -> JSONValue? {
        if case .object(let entries) = self { return entries.first { $0.0 == name }?.1 }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .integer(let number): return number
        case .number(let number) where number == number.rounded() && abs(number) < 9e18: return Int(number)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let number): return Double(number)
        case .number(let number): return number
        default: return nil
        }
    }

    public var objectEntries: [(String, JSONValue)]? {
        if case .object(let entries) = self { return entries }
        return nil
    }
}
