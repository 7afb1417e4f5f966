import Foundation

/// A learner's Markdown note read for its shape: its sections and the prose words each holds, the
/// sources it links to, the info strings of its fenced code blocks, and the placeholders left in
/// it. Headings and blocks are found by `MarkdownBlockScanner`, so a heading inside a code fence
/// is no heading, and code (blocks and spans) and HTML (comments too) are never prose.
struct MarkdownNote {
    struct Section {
        var heading: Heading
        /// Prose words from the line after the heading to the next heading of the same or a higher
        /// level: subsections count, their headings do not.
        var words: Int
    }

    /// Something left from a template or a draft: the line it is on and what it is.
    struct Placeholder: Equatable {
        var line: Int
        var text: String
    }

    let lines: [Substring]
    let headings: [Heading]
    let rawBlocks: [MarkdownRawBlock]
    /// For each line (index 0 is line 1): whether it is prose (not a heading, code or HTML).
    private let prose: [Bool]

    init(bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        (headings, rawBlocks) = MarkdownBlockScanner<GFMSpecTaskListRule>.outline(bytes)
        var prose = Array(repeating: true, count: lines.count)
        func exclude(_ range: ClosedRange<Int>) {
            for line in range where line >= 1 && line <= prose.count { prose[line - 1] = false }
        }
        for block in rawBlocks { exclude(block.lines) }
        for heading in headings { exclude(heading.line...max(heading.line, heading.lastLine)) }
        self.prose = prose
    }

    /// The first section whose heading holds `name` as whole words, case and spacing aside
    /// (`DNS` finds `## 1. DNS: name to address`, `How it fails` finds `## How it fails — and how
    /// I'd notice`).
    func section(named name: String) -> Section? {
        let wanted = Self.comparable(name)
        guard !wanted.isEmpty, let index = headings.firstIndex(where: { Self.holds(Self.comparable($0.text), wanted) }) else { return nil }
        let heading = headings[index]
        let end = headings[(index + 1)...].first { $0.level <= heading.level }.map { $0.line - 1 } ?? lines.count
        return Section(heading: heading, words: words(in: (heading.lastLine + 1)...max(heading.lastLine, end)))
    }

    /// Whether `text` holds `words` where neither a letter nor a digit goes on before or after it.
    static func holds(_ text: String, _ words: String) -> Bool {
        var rest = text[...]
        while let found = rest.range(of: words) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let isWordCharacter: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            rest = text[text.index(after: found.lowerBound)...]
        }
        return false
    }

    /// Prose words in the whole note.
    var words: Int { words(in: 1...max(1, lines.count)) }

    /// The distinct http and https addresses the note links to, outside code (blocks and spans)
    /// and HTML.
    var links: [String] {
        var seen: [String] = []
        for number in proseLines() where lines[number - 1].contains("://") {
            let line = lines[number - 1].replacing(Self.codeSpan, with: " ")
            for match in line.matches(of: Self.address) {
                var address = String(match.output)
                while let last = address.last, ".,;:!?".contains(last) { address.removeLast() }
                if !seen.contains(address) { seen.append(address) }
            }
        }
        return seen
    }

    /// The first word of each fenced code block's info string.
    var codeInfos: [String] {
        rawBlocks.compactMap { block in
            if case .fencedCode(let info) = block.kind { return info }
            return nil
        }
    }

    /// What a draft leaves: `TODO`, `TBD` or `FIXME`, a line that is only `…` or `...`, or a line of
    /// the template the note was made from (`templateLines`, compared as `comparable` text).
    func placeholders(templateLines: Set<String>) -> [Placeholder] {
        var found: [Placeholder] = []
        for number in proseLines() {
            let line = lines[number - 1]
            // A marker in a code span is quoted, not left: "use `TODO` markers" is prose.
            if line.contains("TODO") || line.contains("TBD") || line.contains("FIXME"),
                let marker = line.replacing(Self.codeSpan, with: " ").firstMatch(of: Self.draftMarker)
            {
                found.append(Placeholder(line: number, text: String(marker.output.0)))
                continue
            }
            let content = Self.stripMarkers(line)
            if content == "…" || content == "..." {
                found.append(Placeholder(line: number, text: content))
            } else if templateLines.contains(Self.comparable(content)) {
                found.append(Placeholder(line: number, text: content))
            }
        }
        return found
    }

    /// The template's lines a learner is meant to replace: prose of four words or more, without a
    /// Mustache tag.
    static func templateLines(_ bytes: [UInt8]) -> Set<String> {
        let note = MarkdownNote(bytes: bytes)
        var result: Set<String> = []
        for number in note.proseLines() {
            let line = note.lines[number - 1]
            guard !line.contains("{{") else { continue }
            let content = stripMarkers(line)
            if content.split(separator: " ").count >= 4 { result.insert(comparable(content)) }
        }
        return result
    }

    // MARK: - Words

    private func proseLines() -> [Int] {
        prose.indices.filter { prose[$0] }.map { $0 + 1 }
    }

    private func words(in range: ClosedRange<Int>) -> Int {
        var count = 0
        for number in range where number >= 1 && number <= lines.count && prose[number - 1] {
            count += Self.words(in: lines[number - 1])
        }
        return count
    }

    /// Words of one prose line: link and image targets, bare addresses, HTML tags and a reference
    /// definition's target do not count; a word holds a letter or a digit.
    static func words(in line: Substring) -> Int {
        // Each pattern only where its first character is: most lines of a note are plain prose.
        if line.contains("]"), line.wholeMatch(of: referenceDefinition) != nil { return 0 }
        var text = String(line)
        if text.contains("`") { text.replace(codeSpan, with: " ") }
        if text.contains("](") { text.replace(inlineTarget, with: " ") }
        if text.contains("<") { text.replace(autolink, with: " ") }
        if text.contains("://") { text.replace(address, with: " ") }
        if text.contains("<") { text.replace(htmlTag, with: " ") }
        return text.split(whereSeparator: { $0.isWhitespace }).count { word in word.contains { $0.isLetter || $0.isNumber } }
    }

    // MARK: - Text

    /// Lower-cased, white space collapsed, without surrounding spaces, emphasis or a final colon.
    static func comparable(_ text: some StringProtocol) -> String {
        var words = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
        words.removeAll { $0 == "*" || $0 == "_" || $0 == "`" }
        while let last = words.last, last == ":" || last == " " { words.removeLast() }
        return words
    }

    /// The line without block quote and list markers and surrounding spaces.
    static func stripMarkers(_ line: Substring) -> String {
        var rest = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        if let marker = rest.prefixMatch(of: listMarker) { rest = rest[marker.range.upperBound...] }
        return String(rest).trimmingCharacters(in: .whitespaces)
    }

    // Regex values are not Sendable; these are constants, never mutated after they are made.
    nonisolated(unsafe) private static let address = #/https?://[^\s<>()\[\]"'`]+/#
    nonisolated(unsafe) private static let codeSpan = #/`+[^`]*`+/#
    nonisolated(unsafe) private static let inlineTarget = #/\]\([^)]*\)/#
    nonisolated(unsafe) private static let autolink = #/<[A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*>/#
    nonisolated(unsafe) private static let htmlTag = #/<!--.*?-->|</?[A-Za-z][^>]*>/#
    nonisolated(unsafe) private static let referenceDefinition = #/\s{0,3}\[[^\]]+\]:\s*\S+.*/#
    nonisolated(unsafe) private static let draftMarker = #/\b(TODO|TBD|FIXME)\b/#
    nonisolated(unsafe) private static let listMarker = #/([-+*]|[0-9]{1,9}[.)])(\s+|$)/#
}
