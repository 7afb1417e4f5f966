/// A fact about a JSON or YAML value: where it is (a query) and what it must be.
public struct ValueCheck: Sendable, Equatable {
    public var query: ValueQuery
    public var expect: ValueExpectation

    public init(query: ValueQuery, expect: ValueExpectation = ValueExpectation()) {
        self.query = query
        self.expect = expect
    }
}

/// What a queried value must be. With `[*]` in the query each value found must be so; with no
/// expectation at all, the value must exist.
public struct ValueExpectation: Sendable, Equatable {
    public var equals: DataValue?
    /// A string contains each as a substring, a list holds each as an item, a mapping has each as a key.
    public var contains: [DataValue]
    public var matches: String?
    public var exists: Bool?
    public var greaterThan: Double?
    public var lessThan: Double?
    public var atLeast: Double?
    public var atMost: Double?

    public init(
        equals: DataValue? = nil, contains: [DataValue] = [], matches: String? = nil, exists: Bool? = nil,
        greaterThan: Double? = nil, lessThan: Double? = nil, atLeast: Double? = nil, atMost: Double? = nil
    ) {
        self.equals = equals
        self.contains = contains
        self.matches = matches
        self.exists = exists
        self.greaterThan = greaterThan
        self.lessThan = lessThan
        self.atLeast = atLeast
        self.atMost = atMost
    }

    /// The numeric bounds, as `≥ 2`, `< 10`, in a fixed order.
    public var bounds: [(symbol: String, limit: Double)] {
        var list: [(symbol: String, limit: Double)] = []
        if let greaterThan { list.append((">", greaterThan)) }
        if let atLeast { list.append(("≥", atLeast)) }
        if let lessThan { list.append(("<", lessThan)) }
        if let atMost { list.append(("≤", atMost)) }
        return list
    }

    /// Only that the value exists (or, with `exists: false`, that it does not).
    public var isExistenceOnly: Bool {
        equals == nil && contains.isEmpty && matches == nil && bounds.isEmpty
    }
}
