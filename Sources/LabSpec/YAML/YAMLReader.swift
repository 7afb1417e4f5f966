internal import CYAML

/// Reads a YAML file into a `YAMLDocument` over libyaml's event parser, with every node located.
///
/// This is the only file that sees libyaml. It rejects what the rest of `lab` must never see:
/// invalid UTF-8 or UTF-16, several documents, duplicate keys, undefined or recursive aliases,
/// unsupported tags, nesting deeper than `maxDepth`, and alias expansion beyond
/// `maxExpandedNodes` (a "billion laughs" file is refused, never expanded).
public struct YAMLReader: Sendable {
    public var maxExpandedNodes: Int
    public var maxDepth: Int

    public init(maxExpandedNodes: Int = 1_000_000, maxDepth: Int = 256) {
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
    }

    public func read(_ source: SourceFile) -> Result<YAMLDocument, YAMLReadFailure> {
        var session = ReadSession(source: source, maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth, multipleDocuments: false)
        return session.run().map { $0[0] }
    }

    /// Every document of a file that may hold several (`---`), as the YAML files a `yaml:` step
    /// reads do; anchors are each document's own. The same limits apply to the file as a whole.
    public func readDocuments(_ source: SourceFile) -> Result<[YAMLDocument], YAMLReadFailure> {
        var session = ReadSession(source: source, maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth, multipleDocuments: true)
        return session.run()
    }
}

/// Why a file could not be read as YAML; each diagnostic is located in the file.
public struct YAMLReadFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

private struct ReadSession {
    let source: SourceFile
    let maxExpandedNodes: Int
    let maxDepth: Int
    /// Whether several documents are allowed (a data file) or refused (lab.yml).
    let multipleDocuments: Bool
    var converter: MarkConverter
    var anchors: [String: YAMLNode] = [:]
    var aliasTargets: Set<ObjectIdentifier> = []
    var expandedThroughAliases = 0
    var stack: [Frame] = []
    var root: YAMLNode?
    /// The documents finished so far, when several are allowed.
    var finished: [YAMLDocument] = []
    var problems: [Diagnostic] = []

    init(source: SourceFile, maxExpandedNodes: Int, maxDepth: Int, multipleDocuments: Bool) {
        self.source = source
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
        self.multipleDocuments = multipleDocuments
        self.converter = MarkConverter(source: source)
    }

    /// A sequence or mapping being read: a class, so that appending to it on the stack never copies.
    final class Frame {
        let isMapping: Bool
        let start: Mark
        let tag: String?
        let anchor: String?
        let style: YAMLNode.CollectionStyle
        var items: [YAMLNode] = []
        /// Where items came through an alias, by index; most collections have none.
        var aliasMarks: [Int: Mark]?
        var size = 1

        init(isMapping: Bool, start: Mark, tag: String?, anchor: String?, style: YAMLNode.CollectionStyle) {
            self.isMapping = isMapping
            self.start = start
            self.tag = tag
            self.anchor = anchor
            self.style = style
        }

        func reference(_ index: Int) -> Mark {
            aliasMarks?[index] ?? items[index].start
        }

        /// Per item, where it is written, or empty when no item came through an alias.
        var references: [Mark] {
            guard aliasMarks != nil else { return [] }
            return items.indices.map(reference)
        }
    }

    mutating func fail(_ message: String, at mark: Mark?, notes: [Diagnostic.Note] = []) -> Result<[YAMLDocument], YAMLReadFailure> {
        problems.append(.error(message, at: source.location(mark), notes: notes))
        return .failure(YAMLReadFailure(diagnostics: problems))
    }

    /// An empty file (or one of only comments) is located at its start, like every other problem.
    mutating func failEmpty() -> Result<[YAMLDocument], YAMLReadFailure> {
        fail("the file is empty", at: .start, notes: [
            Diagnostic.Note("a lab needs at least 'lab: NAME' and a list of 'phases:' ('lab init' writes a complete one)")
        ])
    }

    mutating func run() -> Result<[YAMLDocument], YAMLReadFailure> {
        let all = source.bytes
        if all.starts(with: [0xFE, 0xFF]) || all.starts(with: [0xFF, 0xFE])
            || (all.count >= 2 && (all[0] == 0 || all[1] == 0))
        {
            return fail("the file is UTF-16 (or holds NUL bytes); save it as UTF-8", at: .start)
        }
        if let bad = UTF8Validation.firstInvalidByte(in: all) {
            let byte = String(all[bad], radix: 16, uppercase: true)
            return fail("invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte))", at: source.mark(atByte: bad))
        }
        let bomLength = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let bytes = all.dropFirst(bomLength)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return failEmpty()
        }

        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return fail("cannot initialise the YAML parser (out of memory)", at: nil)
        }
        defer { yaml_parser_delete(&parser) }

        let body = Array(bytes)
        return body.withUnsafeBufferPointer { buffer -> Result<[YAMLDocument], YAMLReadFailure> in
            guard let base = buffer.baseAddress else { return failEmpty() }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return libyamlError(parser, bomLength: bomLength)
                }
                defer { yaml_event_delete(&event) }
                let start = converter.mark(event.start_mark)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    if multipleDocuments {
                        if problems.isEmpty, finished.isEmpty { return fail("the file is empty", at: .start) }
                    } else {
                        guard documents > 0, let root else { return failEmpty() }
                        if let scalar = root.scalar, scalar.resolved == .null, scalar.style == .plain, root.tag == nil {
                            return failEmpty()
                        }
                    }
                    if !problems.isEmpty {
                        problems.sort { ($0.location?.mark?.offset ?? 0) < ($1.location?.mark?.offset ?? 0) }
                        return .failure(YAMLReadFailure(diagnostics: problems))
                    }
                    if multipleDocuments { return .success(finished) }
                    guard let root else { return failEmpty() }
                    return .success([YAMLDocument(root: root, aliasTargets: aliasTargets)])
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 && !multipleDocuments {
                        return fail("the file holds more than one YAML document; lab.yml must be a single document", at: start)
                    }
                case YAML_DOCUMENT_END_EVENT:
                    if multipleDocuments, let root {
                        finished.append(YAMLDocument(root: root, aliasTargets: aliasTargets))
                        self.root = nil
                        anchors = [:]
                        aliasTargets = []
                    }
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                    let tag = string(data.tag)
                    let style: YAMLScalar.Style
                    switch data.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    let scalar: YAMLScalar
                    do throws(YAMLScalar.YAMLTagError) {
                        scalar = try YAMLScalar(value: value, style: style, tag: tag)
                    } catch {
                        return fail(error.message, at: start)
                    }
                    let node = YAMLNode(
                        content: .scalar(scalar), start: start, end: converter.mark(event.end_mark),
                        tag: tag, anchor: string(data.anchor), collectionStyle: nil, expandedSize: 1)
                    if let failure = complete(node) { return failure }
                case YAML_ALIAS_EVENT:
                    let name = string(event.data.alias.anchor) ?? ""
                    guard let target = anchors[name] else {
                        if stack.contains(where: { $0.anchor == name }) {
                            return fail("alias '*\(name)' is inside the node it refers to; recursive aliases are not allowed", at: start)
                        }
                        return fail("unknown alias '*\(name)': no anchor '&\(name)' is defined before it", at: start)
                    }
                    aliasTargets.insert(ObjectIdentifier(target))
                    expandedThroughAliases += target.expandedSize
                    if expandedThroughAliases > maxExpandedNodes {
                        return fail(
                            "aliases expand this file to more than \(maxExpandedNodes) nodes; refusing to read it", at: start,
                            notes: [Diagnostic.Note("a small file whose aliases nest exponentially (a \"billion laughs\" file) is never expanded")])
                    }
                    if let failure = attach(target, reference: start) { return failure }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    if stack.count >= maxDepth {
                        return fail("the file nests deeper than \(maxDepth) levels", at: start)
                    }
                    let tag = string(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag)
                    let anchor = string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                    let flow = isMapping
                        ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                        : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    if let failure = checkCollectionTag(tag, expected: isMapping ? "map" : "seq", at: start) { return failure }
                    stack.append(Frame(isMapping: isMapping, start: start, tag: tag, anchor: anchor, style: flow ? .flow : .block))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else {
                        return fail("internal error: unbalanced collection", at: start)
                    }
                    let content: YAMLNode.Content
                    if frame.isMapping {
                        content = .mapping(buildMapping(frame))
                    } else {
                        content = .sequence(frame.items)
                    }
                    let node = YAMLNode(
                        content: content, itemReferences: frame.isMapping ? [] : frame.references,
                        start: frame.start, end: converter.mark(event.end_mark),
                        tag: frame.tag, anchor: frame.anchor, collectionStyle: frame.style, expandedSize: frame.size)
                    if let failure = complete(node) { return failure }
                default:
                    break
                }
            }
        }
    }

    mutating func checkCollectionTag(_ tag: String?, expected: String, at mark: Mark) -> Result<[YAMLDocument], YAMLReadFailure>? {
        guard let tag, tag != "!", tag != "tag:yaml.org,2002:" + expected else { return nil }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : Substring(tag)
        return fail("unsupported tag '\(shown)'", at: mark)
    }

    /// A node just finished: register its anchor, then hand it to its parent.
    mutating func complete(_ node: YAMLNode) -> Result<[YAMLDocument], YAMLReadFailure>? {
        if let anchor = node.anchor { anchors[anchor] = node }
        return attach(node, reference: node.start)
    }

    mutating func attach(_ node: YAMLNode, reference: Mark) -> Result<[YAMLDocument], YAMLReadFailure>? {
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let frame = stack[stack.count - 1]
        if frame.isMapping && frame.items.count % 2 == 0 && node.scalar == nil {
            return fail("a mapping key must be a plain value, not \(node.kindDescription)", at: reference)
        }
        if reference != node.start {
            if frame.aliasMarks == nil { frame.aliasMarks = [:] }
            frame.aliasMarks?[frame.items.count] = reference
        }
        frame.items.append(node)
        let (sum, overflow) = frame.size.addingReportingOverflow(node.expandedSize)
        frame.size = overflow ? Int.max : sum
        return nil
    }

    /// Pairs in source order with merge keys (`<<`) resolved. Duplicate keys are recorded as
    /// problems and reading goes on, so every duplicate is reported at once.
    mutating func buildMapping(_ frame: Frame) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(frame.items.count / 2)
        var seen = SeenKeys(expected: frame.items.count / 2)
        var merged: [[YAMLPair]] = []
        var mergeIndex: Int?
        var index = 0
        while index + 1 < frame.items.count {
            let key = frame.items[index]
            let value = frame.items[index + 1]
            let valueReference = frame.reference(index + 1)
            index += 2
            guard let scalar = key.scalar else { continue }
            if scalar.value == "<<" && scalar.style == .plain && (key.tag == nil || key.tag == "tag:yaml.org,2002:merge") {
                if mergeIndex != nil {
                    problems.append(.error("a mapping may have only one merge key '<<'; list the mappings instead: '<<: [*a, *b]'", at: source.location(key.start)))
                    continue
                }
                mergeIndex = pairs.count
                if let mapping = value.mapping {
                    merged.append(mapping)
                } else if let items = value.sequence, items.allSatisfy({ $0.mapping != nil }), valueReference == value.start || !items.isEmpty {
                    merged.append(contentsOf: items.compactMap(\.mapping))
                } else if value.sequence != nil && valueReference != value.start {
                    problems.append(.error("a merge key '<<' takes a mapping or a list of mappings; this alias is a list of other things", at: source.location(valueReference)))
                } else if let items = value.sequence {
                    for (position, item) in items.enumerated() where item.mapping == nil {
                        problems.append(.error(
                            "a merge key '<<' takes a mapping or a list of mappings, found \(item.kindDescription) in the list",
                            at: source.location(value.reference(ofItem: position))))
                    }
                } else {
                    problems.append(.error("a merge key '<<' takes a mapping or a list of mappings, found \(value.kindDescription)", at: source.location(valueReference)))
                }
                continue
            }
            if let first = seen.first(scalar.value) {
                problems.append(.error(
                    "duplicate key '\(scalar.value)' in this mapping", at: source.location(key.start),
                    notes: [Diagnostic.Note("'\(scalar.value)' first appears here", at: source.location(first.start))]))
                continue
            }
            seen.insert(scalar.value, key)
            pairs.append(YAMLPair(key: key, value: value, isMerged: false, valueReference: valueReference))
        }
        if let mergeIndex {
            var inserted: [YAMLPair] = []
            for entries in merged {
                for entry in entries {
                    guard let name = entry.key.scalar?.value, seen.first(name) == nil else { continue }
                    seen.insert(name, entry.key)
                    inserted.append(YAMLPair(key: entry.key, value: entry.value, isMerged: true, valueReference: entry.valueReference))
                }
            }
            pairs.insert(contentsOf: inserted, at: mergeIndex)
        }
        return pairs
    }

    /// libyaml's error, reworded where its own words would mislead, and placed where the mistake is.
    mutating func libyamlError(_ parser: yaml_parser_t, bomLength: Int) -> Result<[YAMLDocument], YAMLReadFailure> {
        var problem = string(parser.problem) ?? "malformed YAML"
        let context = string(parser.context)
        var mark: Mark
        if parser.error == YAML_READER_ERROR {
            mark = source.mark(atByte: bomLength + parser.problem_offset)
        } else {
            mark = converter.mark(parser.problem_mark)
        }
        let contextMark = context == nil ? nil : converter.mark(parser.context_mark)
        var notes: [Diagnostic.Note] = []
        let character = mark.offset < source.bytes.count ? source.bytes[mark.offset] : nil
        if let breakMark = unusualBreak(before: mark) {
            return fail("U+\(breakMark.name) is a line break in YAML 1.1, which splits this line; remove it or quote the value", at: breakMark.mark)
        }
        switch (problem, context) {
        case ("found unexpected end of stream", "while scanning a quoted scalar"?):
            if let contextMark {
                return fail("unclosed quote: the file ends before this quoted value is closed", at: contextMark)
            }
        case ("could not find expected ':'", "while scanning a simple key"?):
            if let contextMark,
                let explanation = YAMLSyntaxExplanation(problem: problem, context: context, at: contextMark, contextMark: nil, in: source)
            {
                return fail(explanation.message, at: contextMark, notes: explanation.notes)
            }
        case ("found character that cannot start any token", _) where character == 0x09:
            return fail("a tab cannot indent YAML; use spaces", at: mark)
        case ("did not find expected key", _) where character == UInt8(ascii: "]") || character == UInt8(ascii: "}"):
            problem = "unexpected '\(character == UInt8(ascii: "]") ? "]" : "}")' with no opening bracket"
        case ("did not find expected <document start>", _) where multipleDocuments:
            return fail("text after the end marker '...' must start a new document with '---'", at: mark)
        case ("did not find expected <document start>", _):
            return fail("the file holds more than one YAML document (this follows the end marker '...'); lab.yml must be a single document", at: mark)
        default:
            if let explanation = YAMLSyntaxExplanation(problem: problem, context: context, at: mark, contextMark: contextMark, in: source) {
                return fail(explanation.message, at: mark, notes: explanation.notes)
            }
        }
        if let context, let contextMark {
            notes.append(Diagnostic.Note(context, at: source.location(contextMark)))
        }
        return fail(problem, at: mark, notes: notes)
    }

    /// A U+0085, U+2028 or U+2029 on the line of an error or the line before, which libyaml
    /// counts as a line break although editors do not.
    func unusualBreak(before mark: Mark) -> (mark: Mark, name: String)? {
        let bytes = source.bytes
        let lineStart = mark.line >= 2 ? source.lineStarts[mark.line - 2] : 0
        var index = min(mark.offset, bytes.count - 1)
        while index >= lineStart && index >= 0 {
            if index + 1 < bytes.count, bytes[index] == 0xC2, bytes[index + 1] == 0x85 {
                return (source.mark(atByte: index), "0085")
            }
            if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return (source.mark(atByte: index), bytes[index + 2] == 0xA8 ? "2028" : "2029")
            }
            index -= 1
        }
        return nil
    }
}

/// The keys of one mapping so far: a short list searched in order for the usual handful of keys,
/// a dictionary when a mapping is large.
private struct SeenKeys {
    private var list: [(String, YAMLNode)] = []
    private var table: [String: YAMLNode]?

    init(expected: Int) {
        if expected > 16 { table = Dictionary(minimumCapacity: expected) } else { list.reserveCapacity(expected) }
    }

    func first(_ key: String) -> YAMLNode? {
        if let table { return table[key] }
        for entry in list where entry.0 == key { return entry.1 }
        return nil
    }

    mutating func insert(_ key: String, _ node: YAMLNode) {
        if table != nil { table?[key] = node } else { list.append((key, node)) }
    }
}

private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
}

/// Turns libyaml's marks (character index, 0-based line and column, after any BOM) into `Mark`s
/// with byte offsets. A character's byte offset is its index plus the extra bytes of the
/// multi-byte characters before it; those characters are listed once, in one pass over the file,
/// and a cursor walks the list because marks arrive nearly in order.
private struct MarkConverter {
    /// A character of two or more bytes: its index (after the BOM), and the extra bytes (beyond
    /// one a character) of it and every multi-byte character before it.
    struct Multibyte {
        var character: Int
        var extraThrough: Int
    }

    let source: SourceFile
    let bomLength: Int
    /// libyaml also breaks lines at U+0085, U+2028 and U+2029; editors don't, so then we count ourselves.
    let trustLibyamlLines: Bool
    /// Every multi-byte character in order; empty in a file of ASCII only.
    let multibyte: ContiguousArray<Multibyte>
    /// How many entries of `multibyte` lie before the last character index converted.
    var cursor = 0

    init(source: SourceFile) {
        self.source = source
        let bom = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bomLength = bom
        var list: ContiguousArray<Multibyte> = []
        var unusualBreak = false
        source.bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = bom
            var character = 0
            var extra = 0
            while index < count {
                // Eight ASCII bytes are eight characters.
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    character += 8
                    continue
                }
                let byte = raw[index]
                if byte < 0x80 {
                    index += 1
                    character += 1
                    continue
                }
                // U+0085 is C2 85; U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                if (byte == 0xC2 && index + 1 < count && raw[index + 1] == 0x85)
                    || (byte == 0xE2 && index + 2 < count && raw[index + 1] == 0x80 && (raw[index + 2] == 0xA8 || raw[index + 2] == 0xA9))
                {
                    unusualBreak = true
                }
                var end = index + 1
                while end < count && raw[end] & 0xC0 == 0x80 { end += 1 }
                extra += end - index - 1
                if end - index > 1 { list.append(Multibyte(character: character, extraThrough: extra)) }
                index = end
                character += 1
            }
        }
        multibyte = list
        trustLibyamlLines = !unusualBreak
    }

    mutating func mark(_ raw: yaml_mark_t) -> Mark {
        let target = Int(raw.index)
        if !multibyte.isEmpty {
            while cursor < multibyte.count && multibyte[cursor].character < target { cursor += 1 }
            while cursor > 0 && multibyte[cursor - 1].character >= target { cursor -= 1 }
        }
        let extra = cursor == 0 ? 0 : multibyte[cursor - 1].extraThrough
        let offset = bomLength + target + extra
        // At the end of a file without a final newline libyaml counts one line more than there is.
        if trustLibyamlLines && offset < source.bytes.count {
            return Mark(line: Int(raw.line) + 1, column: Int(raw.column) + 1, offset: offset)
        }
        return source.mark(atByte: offset)
    }
}
