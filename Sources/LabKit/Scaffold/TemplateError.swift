import LabSpec

/// A template that cannot be rendered: a syntax error, a missing partial, bytes that are not UTF-8.
/// Located in the template file, so it prints as `FILE:LINE:COL: error: …`.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The diagnostics that explain the failure (at least one error).
    public var diagnostics: [Diagnostic]
    /// The template sources the diagnostics point into, for showing the offending line.
    public var sources: [SourceFile]

    public init(_ diagnostics: [Diagnostic], sources: [SourceFile] = []) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    init(_ message: String, in source: SourceFile, at offset: Int?, notes: [Diagnostic.Note] = []) {
        let location = source.location(offset.map { source.mark(atByte: $0) })
        self.init([.error(message, at: location, notes: notes)], sources: [source])
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
