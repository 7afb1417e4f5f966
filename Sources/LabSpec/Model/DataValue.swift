/// A JSON or YAML value: what a query finds, and what `equals` or `contains` expect.
public indirect enum DataValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([DataValue])
    case mapping([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: DataValue

        public init(key: String, value: DataValue) {
            self.key = key
            self.value = value
        }
    }

    /// Numbers compare by value (`2` equals `2.0`); mappings by their members regardless of order.
    public func isEqual(to other: DataValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && a.allSatisfy { member in
                b.contains { $0.key == member.key && $0.value.isEqual(to: member.value) }
            }
        default: return false
        }
    }

    /// What kind of value it is, for messages: "a string", "a list".
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .list: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value written compactly as JSON, cut to about `limit` characters: `"web"`, `2`, `["a", "b"]`.
    public func rendered(limit: Int = 80) -> String {
        var out = ""
        render(into: &out, limit: limit)
        if out.count > limit { return String(out.prefix(limit)) + "…" }
        return out
    }

    private func render(into out: inout String, limit: Int) {
        guard out.count <= limit else { return }
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += Self.format(number)
        case .string(let text): out += Self.quoted(text)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.render(into: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "]"
        case .mapping(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += ", " }
                out += Self.quoted(member.key) + ": "
                member.value.render(into: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "}"
        }
    }

    /// A number without a needless `.0`: `2`, `0.5`, `1e+21`.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A string in double quotes, with quotes, backslashes and control characters escaped as JSON does.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
