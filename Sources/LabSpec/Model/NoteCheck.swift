/// A `note:` step: a learner's Markdown note checked for its shape — the sections it has, how
/// much prose each holds, its links to sources, its code blocks, and no template text left —
/// rather than for words a list could hold.
public struct NoteCheck: Sendable, Equatable {
    public var path: String
    /// Headings that must exist, matched case-insensitively at any level.
    public var sections: [String]
    /// Prose words each required section must hold (the whole note's when no section is
    /// required): code blocks, link targets and the heading itself do not count.
    public var minWords: Int?
    /// At least this many links to sources (distinct http or https addresses).
    public var links: Int?
    /// Info strings (`console`, `hcl`) each of which at least one fenced code block must carry.
    public var code: [String]
    /// No `TODO`, `TBD`, `…` or `...` line, nor a line of the note template, may be left.
    public var noPlaceholders: Bool

    public init(
        path: String, sections: [String] = [], minWords: Int? = nil, links: Int? = nil, code: [String] = [], noPlaceholders: Bool = false
    ) {
        self.path = path
        self.sections = sections
        self.minWords = minWords
        self.links = links
        self.code = code
        self.noPlaceholders = noPlaceholders
    }
}
