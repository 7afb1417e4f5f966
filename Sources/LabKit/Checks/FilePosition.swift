/// A place in a file of the lab, relative to its root: a phase document's checklist item, the file
/// a step looked at. Reports point annotations there (`--format github`).
public struct FilePosition: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based; nil when the place is the whole file.
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `PATH:LINE` (the form of `ticked`), `PATH:LINE:COLUMN`, or the path alone.
    public var description: String {
        guard let line else { return path }
        return column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
    }

    /// Reads `PATH:LINE` back; a text without a line number after its last colon is a path alone.
    public init(parsing text: String) {
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]), line > 0 {
            self.init(path: String(text[..<colon]), line: line)
        } else {
            self.init(path: text)
        }
    }
}
