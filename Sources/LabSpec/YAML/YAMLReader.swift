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
    /// The largest file read. A file has at most a few nodes a byte (`{a,b}` is five nodes in five
    /// bytes, a bare `?` three in one), so at 512 MiB the indices of its nodes fit the 32 bits
    /// `YAMLTree` keeps them in. Every caller reads with a far smaller limit (`lab.yml`: 128 MiB).
    public static let largestFile = 1 << 29
    /// The limit this reader applies: lower than `largestFile` in a test, never higher.
    var maxBytes = largestFile
    /// The size from which libyaml parses on a thread of its own, handing its events over in
    /// batches, while this one builds the tree: a large file is read in about the time its
    /// parsing alone takes. Tests read every file both ways.
    var parseAsideFrom = largeFile
    /// From this size on a file is large enough for its reading to be shared between two threads
    /// (here, and in `lab validate`'s checks after it).
    public static let largeFile = 256 << 10

    public init(maxExpandedNodes: Int = 1_000_000, maxDepth: Int = 256) {
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
    }

    public func read(_ source: SourceFile) -> Result<YAMLDocument, YAMLReadFailure> {
        read(source, handingOver: nil)
    }

    /// `read(_:)`, handing the items that `handOver` names to it as each ends: the document it
    /// returns holds an empty mapping in the place of each item taken.
    func read(_ source: SourceFile, handingOver handOver: YAMLHandOver?) -> Result<YAMLDocument, YAMLReadFailure> {
        var session = ReadSession(
            source: source, maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth, maxBytes: min(maxBytes, Self.largestFile),
            parseAsideFrom: parseAsideFrom, multipleDocuments: false)
        session.handOver = handOver
        return session.run().map { $0[0] }
    }

    /// Every document of a file that may hold several (`---`), as the YAML files a `yaml:` step
    /// reads do; anchors are each document's own. The same limits apply to the file as a whole.
    public func readDocuments(_ source: SourceFile) -> Result<[YAMLDocument], YAMLReadFailure> {
        var session = ReadSession(
            source: source, maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth, maxBytes: min(maxBytes, Self.largestFile),
            parseAsideFrom: parseAsideFrom, multipleDocuments: true)
        return session.run()
    }
}

/// Mappings that the reader hands to their user as soon as each ends, and then forgets: the
/// mapping items of the lists `root[outerKey][i][innerKey]` (a lab's exercises, under `phases`
/// and `exercises`). A large `lab.yml` is then decoded an exercise at a time, while it is read,
/// without the nodes of every exercise in memory at once.
///
/// Only an item that nothing else can reach is handed over: no anchor on it, in it, or on the
/// collections that hold it, and written in place (not an alias), so the one place it is decoded
/// from is the one the hand-over names.
struct YAMLHandOver {
    let outerKey: String
    let innerKey: String
    /// Offered each such item, in a tree holding it and everything read before it, with where
    /// its list starts (the byte offset of the list node's start) and a look-up of the entries
    /// read so far of the mapping around its list (the phase: the list's key is the last of
    /// them). Returns whether it took the item; the tree then keeps an empty mapping in the
    /// item's place, at the same marks, and drops the item's nodes.
    let take: (_ item: YAMLNode, _ list: Int, _ enclosingValue: (String) -> YAMLNode?) -> Bool
}

/// Why a file could not be read as YAML; each diagnostic is located in the file.
public struct YAMLReadFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

private struct ReadSession {
    let source: SourceFile
    let maxExpandedNodes: Int
    let maxDepth: Int
    let maxBytes: Int
    /// From this size on, libyaml parses on a thread of its own while the tree is built here.
    let parseAsideFrom: Int
    /// Whether several documents are allowed (a data file) or refused (lab.yml).
    let multipleDocuments: Bool
    var converter: MarkConverter
    /// The tree being built, in the arrays `YAMLTree` keeps; a node is recorded when it ends, after its children.
    var records: ContiguousArray<YAMLTree.Record> = []
    var scalars: ContiguousArray<YAMLScalar> = []
    var items: ContiguousArray<YAMLTree.Item> = []
    var entries: ContiguousArray<YAMLTree.Entry> = []
    var aliasMarks: ContiguousArray<Mark> = []
    var attributes: ContiguousArray<YAMLTree.Attributes> = []
    /// The children of the open collections, innermost last, each with where it is written.
    var pending: ContiguousArray<YAMLTree.Item> = []
    var anchors: [String: (node: Int, size: Int)] = [:]
    var aliasTargets: Set<Int> = []
    var expandedThroughAliases = 0
    /// The keys of the mapping being built, kept from one mapping to the next to reuse its storage.
    var seen = SeenKeys()
    var stack: [Frame] = []
    /// Who takes the items it names as they end (`YAMLHandOver`), if anyone.
    var handOver: YAMLHandOver?
    /// How many anchors have been defined so far (a name defined again counts again).
    var anchorsDefined = 0
    var root: Int?
    /// The documents finished so far, when several are allowed.
    var finished: [(root: Int, aliasTargets: Set<Int>)] = []
    var problems: [Diagnostic] = []

    init(source: SourceFile, maxExpandedNodes: Int, maxDepth: Int, maxBytes: Int, parseAsideFrom: Int, multipleDocuments: Bool) {
        self.source = source
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.parseAsideFrom = parseAsideFrom
        self.multipleDocuments = multipleDocuments
        self.converter = MarkConverter(source: source)
        // About one node for every 16 bytes in a lab.yml: reserving that saves copying the
        // arrays as they grow (untouched capacity costs no memory).
        // (Nothing for a file `run` refuses for its size.)
        let expectedNodes = source.bytes.count <= maxBytes ? source.bytes.count / 16 : 0
        records.reserveCapacity(expectedNodes)
        scalars.reserveCapacity(expectedNodes)
        items.reserveCapacity(expectedNodes / 4)
        entries.reserveCapacity(expectedNodes / 2)
    }

    /// A sequence or mapping being read; its children so far are `pending[firstPending...]`.
    struct Frame {
        let isMapping: Bool
        let start: Mark
        let anchor: String?
        let attributes: Int
        let isFlow: Bool
        let firstPending: Int
        /// The key it is the value of, when it is one (-1 otherwise).
        let key: Int
        /// How much of the tree was read when it started: what it adds is what follows.
        let startedAt: TreeSize
        /// The nodes it stands for once aliases are expanded, itself included.
        var size = 1
    }

    /// The lengths of the tree's arrays, and the anchors defined, at one moment of the read.
    struct TreeSize {
        var records = 0, scalars = 0, items = 0, entries = 0, aliasMarks = 0, attributes = 0, anchorsDefined = 0
    }

    var treeSize: TreeSize {
        TreeSize(
            records: records.count, scalars: scalars.count, items: items.count, entries: entries.count, aliasMarks: aliasMarks.count,
            attributes: attributes.count, anchorsDefined: anchorsDefined)
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

    /// The documents read, over one tree of every node.
    func documents(_ roots: [(root: Int, aliasTargets: Set<Int>)]) -> [YAMLDocument] {
        let tree = YAMLTree(
            records: records, scalars: scalars, items: items, entries: entries, aliasMarks: aliasMarks, attributes: attributes)
        return roots.map { YAMLDocument(root: YAMLNode(tree: tree, index: $0.root), aliasTargets: $0.aliasTargets) }
    }

    /// The documents, or why there are none. A file that is not UTF-8 fails for that alone, at
    /// its first bad byte, whatever else is wrong with it.
    ///
    /// libyaml checks every byte as it reads (a sequence that is malformed, overlong, a surrogate
    /// or past U+10FFFF fails the parse), and a document is only returned once it has read to the
    /// end: so the file's own pass over every byte is needed only when the parse failed, to name
    /// the byte in lab's words.
    mutating func run() -> Result<[YAMLDocument], YAMLReadFailure> {
        let all = source.bytes
        if all.count > maxBytes {
            let limit = maxBytes % (1 << 20) == 0 ? "\(maxBytes >> 20) MiB" : "\(maxBytes) bytes"
            return fail("the file is larger than \(limit); refusing to read it", at: .start)
        }
        if all.starts(with: [0xFE, 0xFF]) || all.starts(with: [0xFF, 0xFE])
            || (all.count >= 2 && (all[0] == 0 || all[1] == 0))
        {
            return fail("the file is UTF-16 (or holds NUL bytes); save it as UTF-8", at: .start)
        }
        let result = parse()
        guard case .failure = result, let bad = UTF8Validation.firstInvalidByte(in: all) else { return result }
        let byte = String(all[bad], radix: 16, uppercase: true)
        let message = "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte))"
        return .failure(YAMLReadFailure(diagnostics: [.error(message, at: source.location(source.mark(atByte: bad)))]))
    }

    private mutating func parse() -> Result<[YAMLDocument], YAMLReadFailure> {
        let all = source.bytes
        let bomLength = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let bytes = all.dropFirst(bomLength)
        // Stops at the first byte that is not white space: nothing for a file with content.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return failEmpty()
        }

        // On the heap: a large file is parsed on a thread of its own (`LibyamlEvents`).
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return fail("cannot initialise the YAML parser (out of memory)", at: nil)
        }
        defer { yaml_parser_delete(parser) }

        return bytes.withUnsafeBufferPointer { buffer -> Result<[YAMLDocument], YAMLReadFailure> in
            guard let base = buffer.baseAddress else { return failEmpty() }
            yaml_parser_set_input_string(parser, base, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var events = LibyamlEvents(parser: parser, aside: buffer.count >= parseAsideFrom)
            // Before the buffer and the parser go: the parsing thread is done with both.
            defer { events.stop() }
            var documentCount = 0
            while true {
                guard let event = events.next() else {
                    return libyamlError(parser.pointee, bomLength: bomLength)
                }
                let start = converter.mark(event.start)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    if multipleDocuments {
                        if problems.isEmpty, finished.isEmpty { return fail("the file is empty", at: .start) }
                    } else {
                        guard documentCount > 0, let root else { return failEmpty() }
                        let record = records[root]
                        if record.kind == .scalar {
                            let scalar = scalars[record.first]
                            if scalar.resolved == .null, scalar.style == .plain, scalar.tag == nil { return failEmpty() }
                        }
                    }
                    if !problems.isEmpty {
                        problems.sort { ($0.location?.mark?.offset ?? 0) < ($1.location?.mark?.offset ?? 0) }
                        return .failure(YAMLReadFailure(diagnostics: problems))
                    }
                    if multipleDocuments { return .success(documents(finished)) }
                    guard let root else { return failEmpty() }
                    return .success(documents([(root, aliasTargets)]))
                case YAML_DOCUMENT_START_EVENT:
                    documentCount += 1
                    if documentCount > 1 && !multipleDocuments {
                        return fail("the file holds more than one YAML document; lab.yml must be a single document", at: start)
                    }
                case YAML_DOCUMENT_END_EVENT:
                    if multipleDocuments, let root {
                        finished.append((root, aliasTargets))
                        self.root = nil
                        anchors = [:]
                        aliasTargets = []
                    }
                case YAML_SCALAR_EVENT:
                    let chunk = events.batch
                    let utf8 = chunk.bytes(event.value)
                    let value = String(decoding: utf8, as: UTF8.self)
                    let tag = chunk.text(event.tag)
                    let style: YAMLScalar.Style
                    switch event.scalarStyle {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    let resolved: YAMLScalar.Resolved
                    do throws(YAMLScalar.YAMLTagError) {
                        resolved = try YAMLScalar.resolve(utf8, value, style: style, tag: tag)
                    } catch {
                        return fail(error.message, at: start)
                    }
                    let anchor = chunk.text(event.anchor)
                    scalars.append(YAMLScalar(
                        value: value, tag: tag, style: style, resolved: resolved, fingerprint: YAMLScalar.fingerprint(UnsafeRawBufferPointer(utf8))))
                    let node = record(YAMLTree.Record(
                        start: start, end: converter.mark(event.end), first: scalars.count - 1, count: 0,
                        attributes: attributesIndex(tag: tag, anchor: anchor), kind: .scalar, isFlow: false))
                    if let failure = complete(node, kind: .scalar, start: start, size: 1, anchor: anchor) { return failure }
                case YAML_ALIAS_EVENT:
                    let name = events.batch.text(event.anchor) ?? ""
                    guard let target = anchors[name] else {
                        if stack.contains(where: { $0.anchor == name }) {
                            return fail("alias '*\(name)' is inside the node it refers to; recursive aliases are not allowed", at: start)
                        }
                        return fail("unknown alias '*\(name)': no anchor '&\(name)' is defined before it", at: start)
                    }
                    aliasTargets.insert(target.node)
                    expandedThroughAliases += target.size
                    if expandedThroughAliases > maxExpandedNodes {
                        return fail(
                            "aliases expand this file to more than \(maxExpandedNodes) nodes; refusing to read it", at: start,
                            notes: [Diagnostic.Note("a small file whose aliases nest exponentially (a \"billion laughs\" file) is never expanded")])
                    }
                    let targetRecord = records[target.node]
                    if let failure = attach(target.node, kind: targetRecord.kind, size: target.size, reference: start, isAlias: start != targetRecord.start) {
                        return failure
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    if stack.count >= maxDepth {
                        return fail("the file nests deeper than \(maxDepth) levels", at: start)
                    }
                    let tag = events.batch.text(event.tag)
                    let anchor = events.batch.text(event.anchor)
                    let flow = event.isFlow
                    if let failure = checkCollectionTag(tag, expected: isMapping ? "map" : "seq", at: start) { return failure }
                    // The key this collection is the value of: the last child of a mapping with an odd number.
                    var key = -1
                    if let parent = stack.last, parent.isMapping, (pending.count - parent.firstPending) % 2 == 1 {
                        key = pending[pending.count - 1].node
                    }
                    let attributes = attributesIndex(tag: tag, anchor: anchor)
                    stack.append(Frame(
                        isMapping: isMapping, start: start, anchor: anchor, attributes: attributes,
                        isFlow: flow, firstPending: pending.count, key: key, startedAt: treeSize))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else {
                        return fail("internal error: unbalanced collection", at: start)
                    }
                    let children: Range<Int>
                    if frame.isMapping {
                        children = buildMapping(pending[frame.firstPending...])
                    } else {
                        children = items.count..<(items.count + pending.count - frame.firstPending)
                        items.append(contentsOf: pending[frame.firstPending...])
                    }
                    pending.removeLast(pending.count - frame.firstPending)
                    let end = converter.mark(event.end)
                    var node = record(YAMLTree.Record(
                        start: frame.start, end: end, first: children.lowerBound, count: children.count,
                        attributes: frame.attributes, kind: frame.isMapping ? .mapping : .sequence, isFlow: frame.isFlow))
                    if handOver != nil, frame.isMapping, let placeholder = handedOver(node, frame: frame, end: end) {
                        node = placeholder
                    }
                    if let failure = complete(node, kind: frame.isMapping ? .mapping : .sequence, start: frame.start, size: frame.size, anchor: frame.anchor) {
                        return failure
                    }
                default:
                    break
                }
            }
        }
    }

    mutating func record(_ record: YAMLTree.Record) -> Int {
        records.append(record)
        return records.count - 1
    }

    /// Where a node's tag and anchor are kept, or -1 for the usual node with neither.
    mutating func attributesIndex(tag: String?, anchor: String?) -> Int {
        guard tag != nil || anchor != nil else { return -1 }
        attributes.append(YAMLTree.Attributes(tag: tag, anchor: anchor))
        return attributes.count - 1
    }

    mutating func checkCollectionTag(_ tag: String?, expected: String, at mark: Mark) -> Result<[YAMLDocument], YAMLReadFailure>? {
        guard let tag, tag != "!", tag != "tag:yaml.org,2002:" + expected else { return nil }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : Substring(tag)
        return fail("unsupported tag '\(shown)'", at: mark)
    }

    /// A node just finished: register its anchor, then hand it to its parent.
    mutating func complete(_ node: Int, kind: YAMLTree.Kind, start: Mark, size: Int, anchor: String?) -> Result<[YAMLDocument], YAMLReadFailure>? {
        if let anchor {
            anchors[anchor] = (node, size)
            anchorsDefined += 1
        }
        return attach(node, kind: kind, size: size, reference: start, isAlias: false)
    }

    /// Offers the mapping `node`, which `frame` has just ended, to `handOver` when it is one of the
    /// items it names; when it is taken, drops its nodes and returns the empty mapping left in
    /// its place.
    mutating func handedOver(_ node: Int, frame: Frame, end: Mark) -> Int? {
        // root mapping › outer list › mapping › inner list › this mapping, nothing anchored.
        guard let handOver, stack.count == 4, frame.anchor == nil, anchorsDefined == frame.startedAt.anchorsDefined,
            stack[0].isMapping, !stack[1].isMapping, stack[2].isMapping, !stack[3].isMapping,
            stack[0].anchor == nil, stack[1].anchor == nil, stack[2].anchor == nil, stack[3].anchor == nil,
            isKey(stack[1].key, handOver.outerKey), isKey(stack[3].key, handOver.innerKey)
        else { return nil }
        guard offer(node, to: handOver) else { return nil }
        // The tree the item was offered in is gone: each array is this reader's alone again, and
        // shrinks in place. (Were a node of it kept, each hand-over would copy the whole tree:
        // the tests, built with assertions, would stop here.)
        let size = frame.startedAt
        let storage = records.withUnsafeBufferPointer { $0.baseAddress }
        records.removeLast(records.count - size.records)
        assert(records.withUnsafeBufferPointer { $0.baseAddress } == storage, "a node handed over outlived its hand-over")
        scalars.removeLast(scalars.count - size.scalars)
        items.removeLast(items.count - size.items)
        entries.removeLast(entries.count - size.entries)
        aliasMarks.removeLast(aliasMarks.count - size.aliasMarks)
        attributes.removeLast(attributes.count - size.attributes)
        return record(YAMLTree.Record(
            start: frame.start, end: end, first: entries.count, count: 0, attributes: -1, kind: .mapping, isFlow: frame.isFlow))
    }

    /// `handOver.take` of `node`, in a tree that lasts no longer than the call.
    @inline(never)
    func offer(_ node: Int, to handOver: YAMLHandOver) -> Bool {
        let tree = YAMLTree(
            records: records, scalars: scalars, items: items, entries: entries, aliasMarks: aliasMarks, attributes: attributes)
        // The enclosing mapping's children read so far: keys and values, then the inner list's key.
        let enclosing = pending[stack[2].firstPending..<stack[3].firstPending]
        return handOver.take(YAMLNode(tree: tree, index: node), stack[3].start.offset) { key in
            var index = enclosing.startIndex
            while index + 1 < enclosing.endIndex {
                if isKey(enclosing[index].node, key) { return YAMLNode(tree: tree, index: enclosing[index + 1].node) }
                index += 2
            }
            return nil
        }
    }

    /// Whether `node` is a scalar whose text is `text`.
    func isKey(_ node: Int, _ text: String) -> Bool {
        guard node >= 0 else { return false }
        let record = records[node]
        return record.kind == .scalar && scalars[record.first].value == text
    }

    /// Hands a node of `kind` to the collection being read, written at `reference`: where the
    /// node starts, or where an alias of it is (`isAlias`).
    mutating func attach(_ node: Int, kind: YAMLTree.Kind, size: Int, reference: Mark, isAlias: Bool) -> Result<[YAMLDocument], YAMLReadFailure>? {
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let top = stack.count - 1
        if stack[top].isMapping && (pending.count - stack[top].firstPending) % 2 == 0 && kind != .scalar {
            return fail("a mapping key must be a plain value, not \(kind == .sequence ? "a list" : "a mapping")", at: reference)
        }
        var alias = -1
        if isAlias {
            aliasMarks.append(reference)
            alias = aliasMarks.count - 1
        }
        pending.append(YAMLTree.Item(node: node, alias: alias))
        let (sum, overflow) = stack[top].size.addingReportingOverflow(size)
        stack[top].size = overflow ? Int.max : sum
        return nil
    }

    /// Records a mapping's entries from its keys and values, in source order with merge keys
    /// (`<<`) resolved, and returns where they are in `entries`. Duplicate keys are recorded as
    /// problems and reading goes on, so every duplicate is reported at once.
    mutating func buildMapping(_ children: ArraySlice<YAMLTree.Item>) -> Range<Int> {
        let first = entries.count
        seen.reset(expected: children.count / 2)
        /// The entries of the mappings merged in, in the order their keys take precedence.
        var merged: [Range<Int>] = []
        var mergeIndex: Int?
        var index = children.startIndex
        while index + 1 < children.endIndex {
            let key = children[index].node
            let value = children[index + 1]
            index += 2
            let keyRecord = records[key]
            guard keyRecord.kind == .scalar else { continue }
            let keyScalar = keyRecord.first
            let valueRecord = records[value.node]
            let valueReference = value.alias < 0 ? valueRecord.start : aliasMarks[value.alias]
            if scalars[keyScalar].fingerprint == Self.mergeKeyFingerprint && isMergeKey(scalars[keyScalar]) {
                if mergeIndex != nil {
                    problems.append(.error("a mapping may have only one merge key '<<'; list the mappings instead: '<<: [*a, *b]'", at: source.location(keyRecord.start)))
                    continue
                }
                mergeIndex = entries.count - first
                let listed = valueRecord.kind == .sequence ? items[valueRecord.children] : []
                if valueRecord.kind == .mapping {
                    merged.append(valueRecord.children)
                } else if valueRecord.kind == .sequence, listed.allSatisfy({ records[$0.node].kind == .mapping }),
                    valueReference == valueRecord.start || !listed.isEmpty
                {
                    merged.append(contentsOf: listed.map { records[$0.node].children })
                } else if valueRecord.kind == .sequence && valueReference != valueRecord.start {
                    problems.append(.error("a merge key '<<' takes a mapping or a list of mappings; this alias is a list of other things", at: source.location(valueReference)))
                } else if valueRecord.kind == .sequence {
                    for item in listed where records[item.node].kind != .mapping {
                        problems.append(.error(
                            "a merge key '<<' takes a mapping or a list of mappings, found \(kindDescription(item.node)) in the list",
                            at: source.location(item.alias < 0 ? records[item.node].start : aliasMarks[item.alias])))
                    }
                } else {
                    problems.append(.error("a merge key '<<' takes a mapping or a list of mappings, found \(kindDescription(value.node))", at: source.location(valueReference)))
                }
                continue
            }
            if let earlier = seen.first(keyScalar, in: scalars) {
                let name = scalars[keyScalar].value
                problems.append(.error(
                    "duplicate key '\(name)' in this mapping", at: source.location(keyRecord.start),
                    notes: [Diagnostic.Note("'\(name)' first appears here", at: source.location(records[earlier].start))]))
                continue
            }
            seen.insert(keyScalar, node: key, in: scalars)
            entries.append(YAMLTree.Entry(key: key, value: value.node, alias: value.alias, isMerged: false))
        }
        if let mergeIndex {
            var inserted: [YAMLTree.Entry] = []
            for range in merged {
                for position in range {
                    var entry = entries[position]
                    let keyRecord = records[entry.key]
                    guard keyRecord.kind == .scalar else { continue }
                    guard seen.first(keyRecord.first, in: scalars) == nil else { continue }
                    seen.insert(keyRecord.first, node: entry.key, in: scalars)
                    entry.isMerged = true
                    inserted.append(entry)
                }
            }
            entries.insert(contentsOf: inserted, at: first + mergeIndex)
        }
        return first..<entries.count
    }

    static let mergeKeyFingerprint = YAMLScalar.fingerprint(of: "<<")

    /// Whether a key is the merge key `<<` (plain, untagged or tagged `!!merge`).
    func isMergeKey(_ scalar: YAMLScalar) -> Bool {
        scalar.value == "<<" && scalar.style == .plain && (scalar.tag == nil || scalar.tag == "tag:yaml.org,2002:merge")
    }

    /// What a node read so far is, for messages: `YAMLNode.kindDescription` before the tree exists.
    func kindDescription(_ node: Int) -> String {
        let record = records[node]
        switch record.kind {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar: return scalars[record.first].kindDescription
        }
    }

    /// libyaml's error, reworded where its own words would mislead, and placed where the mistake is.
    mutating func libyamlError(_ parser: yaml_parser_t, bomLength: Int) -> Result<[YAMLDocument], YAMLReadFailure> {
        var problem = string(parser.problem) ?? "malformed YAML"
        let context = string(parser.context)
        var mark: Mark
        if parser.error == YAML_READER_ERROR {
            mark = source.mark(atByte: bomLength + parser.problem_offset)
        } else {
            mark = converter.mark(EventMark(parser.problem_mark))
        }
        let contextMark = context == nil ? nil : converter.mark(EventMark(parser.context_mark))
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

/// The keys of one mapping so far, as indexes in the reader's scalars: a short list searched by
/// fingerprint for the usual handful of keys, a dictionary when a mapping is large.
private struct SeenKeys {
    private var list: [(fingerprint: UInt64, scalar: Int, node: Int)] = []
    private var table: [String: Int]?

    /// Forgets the keys of the last mapping, for one of `expected` keys.
    mutating func reset(expected: Int) {
        list.removeAll(keepingCapacity: true)
        table = expected > 16 ? Dictionary(minimumCapacity: expected) : nil
    }

    /// The node of the key seen first whose text is that of `scalars[scalar]`.
    func first(_ scalar: Int, in scalars: ContiguousArray<YAMLScalar>) -> Int? {
        if let table { return table[scalars[scalar].value] }
        let fingerprint = scalars[scalar].fingerprint
        for entry in list where entry.fingerprint == fingerprint && scalars[entry.scalar].value == scalars[scalar].value {
            return entry.node
        }
        return nil
    }

    mutating func insert(_ scalar: Int, node: Int, in scalars: ContiguousArray<YAMLScalar>) {
        if table != nil {
            table?[scalars[scalar].value] = node
        } else {
            list.append((scalars[scalar].fingerprint, scalar, node))
        }
    }
}

private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
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
    /// Every multi-byte character in order, of the part of the file counted so far; empty in a
    /// file of ASCII only.
    private var multibyte: ContiguousArray<Multibyte> = []
    /// How many entries of `multibyte` lie before the last character index converted.
    var cursor = 0
    /// How far the file is counted: the byte reached, and the characters before it.
    private var countedBytes: Int
    private var countedCharacters = 0
    private var countedExtra = 0
    /// The index of the first character at which libyaml breaks a line and editors don't
    /// (U+0085, U+2028, U+2029): libyaml's line numbers hold before it, not after.
    private var firstUnusualBreak = Int.max

    init(source: SourceFile) {
        self.source = source
        bomLength = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        countedBytes = bomLength
    }

    /// Counts the file's characters on past character `target` (a stretch at a time), as the
    /// marks reach them: the count runs alongside the parse, not before it.
    private mutating func count(past target: Int) {
        let bytes = source.bytes
        let total = bytes.count
        guard target >= countedCharacters, countedBytes < total else { return }
        let stretchEnd = countedBytes + 65536
        var index = countedBytes
        var character = countedCharacters
        var extra = countedExtra
        var unusualBreak = firstUnusualBreak
        var found: ContiguousArray<Multibyte> = []
        bytes.withUnsafeBytes { raw in
            while index < total && (character <= target || index < stretchEnd) {
                // Eight ASCII bytes are eight characters.
                if index + 8 <= total, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
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
                if (byte == 0xC2 && index + 1 < total && raw[index + 1] == 0x85)
                    || (byte == 0xE2 && index + 2 < total && raw[index + 1] == 0x80 && (raw[index + 2] == 0xA8 || raw[index + 2] == 0xA9))
                {
                    unusualBreak = min(unusualBreak, character)
                }
                var end = index + 1
                while end < total && raw[end] & 0xC0 == 0x80 { end += 1 }
                extra += end - index - 1
                if end - index > 1 { found.append(Multibyte(character: character, extraThrough: extra)) }
                index = end
                character += 1
            }
        }
        multibyte.append(contentsOf: found)
        countedBytes = index
        countedCharacters = character
        countedExtra = extra
        firstUnusualBreak = unusualBreak
    }

    // Inlined: two marks for every event.
    @inline(__always)
    mutating func mark(_ raw: EventMark) -> Mark {
        let target = raw.index
        if target >= countedCharacters { count(past: target) }
        if !multibyte.isEmpty {
            while cursor < multibyte.count && multibyte[cursor].character < target { cursor += 1 }
            while cursor > 0 && multibyte[cursor - 1].character >= target { cursor -= 1 }
        }
        let extra = cursor == 0 ? 0 : multibyte[cursor - 1].extraThrough
        let offset = bomLength + target + extra
        // A break libyaml counts at the target itself does not move the target's own line.
        if target <= firstUnusualBreak {
            if offset < source.bytes.count {
                lastBefore = (line: raw.line + 1, offset: offset)
                return Mark(line: lastBefore.line, column: raw.column + 1, offset: offset)
            }
            if offset == source.bytes.count, lastBefore.line > 0 { return endMark() }
        }
        return source.mark(atByte: offset)
    }

    /// The line and offset of the last mark before the end of the file, as libyaml gave them.
    private var lastBefore = (line: 0, offset: 0)

    /// The mark at the end of the file, where libyaml's line may count a line break the file does
    /// not end with: the line of the mark before it and the breaks since (`\r\n` one break, as
    /// in `SourceFile`), on the last line. Without the file's line index, which a file without a
    /// problem never needs.
    private func endMark() -> Mark {
        let bytes = source.bytes
        let end = bytes.count
        var line = lastBefore.line
        for index in lastBefore.offset..<end {
            let byte = bytes[index]
            if byte == 0x0D || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) { line += 1 }
        }
        var start = end
        while start > 0 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
        return source.mark(atByte: end, line: line, lineStart: start)
    }
}
