/// Reads a Markdown document's block structure line by line, as cmark-gfm does, and collects its task list items and headings.
///
/// The block rules are those of cmark-gfm 0.29.0.gfm.13, the parser behind GitHub's rendering, with
/// its table extension: which blocks a line continues, which it opens, lazy paragraph continuation,
/// tabs, indentation, which blocks may interrupt a paragraph, and the places where its scanners only
/// accept well-formed UTF-8. Only the task rule departs from it, to follow the GFM spec: a task marker
/// is read at the start of an item's first paragraph wherever the item sits (inside `>`, after another
/// marker, on the line after an empty marker line, after a byte order mark), the character between
/// the brackets may be any whitespace (a tab too), and it alone says whether it is ticked (see
/// `GFMSpecTaskListRule`). `Rule` is that rule in the product; the tests give the scanner
/// cmark-gfm's own.
struct MarkdownBlockScanner<Rule: TaskListRule> {
    private let bytes: [UInt8]
    private var stack: [OpenBlock]
    private var items: [TaskItem] = []
    private var headings: [Heading] = []
    private var rawBlocks: [MarkdownRawBlock] = []
    /// The number of the line being read.
    private var lineNumber = 0
    /// The line being read ends the block being closed (a closing fence, the end of an HTML block,
    /// the end of the document) rather than being the first line after it.
    private var closingOnThisLine = false
    /// Where the last line with content (after its container prefixes) ended: where an item that is
    /// being closed ended.
    private var lastContentLineEnd = 0

    // Computed: a generic type cannot have static stored properties.
    /// cmark-gfm opens no more lists on one line after this many nested blocks.
    private static var maximumListDepth: Int { 100 }
    private static var byteOrderMark: [UInt8] { [0xEF, 0xBB, 0xBF] }

    static func scan(_ bytes: [UInt8]) -> (items: [TaskItem], headings: [Heading]) {
        var scanner = MarkdownBlockScanner(bytes: bytes)
        scanner.scanLines()
        return (scanner.items, scanner.headings)
    }

    /// The headings and the code and HTML blocks of a document, each with its lines.
    static func outline(_ bytes: [UInt8]) -> (headings: [Heading], rawBlocks: [MarkdownRawBlock]) {
        var scanner = MarkdownBlockScanner(bytes: bytes)
        scanner.scanLines()
        return (scanner.headings, scanner.rawBlocks)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.stack = [OpenBlock(kind: .document, line: 1, lineStart: 0)]
    }

    private mutating func scanLines() {
        let count = bytes.count
        var start = 0
        var number = 0
        while start < count {
            var end = start
            while end < count && bytes[end] != MarkdownByte.newline && bytes[end] != MarkdownByte.carriageReturn {
                end += 1
            }
            number += 1
            lineNumber = number
            var contentStart = start
            if number == 1 && end >= 3 && Array(bytes[0..<3]) == Self.byteOrderMark {
                contentStart = 3
            }
            process(MarkdownLine(bytes: bytes, start: start, end: end, number: number, contentStart: contentStart))
            start = end
            if start < count && bytes[start] == MarkdownByte.carriageReturn {
                start += 1
            }
            if start < count && bytes[start] == MarkdownByte.newline && (start == end || bytes[end] == MarkdownByte.carriageReturn) {
                start += 1
            }
        }
        closingOnThisLine = true
        closeBlocks(deeperThan: -1)
    }

    // MARK: - One line

    private mutating func process(_ cursor: MarkdownLine) {
        var line = cursor
        guard let lastMatched = continueOpenBlocks(&line) else {
            // A closing code fence: nothing else can happen on its line.
            lastContentLineEnd = line.end
            return
        }
        let allMatched = lastMatched == stack.count - 1
        line.findFirstNonspace()
        let hasContent = !line.isBlank
        let tipIsParagraph = stack[stack.count - 1].isParagraph
        let (container, openedNew) = openNewBlocks(&line, from: lastMatched, allMatched: allMatched,
                                                   tipIsParagraph: tipIsParagraph)
        addText(&line, to: container, lastMatched: lastMatched, openedNew: openedNew)
        while stack.count > 1 && stack[stack.count - 1].endsWithItsLine {
            closeBlocks(deeperThan: stack.count - 2)
        }
        if hasContent {
            lastContentLineEnd = line.end
        }
    }

    /// Consumes the prefix of every open block the line continues; returns the innermost one, or nil
    /// when the line closed a fenced code block.
    private mutating func continueOpenBlocks(_ line: inout MarkdownLine) -> Int? {
        var index = 1
        walk: while index < stack.count {
            line.findFirstNonspace()
            switch stack[index].kind {
            case .document, .list:
                break
            case .thematicBreak:
                // It holds nothing, yet stays the innermost block until something else opens, so
                // a following line's task marker never reaches the item around it.
                break
            case .blockQuote:
                guard line.indent <= 3, line.byte(at: line.firstNonspace) == MarkdownByte.greaterThan else { break walk }
                line.advance(line.indent + 1, columns: true)
                if MarkdownByte.isSpaceOrTab(line.byte(at: line.offset)) {
                    line.advance(1, columns: true)
                }
            case .item(let contentIndent):
                if line.indent >= contentIndent {
                    line.advance(contentIndent, columns: true)
                } else if line.isBlank && stack[index].hasChild {
                    line.advance(line.firstNonspace - line.offset, columns: false)
                } else {
                    break walk
                }
            case .fencedCode(let fence):
                if line.indent <= 3 && fence.isClosed(by: line, at: line.firstNonspace) {
                    closingOnThisLine = true
                    closeBlocks(deeperThan: index - 1)
                    closingOnThisLine = false
                    return nil
                }
                var remaining = fence.indentation
                while remaining > 0 && MarkdownByte.isSpaceOrTab(line.byte(at: line.offset)) {
                    line.advance(1, columns: true)
                    remaining -= 1
                }
            case .indentedCode:
                if line.indent >= 4 {
                    line.advance(4, columns: true)
                } else if line.isBlank {
                    line.advance(line.firstNonspace - line.offset, columns: false)
                } else {
                    break walk
                }
            case .html(let kind):
                guard kind.continuesThroughBlankLines || !line.isBlank else { break walk }
            case .paragraph:
                guard !line.isBlank else { break walk }
            case .table:
                guard GFMTableRow.cellCount(line, from: line.firstNonspace) != nil else { break walk }
            case .atxHeading, .setextHeading:
                break walk
            }
            index += 1
        }
        return index - 1
    }

    /// Opens the blocks that start on the line inside `lastMatched`; returns the innermost block the
    /// rest of the line belongs to and whether any block was opened.
    private mutating func openNewBlocks(
        _ line: inout MarkdownLine, from lastMatched: Int, allMatched: Bool, tipIsParagraph: Bool
    ) -> (container: Int, openedNew: Bool) {
        var container = lastMatched
        var openedNew = false
        // An indented line after a paragraph continues it rather than starting code.
        var maybeLazy = tipIsParagraph
        var depth = 0
        while !stack[container].holdsRawLines {
            depth += 1
            line.findFirstNonspace()
            let indented = line.indent >= 4
            let start = line.firstNonspace
            let kind = stack[container].kind
            let inParagraph = kind == .paragraph
            if !indented && line.byte(at: start) == MarkdownByte.greaterThan {
                line.advance(start + 1 - line.offset, columns: false)
                if MarkdownByte.isSpaceOrTab(line.byte(at: line.offset)) {
                    line.advance(1, columns: true)
                }
                container = addChild(.blockQuote, to: container, line: line)
                openedNew = true
            } else if !indented, let opening = HeadingSyntax.atxOpening(line, at: start) {
                line.advance(start + opening.length - line.offset, columns: false)
                container = addChild(.atxHeading(level: opening.level), to: container, line: line)
                openedNew = true
            } else if !indented,
                let fence = CodeFence.opening(line, at: start, indentation: start - line.offset)
            {
                container = addChild(.fencedCode(fence), to: container, line: line)
                stack[container].info = Self.infoWord(line, fenceStart: start)
                openedNew = true
            } else if !indented,
                let html = HTMLBlockKind.start(line, at: start, mayInterruptParagraph: !inParagraph)
            {
                container = addChild(.html(html), to: container, line: line)
                openedNew = true
            } else if !indented && inParagraph, let level = HeadingSyntax.setextLevel(line, at: start) {
                turnIntoSetextHeading(container, level: level)
                line.advanceToEnd()
            } else if !indented && !(inParagraph && !allMatched) && ThematicBreak.matches(line, at: start) {
                container = addChild(.thematicBreak, to: container, line: line)
                openedNew = true
                line.advanceToEnd()
            } else if line.indent < 4 && depth < Self.maximumListDepth,
                let marker = ListMarker.parse(line, at: start, interruptsParagraph: inParagraph)
            {
                let markerIndent = line.indent
                let contentIndent = markerIndent + consumeListMarker(marker, at: start, in: &line)
                if kind != .list(marker.style) {
                    container = addChild(.list(marker.style), to: container, line: line)
                }
                container = addChild(.item(contentIndent: contentIndent), to: container, line: line)
                stack[container].markerOffset = start
                openedNew = true
            } else if indented && !maybeLazy && !line.isBlank {
                line.advance(4, columns: true)
                container = addChild(.indentedCode, to: container, line: line)
                openedNew = true
            } else {
                // GFM's extensions see the line only when no CommonMark block starts on it.
                if !indented && inParagraph {
                    tryTurningIntoTable(container, line: &line)
                } else if !indented && kind == .table {
                    if !line.isBlank {
                        line.advanceToEnd()
                    }
                } else if case .item = kind {
                    readTaskMarker(container, line: &line, indented: indented)
                }
                break
            }
            if stack[container].acceptsLines {
                break
            }
            maybeLazy = false
        }
        return (container, openedNew)
    }

    /// Moves past a list marker and the spaces after it; returns the item's padding, the columns from
    /// the marker to its content.
    private func consumeListMarker(_ marker: ListMarker, at start: Int, in line: inout MarkdownLine) -> Int {
        line.advance(start + marker.length - line.offset, columns: false)
        let saved = line
        while line.column - saved.column <= 5 && MarkdownByte.isSpaceOrTab(line.byte(at: line.offset)) {
            line.advance(1, columns: true)
        }
        let spaces = line.column - saved.column
        if spaces >= 5 || spaces < 1 || line.offset >= line.end {
            // Five or more spaces start indented code inside the item; none or only spaces leave
            // the content one column after the marker.
            line.offset = saved.offset
            line.column = saved.column
            line.partiallyConsumedTab = saved.partiallyConsumedTab
            if spaces > 0 {
                line.advance(1, columns: true)
            }
            return marker.length + 1
        }
        return marker.length + spaces
    }

    /// Puts what is left of the line into `container`: a lazy continuation of the open paragraph, a
    /// content line of a code or HTML block, or a paragraph line.
    private mutating func addText(_ line: inout MarkdownLine, to container: Int, lastMatched: Int, openedNew: Bool) {
        line.findFirstNonspace()
        let tip = stack.count - 1
        if !openedNew && container == lastMatched && tip != lastMatched && !line.isBlank && stack[tip].isParagraph {
            stack[tip].lines.append(line.rest(from: line.offset))
            return
        }
        closeBlocks(deeperThan: container)
        switch stack[container].kind {
        case .fencedCode, .indentedCode:
            break
        case .html(let kind):
            if kind.isEnded(by: line, from: line.firstNonspace) {
                closingOnThisLine = true
                closeBlocks(deeperThan: container - 1)
                closingOnThisLine = false
            }
        case .atxHeading(let level):
            let text = HeadingSyntax.atxText(line, contentStart: line.offset)
            headings.append(
                Heading(level: level, text: Self.string(text), line: line.number, lineStart: line.start))
        case .setextHeading:
            break
        case .paragraph:
            if !line.isBlank {
                stack[container].lines.append(line.rest(from: line.firstNonspace))
            }
        default:
            if !line.isBlank {
                let paragraph = addChild(.paragraph, to: container, line: line)
                stack[paragraph].lines.append(line.rest(from: line.firstNonspace))
            }
        }
    }

    // MARK: - Blocks

    /// Opens a block of `kind` inside `parent`, or inside the nearest enclosing block that can hold it.
    private mutating func addChild(_ kind: OpenBlock.Kind, to parent: Int, line: MarkdownLine) -> Int {
        var parent = parent
        closeBlocks(deeperThan: parent)
        while parent > 0 && !stack[parent].canContain(kind) {
            parent -= 1
            closeBlocks(deeperThan: parent)
        }
        var child = OpenBlock(kind: kind, line: line.number, lineStart: line.start)
        if kind == .paragraph, let task = stack[parent].taskIndex, !stack[parent].hasChild {
            child.textOfTask = task
        }
        stack[parent].hasChild = true
        stack.append(child)
        return stack.count - 1
    }

    /// Closes every open block deeper than `index`, innermost first.
    private mutating func closeBlocks(deeperThan index: Int) {
        while stack.count - 1 > max(index, -1) && !stack.isEmpty {
            let block = stack.removeLast()
            switch block.kind {
            case .fencedCode, .indentedCode, .html:
                let kind: MarkdownRawBlock.Kind
                switch block.kind {
                case .fencedCode: kind = .fencedCode(info: block.info ?? "")
                case .indentedCode: kind = .indentedCode
                default: kind = .html
                }
                let last = closingOnThisLine ? lineNumber : lineNumber - 1
                rawBlocks.append(MarkdownRawBlock(kind: kind, lines: block.line...max(block.line, last)))
            default:
                break
            }
            if let task = block.textOfTask {
                setText(of: task, from: block.lines)
            }
            if let task = block.taskIndex {
                items[task].endOfLineOffset = max(items[task].endOfLineOffset, lastContentLineEnd)
            }
        }
    }

    /// Makes `item` a task when the rest of the line opens its first paragraph with a task marker,
    /// and moves past the marker: no other block can start after it on the line.
    private mutating func readTaskMarker(_ item: Int, line: inout MarkdownLine, indented: Bool) {
        guard let marker = Rule.taskMarker(on: line, for: stack[item], indented: indented) else { return }
        flagTask(item, checkOffset: marker.checkOffset, isChecked: marker.isChecked, line: line)
        line.advance(marker.checkOffset + 2 - line.offset, columns: false)
    }

    private mutating func flagTask(_ item: Int, checkOffset: Int, isChecked: Bool, line: MarkdownLine) {
        if let task = stack[item].taskIndex {
            items[task].checkOffset = checkOffset
            items[task].isChecked = isChecked
            return
        }
        let block = stack[item]
        items.append(
            TaskItem(
                line: block.line, lineStart: block.lineStart, markerOffset: block.markerOffset,
                checkOffset: checkOffset, isChecked: isChecked, text: "", markerID: nil,
                endOfLineOffset: line.end))
        stack[item].taskIndex = items.count - 1
    }

    private mutating func turnIntoSetextHeading(_ paragraph: Int, level: Int) {
        let block = stack[paragraph]
        headings.append(
            Heading(level: level, text: text(of: block.lines), line: block.line, lineStart: block.lineStart, lastLine: lineNumber))
        if let task = block.textOfTask {
            setText(of: task, from: block.lines)
        }
        stack[paragraph].kind = .setextHeading
        stack[paragraph].textOfTask = nil
        stack[paragraph].lines = []
    }

    /// Turns the paragraph into a table when the line is a delimiter row with as many cells as the
    /// paragraph's last line, its header.
    private mutating func tryTurningIntoTable(_ paragraph: Int, line: inout MarkdownLine) {
        guard !stack[paragraph].tableVisited,
            let columns = GFMTableRow.delimiterCount(line, from: line.firstNonspace),
            let header = stack[paragraph].lines.last
        else { return }
        let headerLine = MarkdownLine(
            bytes: bytes, start: header.lowerBound, end: header.upperBound, number: line.number,
            contentStart: header.lowerBound)
        // cmark-gfm splits the paragraph's whole text into rows to find the header, so a byte that
        // is not UTF-8 anywhere in it spoils the header.
        let isWellFormed = stack[paragraph].lines.allSatisfy { WellFormedUTF8.isValid(bytes, $0) }
        guard isWellFormed, GFMTableRow.cellCount(headerLine, from: header.lowerBound) == columns else {
            stack[paragraph].tableVisited = true
            return
        }
        if let task = stack[paragraph].textOfTask {
            setText(of: task, from: stack[paragraph].lines)
        }
        stack[paragraph].kind = .table
        stack[paragraph].textOfTask = nil
        stack[paragraph].lines = []
        line.advanceToEnd()
    }

    // MARK: - Text

    private mutating func setText(of task: Int, from lines: [Range<Int>]) {
        let (text, id) = ExerciseTag.split(text(of: lines))
        items[task].text = text
        items[task].markerID = id
    }

    /// Paragraph lines, each trimmed of spaces and tabs, joined with one space.
    private func text(of lines: [Range<Int>]) -> String {
        var joined: [UInt8] = []
        for range in lines {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end && MarkdownByte.isSpaceOrTab(bytes[start]) {
                start += 1
            }
            while end > start && MarkdownByte.isSpaceOrTab(bytes[end - 1]) {
                end -= 1
            }
            guard start < end else { continue }
            if !joined.isEmpty {
                joined.append(MarkdownByte.space)
            }
            joined.append(contentsOf: bytes[start..<end])
        }
        return Self.string(joined[...])
    }

    /// The first word of a fence's info string (`console` of ```` ```console title ````), empty when it has none.
    private static func infoWord(_ line: MarkdownLine, fenceStart: Int) -> String {
        let character = line.byte(at: fenceStart)
        var position = fenceStart
        while position < line.end && line.byte(at: position) == character { position += 1 }
        while position < line.end && MarkdownByte.isSpaceOrTab(line.byte(at: position)) { position += 1 }
        var end = position
        while end < line.end && !MarkdownByte.isSpaceOrTab(line.byte(at: end)) { end += 1 }
        return String(decoding: line.bytes[position..<end], as: UTF8.self)
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
