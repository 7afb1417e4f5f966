/// A position in a source file: 1-based line and column (in characters), and the 0-based byte offset.
///
/// Line and column are stored in 32 bits (a file lab reads is far smaller than 2^31 lines): two
/// marks sit in each of the hundreds of thousands of node records of a large `lab.yml`, and
/// every byte of them is memory the reader touches for the first time.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32
    public var offset: Int

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        self.offset = offset
    }

    public static let start = Mark(line: 1, column: 1, offset: 0)

    public static func < (lhs: Mark, rhs: Mark) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}
