/// A block of a Markdown document whose lines are not prose: fenced or indented code, or HTML
/// (comments included), with the lines it spans, fences and all.
struct MarkdownRawBlock: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// The first word of the info string; empty when the fence has none.
        case fencedCode(info: String)
        case indentedCode
        case html
    }

    var kind: Kind
    /// 1-based, inclusive.
    var lines: ClosedRange<Int>
}
