#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steps of `verify`: exactly one kind per step, the keys that kind takes, and every value
/// checked for its shape before anything runs.
extension LabDecoder {
    static let commonStepKeys: [StaticString] = ["retry", "timeout"]

    /// The keys that a step of `kind` takes besides its kind and the common keys.
    static func keys(of kind: Step.Kind) -> [StaticString] {
        switch kind {
        case .run: return ["expect"]
        case .file: return ["contains", "not_contains", "matches", "mode", "type", "links_to", "size_gt"]
        case .http: return ["method", "headers", "body", "insecure", "ca", "follow", "expect"]
        case .tcp: return ["listening"]
        case .dns: return ["type", "expect"]
        case .json: return ["query", "expect"]
        case .yaml: return ["query", "document", "expect"]
        case .quiz: return []
        case .note: return ["sections", "min_words", "links", "code", "no_placeholders"]
        }
    }

    /// Every key of a step: the kinds in `Step.Kind.allCases` order (so that bit `n` of
    /// `Fields.present` is the kind `allCases[n]`), the common keys, then each kind's own keys
    /// not listed before (a test checks the list against `keys(of:)`).
    static let stepKeys: KeySet = [
        "run", "file", "http", "tcp", "dns", "json", "yaml", "quiz", "note",
        "retry", "timeout",
        "expect", "contains", "not_contains", "matches", "mode", "type", "links_to", "size_gt", "method", "headers", "body",
        "insecure", "ca", "follow", "listening", "query", "document", "sections", "min_words", "links", "code", "no_placeholders",
    ]
    /// The bits of `stepKeys` that every step may have: its kind (one of them) and the common keys.
    static let stepKindAndCommonMask: UInt64 = (1 << UInt64(Step.Kind.allCases.count + commonStepKeys.count)) - 1
    /// The bits of `stepKeys` that a step of each kind takes, by position in `Step.Kind.allCases`.
    static let stepKeyMasks: [UInt64] = Step.Kind.allCases.map { stepKindAndCommonMask | stepKeys.mask(keys(of: $0)) }
    static let runExpectKeys: KeySet = ["exit", "stdout", "stderr", "stdout_matches", "stderr_matches", "json"]
    static let httpExpectKeys: KeySet = ["status", "body", "body_matches", "headers", "json"]
    static let dnsExpectKeys: KeySet = ["addresses"]
    static let valueExpectKeys: KeySet = ["equals", "contains", "matches", "exists", "gt", "lt", "ge", "le"]
    static let valueCheckKeys = KeySet(["query"] + valueExpectKeys.literals)
    static let retryKeys = KeySet(["attempts", "delay"], required: ["attempts"])
    static let questionKeys = KeySet(["ask", "choices", "answer", "explain"], required: ["ask", "answer"])

    /// Two choices a learner's answer cannot tell apart: the same words, whatever their case and
    /// the white space around and between them (as answers are compared).
    static func sameChoice(_ a: String, _ b: String) -> Bool {
        func words(_ text: String) -> [Substring] { text.lowercased().split(whereSeparator: { $0.isWhitespace || $0.isNewline }) }
        return words(a) == words(b)
    }

    /// Appends the step to `steps` when it decodes: appending here moves it, where returning it
    /// would copy it.
    mutating func decodeStep(_ node: YAMLNode, label: @autoclosure () -> String, reference: Mark, into steps: inout [Step]) {
        guard node.mapping != nil else {
            typeError("a mapping such as '{ run: COMMAND }' or '{ file: PATH }'", for: label(), found: node, at: reference)
            return
        }
        let map = fields(of: node, allowed: Self.stepKeys, context: "in \(label())")
        let kindBits = map.present & ((1 << UInt64(Step.Kind.allCases.count)) - 1)
        let kindPosition = kindBits.trailingZeroBitCount
        guard kindBits != 0, let kindNode = map[position: kindPosition] else {
            error("\(label()) needs 'run' (a command) or 'file' (a path), or one of 'http', 'tcp', 'dns', 'json', 'yaml', 'quiz' and 'note'", at: reference)
            return
        }
        let kind = Step.Kind.allCases[kindPosition]
        if kindBits.nonzeroBitCount > 1 {
            let kinds = Step.Kind.allCases.indices.filter { kindBits & (1 << UInt64($0)) != 0 }.map { Step.Kind.allCases[$0] }
            let names = kinds.map { "'\($0.rawValue)'" }
            if names.count == 2 {
                error("\(label()) has both \(names[0]) and \(names[1]); write them as two steps", at: reference)
            } else {
                error("\(label()) has \(names.dropLast().joined(separator: ", ")) and \(names.last ?? ""); a step is one kind: write them as separate steps", at: reference)
            }
            return
        }
        for (key, misplaced) in map.pairs(in: ~Self.stepKeyMasks[kindPosition]) {
            error(Self.misplaced(key, in: kind), at: keyMark(node, key) ?? misplaced.value.start)
        }
        // Appended as soon as its action is known, then completed in place: a step assembled in a
        // variable, or from parts, was copied into the array.
        switch kind {
        case .run:
            guard let command = nonEmptyString(kindNode, "'run' in \(label())") else { return }
            // On the contiguous bytes: ten times cheaper than through the generic UTF8View.
            if command.utf8.withContiguousStorageIfAvailable({ $0.contains(0) }) ?? command.utf8.contains(0) {
                error("'run' in \(label()) contains a NUL character, which no command can hold", at: kindNode.start)
                return
            }
            steps.append(Step(action: .run(command), mark: reference))
            if let value = map["expect"] { steps[steps.count - 1].expect = decodeRunExpectation(value, label: label()) }
        case .file:
            guard let check = decodeFileCheck(kindNode, map: map, node: node, label: label()) else { return }
            steps.append(Step(action: .file(check), mark: reference))
        case .http:
            guard let check = decodeHTTPCheck(kindNode, map: map, node: node, label: label()) else { return }
            steps.append(Step(action: .http(check), mark: reference))
        case .tcp:
            guard let check = decodeTCPCheck(kindNode, map: map, label: label()) else { return }
            steps.append(Step(action: .tcp(check), mark: reference))
        case .dns:
            guard let check = decodeDNSCheck(kindNode, map: map, label: label()) else { return }
            steps.append(Step(action: .dns(check), mark: reference))
        case .json, .yaml:
            guard let check = decodeDocumentCheck(kindNode, format: kind == .json ? .json : .yaml, map: map, label: label()) else { return }
            steps.append(Step(action: .document(check), mark: reference))
        case .quiz:
            guard let check = decodeQuizCheck(kindNode, label: label()) else { return }
            steps.append(Step(action: .quiz(check), mark: reference))
        case .note:
            guard let check = decodeNoteCheck(kindNode, map: map, label: label()) else { return }
            steps.append(Step(action: .note(check), mark: reference))
        }
        if let value = map["timeout"], let timeout = duration(value, "'timeout' in \(label())") { steps[steps.count - 1].timeout = timeout }
        if let value = map["retry"] { steps[steps.count - 1].retry = decodeRetry(value, label: label()) }
    }

    /// Why a key of another kind of step is wrong here, and what the author probably meant.
    static func misplaced(_ key: String, in kind: Step.Kind) -> String {
        switch (key, kind) {
        case ("contains", .run):
            return "'contains' applies to 'file' steps; for a command's output use 'expect: { stdout: … }'"
        case ("contains", .http):
            return "'contains' applies to 'file' steps; for a response's body use 'expect: { body: … }'"
        case ("contains", .json), ("contains", .yaml), ("matches", .json), ("matches", .yaml):
            return "'\(key)' applies to 'file' steps; for the value of the query use 'expect: { \(key): … }'"
        case ("expect", .file):
            return "'expect' applies to 'run' steps and to 'http', 'dns', 'json' and 'yaml' steps; a 'file' step states its facts as keys of the step (contains, mode, type, …)"
        case ("expect", .tcp):
            return "'expect' does not apply to 'tcp' steps: they check that something accepts connections (or, with 'listening: false', that nothing does)"
        case ("body", .run):
            return "'body' applies to 'http' steps (the request's body); for a command's output use 'expect: { stdout: … }'"
        default:
            let owners = Step.Kind.allCases.filter { keys(of: $0).contains { $0.description == key } }.map { "'\($0.rawValue)'" }
            let list = owners.count > 1 ? owners.dropLast().joined(separator: ", ") + " and " + (owners.last ?? "") : owners.first ?? ""
            return "'\(key)' applies to \(list) steps, not to '\(kind.rawValue)' steps"
        }
    }

    // MARK: - run

    private mutating func decodeRunExpectation(_ node: YAMLNode, label: @autoclosure () -> String) -> Expectation {
        var expectation = Expectation()
        let map = fields(of: node, allowed: Self.runExpectKeys, context: "in 'expect' of \(label())")
        if let value = map["exit"] {
            let items = value.sequence ?? [value]
            var codes: [Int32] = []
            for item in items {
                if case .int(let code)? = item.scalar?.resolved, (0...255).contains(code) {
                    codes.append(Int32(code))
                } else if case .int? = item.scalar?.resolved {
                    error("exit status \(item.scalar?.value ?? "") in 'expect' of \(label()) must be between 0 and 255", at: item.start)
                } else {
                    typeError("an exit status (an integer) or a list of them", for: "'exit' in 'expect' of \(label())", found: item)
                }
            }
            if value.sequence?.isEmpty == true {
                error("'exit' in 'expect' of \(label()) is an empty list", at: value.start)
            }
            if !codes.isEmpty { expectation.exit = codes }
        }
        for (stream, isStdout) in [("stdout", true), ("stderr", false)] as [(StaticString, Bool)] {
            guard let value = map[stream], let list = stringOrList(value, "'\(stream)' in 'expect' of \(label())") else { continue }
            if list.contains("") {
                error("'\(stream)' in 'expect' of \(label()) holds an empty string, which every output contains", at: value.start)
            }
            if isStdout { expectation.stdout = list } else { expectation.stderr = list }
        }
        if let value = map["stdout_matches"] { expectation.stdoutMatches = pattern(value, "'stdout_matches' in 'expect' of \(label())") }
        if let value = map["stderr_matches"] { expectation.stderrMatches = pattern(value, "'stderr_matches' in 'expect' of \(label())") }
        if let value = map["json"] { expectation.json = decodeValueChecks(value, what: "'json' in 'expect' of \(label())") }
        return expectation
    }

    // MARK: - file

    private mutating func decodeFileCheck(_ pathNode: YAMLNode, map: Fields, node: YAMLNode, label: @autoclosure () -> String) -> FileCheck? {
        guard let path = nonEmptyString(pathNode, "'file' in \(label())") else { return nil }
        var check = FileCheck(path: path)
        if let value = map["contains"], let list = stringOrList(value, "'contains' in \(label())") { check.contains = list }
        if let value = map["not_contains"], let list = stringOrList(value, "'not_contains' in \(label())") {
            if list.contains("") {
                error("'not_contains' in \(label()) holds an empty string, which every file contains", at: value.start)
            }
            check.notContains = list
        }
        if let value = map["matches"] {
            let items = value.sequence ?? [value]
            if value.sequence?.isEmpty == true { error("'matches' in \(label()) is an empty list", at: value.start) }
            check.matches = items.compactMap { pattern($0, "'matches' in \(label())") }
        }
        if let value = map["mode"] { check.mode = mode(value, "'mode' in \(label())") }
        if let value = map["type"], let text = string(value, "'type' in \(label())") {
            if let type = FileCheck.FileType(rawValue: text) {
                check.type = type
            } else {
                let names = FileCheck.FileType.allCases.map(\.rawValue)
                error(
                    "unknown file type '\(text)' in \(label()) (expected file, directory or symlink)", at: value.start,
                    suggestion: Suggestion.closest(to: text, in: names + ["dir", "link"]).map { $0 == "dir" ? "directory" : $0 == "link" ? "symlink" : $0 })
            }
        }
        if let value = map["links_to"], let target = nonEmptyString(value, "'links_to' in \(label())") {
            check.linksTo = target
            if let type = check.type, type != .symlink {
                error("'links_to' in \(label()) says what a symbolic link points to, but 'type' is \(type.rawValue)", at: keyMark(node, "links_to") ?? value.start)
            }
        }
        if let value = map["size_gt"], let size = int(value, "'size_gt' in \(label())") {
            if size < 0 {
                error("'size_gt' in \(label()) must be 0 or more, found \(size)", at: value.start)
            } else {
                check.sizeGreaterThan = size
            }
        }
        if check.expectedType != .file {
            for key: StaticString in ["contains", "not_contains", "matches", "size_gt"] where map[key] != nil {
                error("'\(key)' in \(label()) reads a regular file, but 'type' is \(check.expectedType.rawValue)", at: keyMark(node, key.description) ?? node.start)
            }
        }
        return check
    }

    /// A mode as octal digits, `0755`, `755` or `0o755`, whether YAML read it as a number or a string.
    private mutating func mode(_ node: YAMLNode, _ what: @autoclosure () -> String) -> UInt32? {
        guard let scalar = node.scalar, scalar.resolved != .null else {
            typeError("a mode such as \"0755\"", for: what(), found: node)
            return nil
        }
        var digits = Substring(scalar.value)
        if digits.hasPrefix("0o") { digits = digits.dropFirst(2) }
        guard (3...4).contains(digits.count), digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
            let mode = UInt32(digits, radix: 8)
        else {
            error("\(what()) is not an octal mode: found '\(scalar.value)', expected three or four digits 0–7 such as \"0755\"", at: node.start)
            return nil
        }
        return mode
    }

    // MARK: - http

    private mutating func decodeHTTPCheck(_ urlNode: YAMLNode, map: Fields, node: YAMLNode, label: @autoclosure () -> String) -> HTTPCheck? {
        guard let url = nonEmptyString(urlNode, "'http' in \(label())") else { return nil }
        if let problem = HTTPURL.problem(url) {
            error("invalid URL '\(url)' for 'http' in \(label()): \(problem)", at: urlNode.start)
            return nil
        }
        var check = HTTPCheck(url: url)
        if let value = map["method"], let method = nonEmptyString(value, "'method' in \(label())") {
            if HTTPCheck.methods.contains(method) {
                check.method = method
            } else {
                let upper = method.uppercased()
                error(
                    "unknown HTTP method '\(method)' in \(label()) (expected one of \(HTTPCheck.methods.joined(separator: ", ")))", at: value.start,
                    suggestion: HTTPCheck.methods.contains(upper) ? upper : Suggestion.closest(to: upper, in: HTTPCheck.methods))
            }
        }
        if let value = map["headers"] { check.headers = headers(value, "'headers' in \(label())", request: true) }
        if let value = map["body"], let body = string(value, "'body' in \(label())") { check.body = body }
        if let value = map["insecure"], let flag = bool(value, "'insecure' in \(label())") { check.insecure = flag }
        if let value = map["follow"], let flag = bool(value, "'follow' in \(label())") { check.follow = flag }
        if let value = map["ca"], let ca = nonEmptyString(value, "'ca' in \(label())") { check.ca = ca }
        let isHTTPS = url.lowercased().hasPrefix("https:")
        if check.insecure && check.ca != nil {
            error("'insecure' and 'ca' in \(label()) contradict each other: trust the CA file, or trust any certificate", at: keyMark(node, "insecure") ?? node.start)
        }
        for key: StaticString in ["insecure", "ca"] where map[key] != nil && !isHTTPS {
            error("'\(key)' in \(label()) applies to https URLs; '\(url)' is plain http", at: keyMark(node, key.description) ?? node.start)
        }
        if let value = map["expect"] {
            let what = "'expect' of \(label())"
            let expected = fields(of: value, allowed: Self.httpExpectKeys, context: "in \(what)")
            if let status = expected["status"] {
                let items = status.sequence ?? [status]
                if status.sequence?.isEmpty == true { error("'status' in \(what) is an empty list", at: status.start) }
                for item in items {
                    if case .int(let code)? = item.scalar?.resolved, (100...599).contains(code) {
                        check.expect.status.append(code)
                    } else if case .int? = item.scalar?.resolved {
                        error("HTTP status \(item.scalar?.value ?? "") in \(what) must be between 100 and 599", at: item.start)
                    } else {
                        typeError("an HTTP status (an integer) or a list of them", for: "'status' in \(what)", found: item)
                    }
                }
            }
            if let body = expected["body"], let list = stringOrList(body, "'body' in \(what)") {
                if list.contains("") { error("'body' in \(what) holds an empty string, which every body contains", at: body.start) }
                check.expect.body = list
            }
            if let value = expected["body_matches"] { check.expect.bodyMatches = pattern(value, "'body_matches' in \(what)") }
            if let value = expected["headers"] { check.expect.headers = headers(value, "'headers' in \(what)", request: false) }
            if let value = expected["json"] { check.expect.json = decodeValueChecks(value, what: "'json' in \(what)") }
        }
        return check
    }

    private mutating func headers(_ node: YAMLNode, _ what: @autoclosure () -> String, request: Bool) -> [HTTPCheck.Header] {
        guard let pairs = node.mapping else {
            typeError("a mapping of header names to values", for: what(), found: node)
            return []
        }
        var headers: [HTTPCheck.Header] = []
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            guard HTTPURL.isToken(name) else {
                error("'\(name)' in \(what()) is not a header name (letters, digits and -)", at: pair.key.start)
                continue
            }
            guard let value = string(pair.value, "'\(name)' in \(what())") else { continue }
            if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                error("the value of '\(name)' in \(what()) holds a line break, which no header can", at: pair.value.start)
                continue
            }
            if !request && value.isEmpty {
                error("the value of '\(name)' in \(what()) is empty, which every header contains; to require the header, give part of its value", at: pair.value.start)
                continue
            }
            headers.append(HTTPCheck.Header(name: name, value: value))
        }
        return headers
    }

    // MARK: - tcp and dns

    private mutating func decodeTCPCheck(_ addressNode: YAMLNode, map: Fields, label: @autoclosure () -> String) -> TCPCheck? {
        guard let text = nonEmptyString(addressNode, "'tcp' in \(label())") else { return nil }
        guard let (host, portText) = TCPCheck.split(text) else {
            error("'tcp' in \(label()) must be HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080, found '\(text)'", at: addressNode.start)
            return nil
        }
        guard !portText.isEmpty, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), portText.count <= 6, let port = Int(portText) else {
            error("the port of '\(text)' in 'tcp' of \(label()) is not a number", at: addressNode.start)
            return nil
        }
        guard (1...65535).contains(port) else {
            error("port \(port) in 'tcp' of \(label()) is out of range (1–65535)", at: addressNode.start)
            return nil
        }
        guard HTTPURL.isHost(host) else {
            error("'\(host)' in 'tcp' of \(label()) is not a host name or an IP address", at: addressNode.start)
            return nil
        }
        var check = TCPCheck(host: host, port: port)
        if let value = map["listening"], let flag = bool(value, "'listening' in \(label())") { check.listening = flag }
        return check
    }

    private mutating func decodeDNSCheck(_ nameNode: YAMLNode, map: Fields, label: @autoclosure () -> String) -> DNSCheck? {
        guard let name = nonEmptyString(nameNode, "'dns' in \(label())") else { return nil }
        guard HTTPURL.isHost(name), !name.contains(":") else {
            error("'\(name)' in 'dns' of \(label()) is not a host name", at: nameNode.start)
            return nil
        }
        var check = DNSCheck(name: name)
        if let value = map["type"], let text = string(value, "'type' in \(label())") {
            if let type = DNSCheck.RecordType(rawValue: text.uppercased()) {
                check.type = type
            } else {
                error("unknown record type '\(text)' in \(label()) (expected A or AAAA)", at: value.start)
            }
        }
        if let value = map["expect"] {
            let expected = fields(of: value, allowed: Self.dnsExpectKeys, context: "in 'expect' of \(label())")
            if let node = expected["addresses"], let list = stringOrList(node, "'addresses' in 'expect' of \(label())") {
                for (position, address) in list.enumerated() {
                    let at = stringItemMark(position, in: node)
                    guard let family = Self.addressFamily(address) else {
                        error("'\(address)' in 'addresses' of \(label()) is not an IPv4 or IPv6 address", at: at)
                        continue
                    }
                    if let type = check.type, type != family {
                        error("'\(address)' in 'addresses' of \(label()) is an \(family.rawValue) address, but 'type' is \(type.rawValue)", at: at)
                    }
                }
                check.addresses = list
            }
        }
        return check
    }

    static func addressFamily(_ text: String) -> DNSCheck.RecordType? {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 { return .a }
        if inet_pton(AF_INET6, text, &buffer) == 1 { return .aaaa }
        return nil
    }

    // MARK: - json and yaml

    private mutating func decodeDocumentCheck(
        _ pathNode: YAMLNode, format: DocumentCheck.Format, map: Fields, label: @autoclosure () -> String
    ) -> DocumentCheck? {
        guard let path = nonEmptyString(pathNode, "'\(format.rawValue)' in \(label())") else { return nil }
        var query = ValueQuery.root
        if let value = map["query"] {
            guard let parsed = self.query(value, "'query' in \(label())") else { return nil }
            query = parsed
        }
        var check = DocumentCheck(format: format, path: path, check: ValueCheck(query: query))
        if let value = map["expect"] {
            check.check.expect = decodeValueExpectation(value, fields: fields(of: value, allowed: Self.valueExpectKeys, context: "in 'expect' of \(label())"), what: "'expect' of \(label())")
        }
        if let value = map["document"] {
            if value.scalar?.value == "any", value.scalar?.resolved == .string {
                check.document = .any
            } else if case .int(let index)? = value.scalar?.resolved, index >= 0 {
                check.document = .index(index)
            } else {
                error("'document' in \(label()) must be a document's number, counted from 0, or 'any', found \(describe(value))", at: value.start)
            }
        }
        return check
    }

    /// `json:` in an `expect`: one check (a mapping with `query` and expectations) or a list of them.
    private mutating func decodeValueChecks(_ node: YAMLNode, what: String) -> [ValueCheck] {
        let items = node.sequence ?? [node]
        if node.sequence?.isEmpty == true { error("\(what) is an empty list", at: node.start) }
        var checks: [ValueCheck] = []
        for (position, item) in items.enumerated() {
            let itemWhat = node.sequence == nil ? what : "item \(position + 1) of \(what)"
            guard item.mapping != nil else {
                typeError("a mapping such as '{ query: status, equals: ok }'", for: itemWhat, found: item)
                continue
            }
            let keys = fields(of: item, allowed: Self.valueCheckKeys, context: "in \(itemWhat)")
            var check = ValueCheck(query: .root)
            if let value = keys["query"] {
                guard let parsed = self.query(value, "'query' in \(itemWhat)") else { continue }
                check.query = parsed
            }
            check.expect = decodeValueExpectation(item, fields: keys, what: itemWhat)
            checks.append(check)
        }
        return checks
    }

    private mutating func decodeValueExpectation(_ node: YAMLNode, fields: Fields, what: @autoclosure () -> String) -> ValueExpectation {
        var expect = ValueExpectation()
        if let value = fields["equals"] { expect.equals = Self.dataValue(value) }
        if let value = fields["contains"] {
            if let items = value.sequence {
                if items.isEmpty { error("'contains' in \(what()) is an empty list", at: value.start) }
                expect.contains = items.map(Self.dataValue)
            } else {
                expect.contains = [Self.dataValue(value)]
            }
            if expect.contains.contains(.string("")) {
                error("'contains' in \(what()) holds an empty string, which every string contains", at: value.start)
            }
        }
        if let value = fields["matches"] { expect.matches = pattern(value, "'matches' in \(what())") }
        if let value = fields["exists"], let flag = bool(value, "'exists' in \(what())") { expect.exists = flag }
        let bounds: [(StaticString, WritableKeyPath<ValueExpectation, Double?>)] = [("gt", \.greaterThan), ("lt", \.lessThan), ("ge", \.atLeast), ("le", \.atMost)]
        for (key, path) in bounds {
            guard let value = fields[key] else { continue }
            switch value.scalar?.resolved {
            case .int(let number)?: expect[keyPath: path] = Double(number)
            case .float(let number)? where number.isFinite: expect[keyPath: path] = number
            default: typeError("a number", for: "'\(key)' in \(what())", found: value)
            }
        }
        if expect.exists == false && !expect.isExistenceOnly {
            error("'exists: false' in \(what()) says the value is absent, so it cannot also be compared", at: node.pair(forKey: "exists")?.key.start ?? node.start)
        }
        return expect
    }

    /// A query, with a parse error placed at its column when the scalar is written without escapes.
    private mutating func query(_ node: YAMLNode, _ what: @autoclosure () -> String) -> ValueQuery? {
        guard let text = string(node, what()) else { return nil }
        switch ValueQuery.parse(text) {
        case .success(let query):
            return query
        case .failure(let problem):
            error("\(what()) '\(text)' does not parse at column \(problem.column): \(problem.message)", at: markInside(node, column: problem.column))
            return nil
        }
    }

    /// The mark of the character at `column` (1-based, in characters) of a one-line scalar written
    /// as its value (plain, or quoted without escapes); else the scalar's start.
    private func markInside(_ node: YAMLNode, column: Int) -> Mark {
        guard let scalar = node.scalar, node.start.line == node.end.line else { return node.start }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        guard scalar.style == .plain || quote == 1 else { return node.start }
        let valueBytes = Array(scalar.value.utf8)
        let first = node.start.offset + quote
        guard first + valueBytes.count <= source.bytes.count, Array(source.bytes[first..<(first + valueBytes.count)]) == valueBytes
        else { return node.start }
        let prefix = String(scalar.value.prefix(column - 1))
        return Mark(
            line: node.start.line, column: node.start.column + quote + prefix.unicodeScalars.count,
            offset: first + prefix.utf8.count)
    }

    static func dataValue(_ node: YAMLNode) -> DataValue {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .number(Double(number))
            case .float(let number): return .number(number)
            case .string: return .string(scalar.value)
            }
        case .sequence(let items): return .list(items.map(dataValue))
        case .mapping(let pairs): return .mapping(pairs.map { DataValue.Member(key: $0.key.scalar?.value ?? "", value: dataValue($0.value)) })
        }
    }

    // MARK: - quiz

    private mutating func decodeQuizCheck(_ node: YAMLNode, label: @autoclosure () -> String) -> QuizCheck? {
        guard let items = node.sequence else {
            typeError("a list of questions such as '- { ask: …, answer: \"sha256:…\" }'", for: "'quiz' in \(label())", found: node)
            return nil
        }
        if items.isEmpty {
            error("'quiz' in \(label()) has no questions: give at least one, each with 'ask' and 'answer'", at: node.start)
            return nil
        }
        var questions: [QuizCheck.Question] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let what = "question \(index + 1) of 'quiz' in \(label())"
            let at = node.reference(ofItem: index)
            guard item.mapping != nil else {
                typeError("a mapping such as '{ ask: …, answer: \"sha256:…\" }'", for: what, found: item, at: at)
                valid = false
                continue
            }
            let map = fields(of: item, allowed: Self.questionKeys, context: "in \(what)")
            var question = QuizCheck.Question(ask: "", answers: [])
            if let value = map["ask"], let ask = nonEmptyString(value, "'ask' in \(what)") { question.ask = ask } else { valid = false }
            if let value = map["choices"] {
                if let choices = stringList(value, "'choices' in \(what)") {
                    // Counted by the node: an item that is not a string was reported on its own.
                    let entries = value.sequence?.count ?? choices.count
                    if entries < 2 {
                        let count = entries == 1 ? "one entry" : "no entries"
                        error("'choices' in \(what) has \(count): a multiple-choice question needs at least two (or leave 'choices' out)", at: value.start)
                        valid = false
                    }
                    for (position, choice) in choices.enumerated() {
                        if choice.allSatisfy(\.isWhitespace) {
                            error("choice \(position + 1) in \(what) is empty", at: stringItemMark(position, in: value))
                            valid = false
                        } else if choices[..<position].contains(where: { Self.sameChoice($0, choice) }) {
                            error("choice '\(choice)' in \(what) is given twice", at: stringItemMark(position, in: value))
                            valid = false
                        }
                    }
                    question.choices = choices
                } else {
                    valid = false
                }
            }
            if let value = map["answer"] {
                if value.sequence?.isEmpty == true {
                    error("'answer' in \(what) is an empty list: give at least one accepted answer", at: value.start)
                    valid = false
                } else if let answers = stringOrList(value, "'answer' in \(what)") {
                    for (position, answer) in answers.enumerated() {
                        if AnswerHash.parse(answer) == nil {
                            let at = stringItemMark(position, in: value)
                            let how = "answers are stored hashed, so that they cannot be read at a glance: paste what 'lab quiz --hash \"ANSWER\"' prints"
                            error("'answer' in \(what) is not a salted hash 'sha256:SALT:HEX', found '\(answer)'", at: at, notes: [Diagnostic.Note(how)])
                            valid = false
                        }
                    }
                    question.answers = answers.map { AnswerHash.parse($0)?.text ?? $0 }
                } else {
                    valid = false
                }
            } else {
                valid = false
            }
            if let value = map["explain"], let explain = nonEmptyString(value, "'explain' in \(what)") { question.explain = explain }
            questions.append(question)
        }
        return valid ? QuizCheck(questions: questions) : nil
    }

    // MARK: - note

    private mutating func decodeNoteCheck(_ pathNode: YAMLNode, map: Fields, label: @autoclosure () -> String) -> NoteCheck? {
        guard let path = nonEmptyString(pathNode, "'note' in \(label())") else { return nil }
        var check = NoteCheck(path: path)
        if let value = map["sections"], let sections = stringList(value, "'sections' in \(label())") {
            if value.sequence?.isEmpty == true { error("'sections' in \(label()) is an empty list", at: value.start) }
            for (position, section) in sections.enumerated() {
                let trimmed = section.trimmingWhitespace()
                if trimmed.isEmpty {
                    error("section \(position + 1) in 'sections' of \(label()) is empty", at: stringItemMark(position, in: value))
                } else if sections[..<position].contains(where: { $0.trimmingWhitespace().lowercased() == trimmed.lowercased() }) {
                    error("section '\(trimmed)' in 'sections' of \(label()) is named twice", at: stringItemMark(position, in: value))
                }
            }
            check.sections = sections.map { $0.trimmingWhitespace() }
        }
        for (key, path) in [("min_words", \NoteCheck.minWords), ("links", \NoteCheck.links)] as [(StaticString, WritableKeyPath<NoteCheck, Int?>)] {
            guard let value = map[key], let number = int(value, "'\(key)' in \(label())") else { continue }
            if number < 1 {
                error("'\(key)' in \(label()) must be at least 1, found \(number)", at: value.start)
            } else {
                check[keyPath: path] = number
            }
        }
        if let value = map["code"], let infos = stringOrList(value, "'code' in \(label())") {
            if value.sequence?.isEmpty == true { error("'code' in \(label()) is an empty list", at: value.start) }
            for info in infos where info.isEmpty || info.contains(where: { $0.isWhitespace || $0 == "`" }) {
                error("'code' in \(label()) names the info string of a fenced block, one word such as 'console', found '\(info)'", at: value.start)
            }
            check.code = infos
        }
        if let value = map["no_placeholders"], let flag = bool(value, "'no_placeholders' in \(label())") { check.noPlaceholders = flag }
        return check
    }

    // MARK: - Shared

    mutating func bool(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Bool? {
        if case .bool(let flag)? = node.scalar?.resolved { return flag }
        typeError("true or false", for: what(), found: node)
        return nil
    }

    mutating func pattern(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = string(node, what()) else { return nil }
        if PlainRegex.accepts(text) { return text }
        do {
            _ = try Regex(text)
        } catch {
            self.error("invalid regular expression for \(what()): \(Self.regexProblem(error))", at: node.start)
            return nil
        }
        return text
    }

    static func regexProblem(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    mutating func decodeRetry(_ node: YAMLNode, label: @autoclosure () -> String) -> Retry? {
        let map = fields(of: node, allowed: Self.retryKeys, context: "in 'retry' of \(label())")
        guard node.mapping != nil else { return nil }
        var retry = Retry(attempts: 1)
        if let value = map["attempts"], let attempts = int(value, "'attempts' in 'retry' of \(label())") {
            if attempts < 1 {
                error("'attempts' in 'retry' of \(label()) must be at least 1, found \(attempts)", at: value.start)
            } else {
                retry.attempts = attempts
            }
        }
        if let value = map["delay"], let delay = duration(value, "'delay' in 'retry' of \(label())", allowZero: true) { retry.delay = delay }
        return retry
    }
}

extension String {
    /// The text without leading and trailing white space.
    fileprivate func trimmingWhitespace() -> String {
        // Two index searches and one copy: building the text back from a reversed reversed
        // collection cost some 200,000 instructions a call.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
