import Foundation

/// A small JSON writer with keys in the order given, so reports read in the documented order.
public indirect enum JSONValue: Sendable, Equatable {
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
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out
    }

    private func write(into out: inout String, level: Int, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .number(let number):
            if number.isFinite {
                out += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(format: "%.6g", number)
            } else {
                out += "null"
            }
        case .string(let text): out += JSONValue.quote(text)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(&out, level: level + 1, indent: indent)
                item.write(into: &out, level: level + 1, indent: indent)
            }
            newline(&out, level: level, indent: indent)
            out += "]"
        case .object(let entries):
            if entries.isEmpty { out += "{}"; return }
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += "," }
                newline(&out, level: level + 1, indent: indent)
                out += JSONValue.quote(entry.0) + (indent == nil ? ":" : ": ")
                entry.1.write(into: &out, level: level + 1, indent: indent)
            }
            newline(&out, level: level, indent: indent)
            out += "}"
        }
    }

    private func newline(_ out: inout String, level: Int, indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: level * indent)
    }

    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
