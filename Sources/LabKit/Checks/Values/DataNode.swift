import LabSpec

/// A value read from a JSON or YAML document, with where it is written when that is known.
final class DataNode: Sendable {
    enum Content: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case list([DataNode])
        case mapping([Member])
    }

    struct Member: Sendable {
        var key: String
        var value: DataNode
    }

    let content: Content
    /// Where the value starts in its file; nil for a value read without positions.
    let mark: Mark?

    init(_ content: Content, mark: Mark? = nil) {
        self.content = content
        self.mark = mark
    }

    /// The value without positions, for comparing and printing.
    var value: DataValue {
        switch content {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .list(let items): return .list(items.map(\.value))
        case .mapping(let members): return .mapping(members.map { DataValue.Member(key: $0.key, value: $0.value.value) })
        }
    }

    /// A YAML node as data: scalars resolved by the YAML 1.2 core schema, positions kept.
    convenience init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            let content: Content
            switch scalar.resolved {
            case .null: content = .null
            case .bool(let flag): content = .bool(flag)
            case .int(let number): content = .number(Double(number))
            case .float(let number): content = .number(number)
            case .string: content = .string(scalar.value)
            }
            self.init(content, mark: node.start)
        case .sequence(let items):
            self.init(.list(items.map(DataNode.init)), mark: node.start)
        case .mapping(let pairs):
            self.init(.mapping(pairs.map { Member(key: $0.key.scalar?.value ?? "", value: DataNode($0.value)) }), mark: node.start)
        }
    }
}
