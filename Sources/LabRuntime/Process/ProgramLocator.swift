import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds programs on a search path, remembering the answers.
public final class ProgramLocator: Sendable {
    private let searchPath: [String]
    /// Where a relative path with a slash (`bin/tool`) is taken from: the lab's root, where steps
    /// run; the working folder when nil.
    private let root: String?
    private let known = Mutex<[String: String?]>([:])

    /// - Parameters:
    ///   - path: a `PATH` value; this process's own when nil.
    ///   - root: the folder relative paths such as `bin/tool` are taken from (a lab's root).
    public init(path: String? = nil, root: String? = nil) {
        let value = path ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        // An empty entry would mean the working folder: not a place to find tools for a cloned lab.
        searchPath = value.split(separator: ":").map(String.init)
        self.root = root
    }

    /// - Parameter directories: the folders to search, in order (none holding a `:` need be split).
    public init(directories: [String]) {
        searchPath = directories.filter { !$0.isEmpty }
        root = nil
    }

    /// Where `program` is: itself (from `root` when relative) when it holds a slash and is an
    /// executable file, else the first
    /// executable file of that name on the search path; nil when there is none.
    public func locate(_ program: String) -> String? {
        if let answer = known.withLock({ $0[program] }) { return answer }
        let answer: String?
        if program.utf8.contains(UInt8(ascii: "/")) {
            let path = program.hasPrefix("/") || root == nil ? program : root! + "/" + program
            answer = Self.isExecutableFile(path) ? path : nil
        } else if program.isEmpty {
            answer = nil
        } else {
            answer = searchPath.lazy
                .map { $0 + "/" + program }
                .first(where: Self.isExecutableFile)
        }
        known.withLock { $0[program] = answer }
        return answer
    }

    public func isAvailable(_ program: String) -> Bool {
        locate(program) != nil
    }

    /// The programs of `programs` that are missing.
    public func missing(_ programs: [String]) -> [String] {
        programs.filter { !isAvailable($0) }
    }

    /// Whether `path` is a file this process may execute (not a folder).
    public static func isExecutableFile(_ path: String) -> Bool {
        guard access(path, X_OK) == 0 else { return false }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
