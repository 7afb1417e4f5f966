/// A node of a YAML document with its source range; aliases share the node of their anchor.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// How a sequence or mapping was written.
    public enum CollectionStyle: Sendable { case block, flow }

    public let content: Content
    /// For a sequence: where each item is written — the alias (`*name`) for an aliased item, so
    /// messages point at the use rather than at the anchor.
    public let itemReferences: [Mark]
    public let start: Mark
    public let end: Mark
    public let tag: String?
    public let anchor: String?
    public let collectionStyle: CollectionStyle?
    /// The number of nodes this node stands for once every alias below it is expanded.
    let expandedSize: Int

    init(
        content: Content, itemReferences: [Mark] = [], start: Mark, end: Mark, tag: String?, anchor: String?,
        collectionStyle: CollectionStyle?, expandedSize: Int
    ) {
        self.content = content
        self.itemReferences = itemReferences
        self.start = start
        self.end = end
        self.tag = tag
        self.anchor = anchor
        self.collectionStyle = collectionStyle
        self.expandedSize = expandedSize
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// Where item `index` of a sequence is written (its alias when aliased).
    public func reference(ofItem index: Int) -> Mark {
        index < itemReferences.count ? itemReferences[index] : (sequence?[index].start ?? start)
    }

    /// The value of the first entry whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    public func pair(forKey key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar?.value == key }
    }

    /// What the node is, for messages such as "expected a string, found a mapping".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return "nothing (null)"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string where scalar.style != .plain && YAMLScalar.resolvePlain(scalar.value) != .string:
                return "the string '\(scalar.value)'"
            case .string: return "a string"
            }
        }
    }
}

/// One entry of a mapping.
public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode
    /// True when the entry came from a merge key (`<<`) rather than being written in this mapping.
    public let isMerged: Bool
    /// Where the value is written: its alias when aliased.
    public let valueReference: Mark
}

/// A scalar with its text, how it was written, and what the YAML 1.2 core schema resolves it to.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Equatable { case plain, singleQuoted, doubleQuoted, literal, folded }

    public enum Resolved: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string
    }

    public let value: String
    public let style: Style
    public let tag: String?
    public let resolved: Resolved

    init(value: String, style: Style, tag: String?) throws(YAMLTagError) {
        self.value = value
        self.style = style
        self.tag = tag
        self.resolved = try YAMLScalar.resolve(value, style: style, tag: tag)
    }

    struct YAMLTagError: Error {
        var message: String
    }

    private static let core = "tag:yaml.org,2002:"

    static func resolve(_ value: String, style: Style, tag: String?) throws(YAMLTagError) -> Resolved {
        switch tag {
        case nil:
            return style == .plain ? resolvePlain(value) : .string
        case "!":
            return .string
        case core + "str":
            return .string
        case core + "null":
            return .null
        case core + "bool":
            if case .bool(let flag) = resolvePlain(value) { return .bool(flag) }
            throw YAMLTagError(message: "'\(value)' is not a boolean")
        case core + "int":
            if case .int(let number) = resolvePlain(value) { return .int(number) }
            throw YAMLTagError(message: "'\(value)' is not an integer")
        case core + "float":
            switch resolvePlain(value) {
            case .int(let number): return .float(Double(number))
            case .float(let number): return .float(number)
            default: throw YAMLTagError(message: "'\(value)' is not a number")
            }
        case let other?:
            let shown = other.hasPrefix(core) ? "!!" + other.dropFirst(core.count) : other
            throw YAMLTagError(message: "unsupported tag '\(shown)'")
        }
    }

    /// The YAML 1.2 core schema for plain scalars. Most scalars are words, so the first byte
    /// decides before any string comparison.
    static func resolvePlain(_ value: String) -> Resolved {
        guard let first = value.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return value.utf8.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return value == "null" || value == "Null" || value == "NULL" ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return value == "true" || value == "True" || value == "TRUE" ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return value == "false" || value == "False" || value == "FALSE" ? .bool(false) : .string
        case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string
        }
        switch value {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let number = parseInteger(value) { return .int(number) }
        if isFloat(value), let number = Double(value) { return .float(number) }
        return .string
    }

    private static func parseInteger(_ value: String) -> Int? {
        if value.hasPrefix("0x") { return Int(value.dropFirst(2), radix: 16) }
        if value.hasPrefix("0o") { return Int(value.dropFirst(2), radix: 8) }
        var digits = Substring(value)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let magnitude = Int(digits)
        else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ value: String) -> Bool {
        var bytes = Array(value.utf8)[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= 48, byte <= 57 { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        let whole = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            let fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
