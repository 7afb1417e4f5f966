import LabSpec

/// What rendering one template gave: its bytes, and warnings such as variables the context lacks.
public struct RenderedText: Sendable {
    public var bytes: [UInt8]
    public var warnings: [Diagnostic]
    /// The template sources the warnings point into.
    public var sources: [SourceFile]

    public init(bytes: [UInt8], warnings: [Diagnostic] = [], sources: [SourceFile] = []) {
        self.bytes = bytes
        self.warnings = warnings
        self.sources = sources
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
