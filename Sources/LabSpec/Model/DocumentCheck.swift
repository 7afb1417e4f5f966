/// A `json:` or `yaml:` step: a value in a file, found by a query, and what it must be.
public struct DocumentCheck: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable { case json, yaml }

    /// Which document of a YAML file holding several (`---`) the query reads.
    public enum DocumentChoice: Sendable, Equatable {
        /// Counted from 0, as `[N]` counts.
        case index(Int)
        /// The step passes when the value is as expected in one of them.
        case any
    }

    public var format: Format
    public var path: String
    public var check: ValueCheck
    public var document: DocumentChoice?

    public init(format: Format, path: String, check: ValueCheck, document: DocumentChoice? = nil) {
        self.format = format
        self.path = path
        self.check = check
        self.document = document
    }
}
