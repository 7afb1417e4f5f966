/// A `file:` step: what must be true of a path — that it exists (and, for a regular file, is not
/// empty unless `size_gt` says otherwise), its type, mode, link target, size and content.
public struct FileCheck: Sendable, Equatable {
    public enum FileType: String, Sendable, Equatable, CaseIterable {
        case file, directory, symlink
    }

    public var path: String
    public var contains: [String]
    public var notContains: [String]
    /// Regular expressions the content must each match somewhere; `^` and `$` match at line ends.
    public var matches: [String]
    /// The permission bits, e.g. 0o755.
    public var mode: UInt32?
    public var type: FileType?
    /// What a symbolic link must point to, exactly as `readlink` prints it.
    public var linksTo: String?
    /// The size must be greater than this many bytes.
    public var sizeGreaterThan: Int?

    public init(
        path: String, contains: [String] = [], notContains: [String] = [], matches: [String] = [], mode: UInt32? = nil,
        type: FileType? = nil, linksTo: String? = nil, sizeGreaterThan: Int? = nil
    ) {
        self.path = path
        self.contains = contains
        self.notContains = notContains
        self.matches = matches
        self.mode = mode
        self.type = type
        self.linksTo = linksTo
        self.sizeGreaterThan = sizeGreaterThan
    }

    /// The type the step expects: a link target implies a symbolic link, and no type a regular file.
    public var expectedType: FileType { type ?? (linksTo != nil ? .symlink : .file) }

    /// Whether the content is read: only a regular file's is.
    public var readsContent: Bool { !contains.isEmpty || !notContains.isEmpty || !matches.isEmpty }

    /// A mode as lab.yml and messages write it: four octal digits, `0755`.
    public static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
