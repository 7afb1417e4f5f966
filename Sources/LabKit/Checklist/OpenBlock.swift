/// A block that is still open while a document is scanned: one entry of the scanner's stack, from the document down to the innermost block.
struct OpenBlock {
    enum Kind: Equatable {
        case document
        case blockQuote
        case list(ListMarker.Style)
        /// A list item whose content lines are indented by `contentIndent` columns.
        case item(contentIndent: Int)
        case paragraph
        case fencedCode(CodeFence)
        case indentedCode
        case html(HTMLBlockKind)
        /// A GFM table: every following line that is a row and starts no other block belongs to it.
        case table
        case atxHeading(level: Int)
        case setextHeading
        case thematicBreak
    }

    var kind: Kind
    /// 1-based line where the block starts, and the byte offset of that line.
    var line: Int
    var lineStart: Int
    /// Whether a block was ever put inside this one: an item that is still empty ends at a blank line.
    var hasChild = false
    /// Byte offset of an item's list marker.
    var markerOffset = 0
    /// For an item: its entry in the scanner's task list once its task marker has been read.
    var taskIndex: Int?
    /// For a paragraph: its content lines as byte ranges of the document.
    var lines: [Range<Int>] = []
    /// For a paragraph: a delimiter row under it did not match its header, so it never becomes a table.
    var tableVisited = false
    /// For a paragraph: the task whose text it is, being the first block of that task's item.
    var textOfTask: Int?
    /// For a fenced code block: the first word of its info string.
    var info: String?

    init(kind: Kind, line: Int, lineStart: Int) {
        self.kind = kind
        self.line = line
        self.lineStart = lineStart
    }

    /// Whether a block of kind `child` can be put directly inside this one.
    func canContain(_ child: Kind) -> Bool {
        let childIsItem: Bool
        if case .item = child {
            childIsItem = true
        } else {
            childIsItem = false
        }
        switch kind {
        case .document, .blockQuote, .item:
            return !childIsItem
        case .list:
            return childIsItem
        default:
            return false
        }
    }

    /// Leaf blocks that take the rest of a line as their content, so no other block can start after them on it.
    var acceptsLines: Bool {
        switch kind {
        case .paragraph, .atxHeading, .setextHeading, .fencedCode, .indentedCode:
            return true
        default:
            return false
        }
    }

    /// Headings are done with at the end of their line.
    var endsWithItsLine: Bool {
        switch kind {
        case .atxHeading, .setextHeading:
            return true
        default:
            return false
        }
    }

    var isParagraph: Bool {
        kind == .paragraph
    }

    /// Code and HTML blocks: their lines are content, never the start of another block.
    var holdsRawLines: Bool {
        switch kind {
        case .fencedCode, .indentedCode, .html:
            return true
        default:
            return false
        }
    }
}
