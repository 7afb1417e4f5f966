import LabSpec

/// Finds what a query names in a document and says whether it is as expected — and when it is
/// not, what was found, what was expected, and where: `spec.replicas is 1 (expected ≥ 2)`.
///
/// A query with `[*]` finds several values: `equals`, `matches` and the bounds must hold for
/// each of them, `contains` for all of them together (`Statement[*].Action[*]` contains
/// `s3:GetObject` when one statement allows it).
enum ValueMatcher {
    /// A fact that does not hold, with the position of the value (or of where the search stopped).
    struct Problem: Sendable, Equatable, Error {
        var message: String
        var mark: Mark?
    }

    /// Checks `check` against `root`; `rootName` names the whole document in messages ("stdout").
    static func check(_ check: ValueCheck, in root: DataNode, rootName: String = "the document") -> Problem? {
        let search = find(check.query, in: root, rootName: rootName)
        let expect = check.expect
        if expect.exists == false {
            guard let first = search.found.first else { return nil }
            return Problem(message: "\(name(first.path, rootName)) exists (expected it not to)", mark: first.node.mark)
        }
        if let miss = search.missing.first { return miss }
        guard !search.found.isEmpty else {
            return Problem(message: "\(check.query) finds nothing: \(search.emptyReason ?? "no value")", mark: search.emptyMark)
        }
        var each = expect
        if check.query.findsMany && !expect.contains.isEmpty {
            // "items[*].name contains web": the names found, together, hold "web".
            let all = DataNode(.list(search.found.map { $0.node }), mark: search.found.first?.node.mark)
            if let problem = compare(all, name: check.query.text, with: ValueExpectation(contains: expect.contains)) { return problem }
            each.contains = []
        }
        for (path, node) in search.found {
            if let problem = compare(node, name: name(path, rootName), with: each) { return problem }
        }
        return nil
    }

    // MARK: - Searching

    struct Search {
        var found: [(path: [ValueQuery.Segment], node: DataNode)] = []
        var missing: [Problem] = []
        /// Why `[*]` found nothing (an empty list), when it did not.
        var emptyReason: String?
        var emptyMark: Mark?
    }

    static func find(_ query: ValueQuery, in root: DataNode, rootName: String) -> Search {
        var search = Search()
        var current: [(path: [ValueQuery.Segment], node: DataNode)] = [([], root)]
        for segment in query.segments {
            var next: [(path: [ValueQuery.Segment], node: DataNode)] = []
            for (path, node) in current {
                let here = name(path, rootName)
                switch (segment, node.content) {
                case (.key(let key), .mapping(let members)):
                    if let member = members.first(where: { $0.key == key }) {
                        next.append((path + [.key(key)], member.value))
                    } else {
                        search.missing.append(Problem(message: "\(here) has no key \(DataValue.quoted(key))" + keyList(members), mark: node.mark))
                    }
                case (.key(let key), _):
                    search.missing.append(Problem(message: "\(here) is \(describe(node.value)), not a mapping: it has no key \(DataValue.quoted(key))", mark: node.mark))
                case (.index(let index), .list(let items)):
                    if index < items.count {
                        next.append((path + [.index(index)], items[index]))
                    } else {
                        let count = items.count == 1 ? "1 item" : "\(items.count) items"
                        search.missing.append(Problem(message: "\(here) has \(count): there is no [\(index)]", mark: node.mark))
                    }
                case (.index(let index), _):
                    search.missing.append(Problem(message: "\(here) is \(describe(node.value)), not a list: it has no [\(index)]", mark: node.mark))
                case (.all, .list(let items)):
                    if items.isEmpty, search.emptyReason == nil {
                        search.emptyReason = "\(here) is an empty list"
                        search.emptyMark = node.mark
                    }
                    for (index, item) in items.enumerated() { next.append((path + [.index(index)], item)) }
                case (.all, .mapping(let members)):
                    if members.isEmpty, search.emptyReason == nil {
                        search.emptyReason = "\(here) is an empty mapping"
                        search.emptyMark = node.mark
                    }
                    for member in members { next.append((path + [.key(member.key)], member.value)) }
                case (.all, _):
                    search.missing.append(Problem(message: "\(here) is \(describe(node.value)), not a list: [*] finds nothing in it", mark: node.mark))
                case (.length, .list(let items)):
                    next.append((path + [.length], DataNode(.number(Double(items.count)), mark: node.mark)))
                case (.length, .mapping(let members)):
                    next.append((path + [.length], DataNode(.number(Double(members.count)), mark: node.mark)))
                case (.length, .string(let text)):
                    next.append((path + [.length], DataNode(.number(Double(text.count)), mark: node.mark)))
                case (.length, _):
                    search.missing.append(Problem(message: "\(here) is \(describe(node.value)), which has no length", mark: node.mark))
                }
            }
            current = next
        }
        search.found = current
        return search
    }

    private static func keyList(_ members: [DataNode.Member]) -> String {
        guard !members.isEmpty else { return " (it is empty)" }
        let shown = members.prefix(8).map { DataValue.quoted($0.key) }.joined(separator: ", ")
        return " (its keys: \(shown)\(members.count > 8 ? ", …" : ""))"
    }

    /// The concrete path of a value, `spec.containers[1].image`, or the document's name.
    static func name(_ path: [ValueQuery.Segment], _ rootName: String) -> String {
        path.isEmpty ? rootName : ValueQuery.text(of: path)
    }

    // MARK: - Comparing

    private static func compare(_ node: DataNode, name: String, with expect: ValueExpectation) -> Problem? {
        let value = node.value
        func problem(_ expected: String, showKind: Bool = false) -> Problem {
            let shown = showKind ? "\(value.rendered()), \(value.kindDescription)" : value.rendered()
            return Problem(message: "\(name) is \(shown) (expected \(expected))", mark: node.mark)
        }
        if let expected = expect.equals, !value.isEqual(to: expected) {
            return problem(expected.rendered(), showKind: !sameKind(value, expected))
        }
        for expected in expect.contains {
            switch value {
            case .string(let text):
                guard case .string(let part) = expected else { return problem("a list or mapping containing \(expected.rendered())", showKind: true) }
                if !text.contains(part) { return problem("to contain \(expected.rendered())") }
            case .list(let items):
                if !items.contains(where: { $0.isEqual(to: expected) }) { return problem("to contain \(expected.rendered())") }
            case .mapping(let members):
                guard case .string(let key) = expected else { return problem("to contain \(expected.rendered())") }
                if !members.contains(where: { $0.key == key }) { return problem("to have the key \(expected.rendered())") }
            default:
                return problem("a string, list or mapping containing \(expected.rendered())", showKind: true)
            }
        }
        if let pattern = expect.matches {
            let text: String
            switch value {
            case .string(let string): text = string
            case .number(let number): text = DataValue.format(number)
            case .bool(let flag): text = flag ? "true" : "false"
            default: return problem("a string matching /\(pattern)/", showKind: true)
            }
            switch BoundedMatch.firstMatch(pattern, in: text) {
            case .unmatched: return problem("to match /\(pattern)/")
            case .givenUp: return problem("to match /\(pattern)/, which " + BoundedMatch.givenUpReason)
            case .matched, .invalid: break
            }
        }
        let bounds = expect.bounds
        if !bounds.isEmpty {
            let wanted = bounds.map { "\($0.symbol) \(DataValue.format($0.limit))" }.joined(separator: " and ")
            guard case .number(let number) = value else { return problem("a number \(wanted)", showKind: true) }
            let holds = bounds.allSatisfy { bound in
                switch bound.symbol {
                case ">": return number > bound.limit
                case "≥": return number >= bound.limit
                case "<": return number < bound.limit
                default: return number <= bound.limit
                }
            }
            if !holds { return problem(wanted) }
        }
        return nil
    }

    private static func sameKind(_ a: DataValue, _ b: DataValue) -> Bool { a.kindDescription == b.kindDescription }

    private static func describe(_ value: DataValue) -> String {
        switch value {
        case .null: return "null"
        case .list, .mapping: return value.kindDescription
        default: return "\(value.rendered(limit: 40)), \(value.kindDescription)"
        }
    }
}
