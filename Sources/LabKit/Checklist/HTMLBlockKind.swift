/// The seven kinds of HTML block, each with the line that starts it and the condition that ends it.
enum HTMLBlockKind: Int, Equatable {
    /// `<script`, `<pre`, `<style` or `<textarea`; ends at a line holding any of their close tags.
    case rawText = 1
    /// `<!--`; ends at a line holding `-->`.
    case comment = 2
    /// `<?`; ends at a line holding `?>`.
    case processingInstruction = 3
    /// `<!` and an uppercase letter; ends at a line holding `>`.
    case declaration = 4
    /// `<![CDATA[`; ends at a line holding `]]>`.
    case cdata = 5
    /// A known block-level tag; ends at a blank line.
    case blockTag = 6
    /// Any other complete open or close tag alone on its line; ends at a blank line, cannot interrupt a paragraph.
    case otherTag = 7

    /// Kinds 1–5 run until their end marker whatever comes between, blank lines included.
    var continuesThroughBlankLines: Bool {
        rawValue <= 5
    }

    /// The kind of HTML block starting at `index`; kind 7 only where it would not interrupt a paragraph.
    static func start(_ line: MarkdownLine, at index: Int, mayInterruptParagraph: Bool) -> HTMLBlockKind? {
        guard line.byte(at: index) == MarkdownByte.lessThan else { return nil }
        if let kind = startOfKinds1to6(line, at: index) {
            return kind
        }
        if mayInterruptParagraph, isCompleteTagLine(line, at: index + 1) {
            return .otherTag
        }
        return nil
    }

    /// Whether the line, from `index` on, satisfies this kind's end condition.
    ///
    /// Only text that is well-formed UTF-8 may come before the end marker.
    func isEnded(by line: MarkdownLine, from index: Int) -> Bool {
        let limit = WellFormedUTF8.firstInvalid(in: line.bytes, line.rest(from: index))
        func holds(_ marker: String, ignoringCase: Bool = false) -> Bool {
            line.contains(Array(marker.utf8), from: index, before: limit, ignoringCase: ignoringCase)
        }
        switch self {
        case .rawText:
            return Self.rawTextClosingTags.contains { tag in
                line.contains(tag, from: index, before: limit, ignoringCase: true)
            }
        case .comment:
            return holds("-->")
        case .processingInstruction:
            return holds("?>")
        case .declaration:
            return holds(">")
        case .cdata:
            return holds("]]>")
        case .blockTag, .otherTag:
            return false
        }
    }

    private static let rawTextNames: [[UInt8]] = ["script", "pre", "style", "textarea"].map { Array($0.utf8) }
    private static let rawTextClosingTags: [[UInt8]] = rawTextNames.map { Array("</".utf8) + $0 + [MarkdownByte.greaterThan] }

    /// The block-level tag names of CommonMark 0.29, which cmark-gfm uses.
    private static let blockTagNames: Set<[UInt8]> = Set(
        [
            "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
            "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
            "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
            "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav",
            "noframes", "ol", "optgroup", "option", "p", "param", "section", "source", "title", "summary",
            "table", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "ul",
        ].map { Array($0.utf8) })

    private static func startOfKinds1to6(_ line: MarkdownLine, at index: Int) -> HTMLBlockKind? {
        let afterLess = index + 1
        if line.matches(Array("![CDATA[".utf8), at: afterLess, ignoringCase: true) {
            return .cdata
        }
        if line.matches(Array("!--".utf8), at: afterLess, ignoringCase: false) {
            return .comment
        }
        if line.byte(at: afterLess) == MarkdownByte.question {
            return .processingInstruction
        }
        if line.byte(at: afterLess) == MarkdownByte.bang && MarkdownByte.isUppercaseLetter(line.byte(at: afterLess + 1)) {
            return .declaration
        }
        for name in rawTextNames where line.matches(name, at: afterLess, ignoringCase: true) {
            let next = line.byte(at: afterLess + name.count)
            if MarkdownByte.isPatternSpace(next) || next == MarkdownByte.greaterThan {
                return .rawText
            }
        }
        var nameStart = afterLess
        if line.byte(at: nameStart) == MarkdownByte.slash {
            nameStart += 1
        }
        var nameEnd = nameStart
        while MarkdownByte.isLetter(line.byte(at: nameEnd)) || MarkdownByte.isDigit(line.byte(at: nameEnd)) {
            nameEnd += 1
        }
        guard nameEnd > nameStart, nameEnd - nameStart <= 10 else { return nil }
        let name = (nameStart..<nameEnd).map { MarkdownByte.lowercased(line.byte(at: $0)) }
        guard blockTagNames.contains(name) else { return nil }
        let next = line.byte(at: nameEnd)
        if MarkdownByte.isPatternSpace(next) || next == MarkdownByte.greaterThan {
            return .blockTag
        }
        if next == MarkdownByte.slash && line.byte(at: nameEnd + 1) == MarkdownByte.greaterThan {
            return .blockTag
        }
        return nil
    }

    /// Whether an open tag (`a href="x"`) or a close tag (`/a`) starts at `index` and only whitespace follows it on the line.
    private static func isCompleteTagLine(_ line: MarkdownLine, at index: Int) -> Bool {
        var position = index
        let isClosing = line.byte(at: position) == MarkdownByte.slash
        if isClosing {
            position += 1
        }
        guard MarkdownByte.isLetter(line.byte(at: position)) else { return false }
        while isTagNameByte(line.byte(at: position)) {
            position += 1
        }
        if !isClosing {
            while let afterAttribute = attributeEnd(line, from: position) {
                position = afterAttribute
            }
        }
        while MarkdownByte.isPatternSpace(line.byte(at: position)) && position < line.end {
            position += 1
        }
        if !isClosing && line.byte(at: position) == MarkdownByte.slash {
            position += 1
        }
        guard line.byte(at: position) == MarkdownByte.greaterThan, WellFormedUTF8.isValid(line.bytes, index..<position) else {
            return false
        }
        position += 1
        while position < line.end {
            let byte = line.byte(at: position)
            guard byte == MarkdownByte.space || byte == MarkdownByte.tab || byte == MarkdownByte.formFeed else { return false }
            position += 1
        }
        return true
    }

    /// The end of one attribute (whitespace, a name, optionally `=` and a value) starting at `position`.
    private static func attributeEnd(_ line: MarkdownLine, from start: Int) -> Int? {
        var position = start
        while MarkdownByte.isPatternSpace(line.byte(at: position)) && position < line.end {
            position += 1
        }
        guard position > start else { return nil }
        let first = line.byte(at: position)
        guard MarkdownByte.isLetter(first) || first == MarkdownByte.underscore || first == MarkdownByte.colon else { return nil }
        position += 1
        while isAttributeNameByte(line.byte(at: position)) {
            position += 1
        }
        let afterName = position
        while MarkdownByte.isPatternSpace(line.byte(at: position)) && position < line.end {
            position += 1
        }
        guard line.byte(at: position) == MarkdownByte.equals else { return afterName }
        position += 1
        while MarkdownByte.isPatternSpace(line.byte(at: position)) && position < line.end {
            position += 1
        }
        let opening = line.byte(at: position)
        if opening == MarkdownByte.quote || opening == MarkdownByte.apostrophe {
            position += 1
            while position < line.end && line.byte(at: position) != opening {
                position += 1
            }
            guard position < line.end else { return afterName }
            return position + 1
        }
        let valueStart = position
        while position < line.end && isUnquotedValueByte(line.byte(at: position)) {
            position += 1
        }
        return position > valueStart ? position : afterName
    }

    private static func isTagNameByte(_ byte: UInt8) -> Bool {
        MarkdownByte.isLetter(byte) || MarkdownByte.isDigit(byte) || byte == MarkdownByte.dash
    }

    private static func isAttributeNameByte(_ byte: UInt8) -> Bool {
        MarkdownByte.isLetter(byte) || MarkdownByte.isDigit(byte) || byte == MarkdownByte.colon || byte == MarkdownByte.dot
            || byte == MarkdownByte.underscore || byte == MarkdownByte.dash
    }

    private static func isUnquotedValueByte(_ byte: UInt8) -> Bool {
        !MarkdownByte.isPatternSpace(byte) && byte != MarkdownByte.quote && byte != MarkdownByte.apostrophe && byte != MarkdownByte.equals
            && byte != MarkdownByte.lessThan && byte != MarkdownByte.greaterThan && byte != MarkdownByte.backtick
    }
}
