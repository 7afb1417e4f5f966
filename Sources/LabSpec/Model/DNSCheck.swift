/// A `dns:` step: the system resolver resolves NAME — to addresses of a family, if `type` says
/// which, and to at least the `addresses` expected.
public struct DNSCheck: Sendable, Equatable {
    public enum RecordType: String, Sendable, Equatable, CaseIterable {
        case a = "A"
        case aaaa = "AAAA"
    }

    public var name: String
    public var type: RecordType?
    public var addresses: [String]

    public init(name: String, type: RecordType? = nil, addresses: [String] = []) {
        self.name = name
        self.type = type
        self.addresses = addresses
    }
}
