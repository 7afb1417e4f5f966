import LabSpec

/// What a scaffold's template set renders to with its context, before anything touches the disk:
/// every file with its path inside the `into` folder, and the problems found on the way.
public struct RenderedScaffold: Sendable {
    public struct File: Sendable, Equatable {
        /// The path inside the scaffold's `into` folder (or, under `_root/`, the lab root's).
        public var path: String
        public private(set) var bytes: [UInt8]
        public var executable: Bool
        /// The template file it comes from, as shown in messages; empty for a generated `.gitkeep`.
        public var template: String
        /// The SHA-256 of `bytes`, in hex: what the lock records.
        public var sha256: String

        /// `sha256`, when given, must be the digest of `bytes` (computed when it is not).
        public init(path: String, bytes: [UInt8], executable: Bool, template: String, sha256: String? = nil) {
            self.path = path
            self.bytes = bytes
            self.executable = executable
            self.template = template
            self.sha256 = sha256 ?? ContentDigest.sha256(bytes)
        }
    }

    /// Where a file of the set goes, relative to the lab root: `path` inside `into`, except a file
    /// of the set's top-level `_root/` folder, which goes to the rest of its path from the lab
    /// root (`_root/.github/workflows/lab.yml` → `.github/workflows/lab.yml`), for what only works
    /// there. Its lock entry and merge base keep the `_root/` path.
    public static func labPath(of path: String, into: String) -> String {
        isAtRoot(path) ? String(path.dropFirst(TemplateSet.rootFolder.count + 1)) : into + "/" + path
    }

    /// Whether `path` (inside the set) belongs to its `_root/` folder.
    public static func isAtRoot(_ path: String) -> Bool {
        path.hasPrefix(TemplateSet.rootFolder + "/")
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
