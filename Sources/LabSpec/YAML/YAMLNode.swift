/// A node of a YAML document with its source range: a position in the document's `YAMLTree`.
/// Aliases share the node of their anchor.
public struct YAMLNode: Sendable, Equatable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence(YAMLSequence)
        case mapping(YAMLMapping)
    }

    /// How a sequence or mapping was written.
    public enum CollectionStyle: Sendable { case block, flow }

    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    private var record: YAMLTree.Record { tree.records[index] }

    public var content: Content {
        let record = self.record
        switch record.kind {
        case .scalar: return .scalar(tree.scalars[record.first])
        case .sequence: return .sequence(YAMLSequence(tree: tree, range: record.children))
        case .mapping: return .mapping(YAMLMapping(tree: tree, range: record.children))
        }
    }

    public var start: Mark { record.start }
    public var end: Mark { record.end }

    public var tag: String? {
        let attributes = record.attributes
        return attributes < 0 ? nil : tree.attributes[attributes].tag
    }

    public var anchor: String? {
        let attributes = record.attributes
        return attributes < 0 ? nil : tree.attributes[attributes].anchor
    }

    public var collectionStyle: CollectionStyle? {
        let record = self.record
        guard record.kind != .scalar else { return nil }
        return record.isFlow ? .flow : .block
    }

    public var scalar: YAMLScalar? {
        let record = self.record
        return record.kind == .scalar ? tree.scalars[record.first] : nil
    }

    /// The text of a scalar that is not null: what the decoder reads as a string, without
    /// copying the whole `YAMLScalar`.
    var stringValue: String? {
        let record = self.record
        guard record.kind == .scalar, tree.scalars[record.first].resolved != .null else { return nil }
        return tree.scalars[record.first].value
    }

    public var sequence: YAMLSequence? {
        let record = self.record
        return record.kind == .sequence ? YAMLSequence(tree: tree, range: record.children) : nil
    }

    public var mapping: YAMLMapping? {
        let record = self.record
        return record.kind == .mapping ? YAMLMapping(tree: tree, range: record.children) : nil
    }

    /// Where item `index` of a sequence is written (its alias when aliased).
    public func reference(ofItem index: Int) -> Mark {
        let record = self.record
        guard record.kind == .sequence else { return record.start }
        precondition(index >= 0 && index < record.count, "index out of range")
        return tree.reference(ofItem: tree.items[record.first + index])
    }

    /// The value of the first entry whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    public func pair(forKey key: String) -> YAMLPair? {
        mapping?.first(key: key)
    }

    /// What the node is, for messages such as "expected a string, found a mapping".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar): return scalar.kindDescription
        }
    }

    /// The same node of the same document.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index
    }
}

/// The items of a sequence node in order, or nodes listed by hand (`node.sequence ?? [node]`
/// for a value written as one thing or a list).
public struct YAMLSequence: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case tree(YAMLTree, Range<Int>)
        case listed([YAMLNode])
    }

    private let storage: Storage

    init(tree: YAMLTree, range: Range<Int>) {
        storage = .tree(tree, range)
    }

    public init(arrayLiteral nodes: YAMLNode...) {
        storage = .listed(nodes)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .tree(_, let range): return range.count
        case .listed(let nodes): return nodes.count
        }
    }

    public subscript(position: Int) -> YAMLNode {
        switch storage {
        case .tree(let tree, let range):
            precondition(position >= 0 && position < range.count, "index out of range")
            return YAMLNode(tree: tree, index: tree.items[range.lowerBound + position].node)
        case .listed(let nodes):
            return nodes[position]
        }
    }
}

/// The entries of a mapping node in source order with merge keys (`<<`) resolved, or entries
/// listed by hand (`node.mapping ?? []`).
public struct YAMLMapping: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case tree(YAMLTree, Range<Int>)
        case listed([YAMLPair])
    }

    private let storage: Storage

    init(tree: YAMLTree, range: Range<Int>) {
        storage = .tree(tree, range)
    }

    public init(arrayLiteral pairs: YAMLPair...) {
        storage = .listed(pairs)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .tree(_, let range): return range.count
        case .listed(let pairs): return pairs.count
        }
    }

    public subscript(position: Int) -> YAMLPair {
        switch storage {
        case .tree(let tree, let range):
            precondition(position >= 0 && position < range.count, "index out of range")
            let entry = tree.entries[range.lowerBound + position]
            return YAMLPair(
                key: YAMLNode(tree: tree, index: entry.key), value: YAMLNode(tree: tree, index: entry.value),
                isMerged: entry.isMerged, valueReference: tree.reference(ofValue: entry))
        case .listed(let pairs):
            return pairs[position]
        }
    }

    /// The first entry whose key is the scalar `key`, without making the pairs it passes.
    func first(key: String) -> YAMLPair? {
        switch storage {
        case .tree(let tree, let range):
            guard let position = tree.entry(forKey: key, fingerprint: YAMLScalar.fingerprint(of: key), in: range) else { return nil }
            return self[position - range.lowerBound]
        case .listed(let pairs):
            return pairs.first { $0.key.scalar?.value == key }
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

/// The nodes of a YAML stream, stored flat: a record per node, and the items of every sequence
/// and the entries of every mapping in two shared arrays that records point into. Reading a
/// large file allocates a handful of arrays rather than an object and an array per node.
final class YAMLTree: Sendable {
    enum Kind: UInt8 { case scalar, sequence, mapping }

    // Records, items and entries keep their indices in 32 bits: a large file has hundreds of
    // thousands of each, and their size is most of the memory a read touches (48 bytes a record
    // rather than 80). The reader refuses a file too large for that before it reads it
    // (`ReadSession.maxBytes`), so the indices are stored without a check.

    struct Record {
        var start: Mark
        var end: Mark
        private var storedFirst: Int32
        private var storedCount: Int32
        private var storedAttributes: Int32
        var kind: Kind
        var isFlow: Bool

        init(start: Mark, end: Mark, first: Int, count: Int, attributes: Int, kind: Kind, isFlow: Bool) {
            self.start = start
            self.end = end
            storedFirst = Int32(truncatingIfNeeded: first)
            storedCount = Int32(truncatingIfNeeded: count)
            storedAttributes = Int32(truncatingIfNeeded: attributes)
            self.kind = kind
            self.isFlow = isFlow
        }

        /// A scalar's index in `scalars`; the first of a sequence's `items` or a mapping's `entries`.
        var first: Int { Int(storedFirst) }
        /// How many items or entries a collection has.
        var count: Int { Int(storedCount) }
        /// The index in `attributes` of a node with a tag or an anchor, else -1.
        var attributes: Int { Int(storedAttributes) }

        var children: Range<Int> { first..<(first + count) }
    }

    struct Item {
        private var storedNode: Int32
        private var storedAlias: Int32

        init(node: Int, alias: Int) {
            storedNode = Int32(truncatingIfNeeded: node)
            storedAlias = Int32(truncatingIfNeeded: alias)
        }

        var node: Int { Int(storedNode) }
        /// The index in `aliasMarks` of where the item is written when it is an alias, else -1.
        var alias: Int { Int(storedAlias) }
    }

    struct Entry {
        private var storedKey: Int32
        private var storedValue: Int32
        private var storedAlias: Int32
        var isMerged: Bool

        init(key: Int, value: Int, alias: Int, isMerged: Bool) {
            storedKey = Int32(truncatingIfNeeded: key)
            storedValue = Int32(truncatingIfNeeded: value)
            storedAlias = Int32(truncatingIfNeeded: alias)
            self.isMerged = isMerged
        }

        var key: Int { Int(storedKey) }
        var value: Int { Int(storedValue) }
        /// The index in `aliasMarks` of where the value is written when it is an alias, else -1.
        var alias: Int { Int(storedAlias) }
    }

    struct Attributes {
        var tag: String?
        var anchor: String?
    }

    let records: ContiguousArray<Record>
    let scalars: ContiguousArray<YAMLScalar>
    let items: ContiguousArray<Item>
    let entries: ContiguousArray<Entry>
    let aliasMarks: ContiguousArray<Mark>
    let attributes: ContiguousArray<Attributes>

    init(
        records: ContiguousArray<Record>, scalars: ContiguousArray<YAMLScalar>, items: ContiguousArray<Item>,
        entries: ContiguousArray<Entry>, aliasMarks: ContiguousArray<Mark>, attributes: ContiguousArray<Attributes>
    ) {
        self.records = records
        self.scalars = scalars
        self.items = items
        self.entries = entries
        self.aliasMarks = aliasMarks
        self.attributes = attributes
    }

    /// The position in `entries` of the first entry of `range` whose key is the scalar `key`,
    /// whose fingerprint is given: keys are compared as integers, and a match as text.
    func entry(forKey key: String, fingerprint: UInt64, in range: Range<Int>) -> Int? {
        for position in range {
            let keyRecord = records[entries[position].key]
            if keyRecord.kind == .scalar && scalars[keyRecord.first].fingerprint == fingerprint && scalars[keyRecord.first].value == key {
                return position
            }
        }
        return nil
    }

    func reference(ofItem item: Item) -> Mark {
        item.alias < 0 ? records[item.node].start : aliasMarks[item.alias]
    }

    func reference(ofValue entry: Entry) -> Mark {
        entry.alias < 0 ? records[entry.value].start : aliasMarks[entry.alias]
    }
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
    public let tag: String?
    /// `value`'s `YAMLScalar.fingerprint`: mappings find duplicate keys, and the decoder finds the
    /// keys it knows, by comparing these integers before any text.
    let fingerprint: UInt64
    public let resolved: Resolved
    // Last, where it packs beside `resolved`'s case: thousands of scalars are kept at once.
    public let style: Style

    /// The reader's: it has resolved the text and taken its fingerprint from libyaml's bytes.
    init(value: String, tag: String?, style: Style, resolved: Resolved, fingerprint: UInt64) {
        self.value = value
        self.tag = tag
        self.style = style
        self.resolved = resolved
        self.fingerprint = fingerprint
    }

    /// A number that equal texts share and different texts rarely do: the length mixed with the
    /// first and the last eight bytes (all of them in a shorter text). A match is confirmed by
    /// comparing the texts.
    @inline(__always)
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            hash ^= bytes.loadUnaligned(as: UInt64.self)
            hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            hash ^= UInt64(bytes.loadUnaligned(as: UInt32.self)) | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        } else if count > 0 {
            hash ^= UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
        }
        return (hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB
    }

    /// The fingerprint of a text, as `fingerprint(_:)` gives it for the text's bytes.
    static func fingerprint(of text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { fingerprint(UnsafeRawBufferPointer($0)) }
    }

    /// What the scalar is, for messages such as "expected a string, found an integer".
    var kindDescription: String {
        switch resolved {
        case .null: return "nothing (null)"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string where style != .plain && YAMLScalar.resolvePlain(value) != .string: return "the string '\(value)'"
        case .string: return "a string"
        }
    }

    struct YAMLTagError: Error {
        var message: String
    }

    private static let core = "tag:yaml.org,2002:"

    /// What `value`, whose bytes are `utf8`, resolves to with its style and tag.
    static func resolve(_ utf8: UnsafeBufferPointer<UInt8>, _ value: String, style: Style, tag: String?) throws(YAMLTagError) -> Resolved {
        guard let tag else { return style == .plain ? resolvePlain(utf8) : .string }
        return try resolve(value, style: style, tag: tag)
    }

    /// What `value` resolves to with an explicit tag.
    static func resolve(_ value: String, style: Style, tag: String) throws(YAMLTagError) -> Resolved {
        switch tag {
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
        case let other:
            let shown = other.hasPrefix(core) ? "!!" + other.dropFirst(core.count) : other
            throw YAMLTagError(message: "unsupported tag '\(shown)'")
        }
    }

    /// The YAML 1.2 core schema for plain scalars. Most scalars are words, so the first byte
    /// decides before any string comparison.
    static func resolvePlain(_ value: String) -> Resolved {
        var text = value
        return text.withUTF8 { resolvePlain($0) }
    }

    /// `resolvePlain(_:)` on the text's bytes.
    static func resolvePlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Resolved {
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return utf8.count == 1 ? .null : .string
        // Keys and words such as "title" or "file" start like these: the length rules most out.
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return utf8.count == 4 && (utf8.elementsEqual("null".utf8) || utf8.elementsEqual("Null".utf8) || utf8.elementsEqual("NULL".utf8)) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return utf8.count == 4 && (utf8.elementsEqual("true".utf8) || utf8.elementsEqual("True".utf8) || utf8.elementsEqual("TRUE".utf8)) ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return utf8.count == 5 && (utf8.elementsEqual("false".utf8) || utf8.elementsEqual("False".utf8) || utf8.elementsEqual("FALSE".utf8)) ? .bool(false) : .string
        case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string
        }
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "o") {
            // What `Int(_:radix:)` reads after the prefix, signs included.
            let digits = String(decoding: UnsafeBufferPointer(rebasing: utf8[2...]), as: UTF8.self)
            if let number = Int(digits, radix: utf8[1] == UInt8(ascii: "x") ? 16 : 8) { return .int(number) }
            return .string
        }
        if let number = decimalInteger(utf8) { return .int(number) }
        let text = String(decoding: utf8, as: UTF8.self)
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if isFloat(utf8), let number = Double(text) { return .float(number) }
        return .string
    }

    /// `[-+]?[0-9]+` that fits an `Int`.
    private static func decimalInteger(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let negative = utf8.first == UInt8(ascii: "-")
        if negative || utf8.first == UInt8(ascii: "+") { index = 1 }
        guard index < utf8.count else { return nil }
        var magnitude = 0
        while index < utf8.count {
            let digit = utf8[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int(digit))
            guard !overflow, !carry else { return nil }
            magnitude = sum
            index += 1
        }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func skip(_ accepted: (UInt8) -> Bool) -> Bool {
            guard index < utf8.count, accepted(utf8[index]) else { return false }
            index += 1
            return true
        }
        func digits() -> Int {
            var count = 0
            while skip({ $0 >= 48 && $0 <= 57 }) { count += 1 }
            return count
        }
        _ = skip { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        let whole = digits()
        if skip({ $0 == UInt8(ascii: ".") }) {
            let fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if skip({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            _ = skip { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            if digits() == 0 { return false }
        }
        return index == utf8.count
    }
}
