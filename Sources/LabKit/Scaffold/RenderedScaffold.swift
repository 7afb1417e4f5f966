import LabSpec

/// What a scaffold's template set renders to with its context, before anything touches the disk:
/// every file with its path inside the `into` folder, and the problems found on the way.
public struct RenderedScaffold: Sendable {
    public struct File: Sendable, Equatable {
        /// The path inside the scaffold's `into` folder.
        public var path: String
        public var bytes: [UInt8]
        public var executable: Bool
        /// The template file it comes from, as shown in messages; empty for a generated `.gitkeep`.
        public var template: String

        public init(path: String, bytes: [UInt8], executable: Bool, template: String) {
            self.path = path
            self.bytes = bytes
            self.executable = executable
            self.template = template
        }
    }

    /// Sorted by path.
    public var files: [File]
    /// Variables the context lacks, and the like: reported, not fatal.
    public var warnings: [Diagnostic]
    /// Templates that cannot be rendered (exit 2).
    public var errors: [Diagnostic]
    /// Rendered paths that would escape the `into` folder (the run is refused, exit 1).
    public var refusals: [Diagnostic]
    /// Template sources the diagnostics point into.
    public var sources: [SourceFile]

    public init(files: [File] = [], warnings: [Diagnostic] = [], errors: [Diagnostic] = [], refusals: [Diagnostic] = [], sources: [SourceFile] = []) {
        self.files = files
        self.warnings = warnings
        self.errors = errors
        self.refusals = refusals
        self.sources = sources
    }
}
