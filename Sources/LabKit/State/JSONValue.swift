import Foundation

/// A small JSON writer with keys in the order given, so reports read in the documented order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(indent: nil) == rhs.rendered(indent: nil)
    }

    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    public static func optional(_ number: Int32?) -> JSONValue { number.map { .integer(Int($0)) } ?? .null }

    /// The value as JSON text; `indent` spaces per level, or compact when nil.
    public func rendered(indent: Int? = 2) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, level: 0, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], level: Int, indent: Int?) {
        switch self {
        case .null: JSONValue.append("null", to: &out)
        case .bool(let flag): JSONValue.append(flag ? "true" : "false", to: &out)
        case .integer(let number): JSONValue.append(number, to: &out)
        case .number(let number):
            if !number.isFinite {
                JSONValue.append("null", to: &out)
            } else if number == number.rounded() && abs(number) < 1e15 {
                JSONValue.append(Int(number), to: &out)
            } else {
                out += JSONValue.sixSignificantDigits(number).description.utf8
            }
        case .string(let text): JSONValue.appendQuoted(text, to: &out)
        case .array(let items):
            if items.isEmpty { JSONValue.append("[]", to: &out); return }
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                let item = items[index]
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, level: level + 1, indent: indent)
                item.write(into: &out, level: level + 1, indent: indent)
            }
            newline(&out, level: level, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            if entries.isEmpty { JSONValue.append("{}", to: &out); return }
            out.append(UInt8(ascii: "{"))
            for index in entries.indices {
                let entry = entries[index]
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, level: level + 1, indent: indent)
                JSONValue.appendQuoted(entry.0, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                entry.1.write(into: &out, level: level + 1, indent: indent)
            }
            newline(&out, level: level, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `number` rounded to six significant digits, as `%.6g` would (printed by Swift's shortest
    /// round-trip formatting: no C varargs, which cost more than the rest of a state file).
    static func sixSignificantDigits(_ number: Double) -> Double {
        guard number != 0, number.isFinite else { return number }
        let exponent = Int((log10(abs(number))).rounded(.down))
        let scale = pow(10, Double(5 - exponent))
        let rounded = (number * scale).rounded() / scale
        return rounded.isFinite ? rounded : number
    }

    private func newline(_ out: inout [UInt8], level: Int, indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<(level * indent) { out.append(UInt8(ascii: " ")) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func append(_ number: Int, to out: inout [UInt8]) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out.append(contentsOf: digits.reversed())
    }

    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string; bytes that need no escape are copied as they are, a run at a time.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &out)
                case UInt8(ascii: "\\"): append("\\\\", to: &out)
                case 0x0A: append("\\n", to: &out)
                case 0x0D: append("\\r", to: &out)
                case 0x09: append("\\t", to: &out)
                default:
                    append("\\u00", to: &out)
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0x0F))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
