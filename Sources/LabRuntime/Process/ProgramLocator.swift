import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds programs on a search path, remembering the answers.
public final class ProgramLocator: Sendable {
    private let searchPath: [String]
    private let known = Mutex<[String: String?]>([:])

    /// - Parameter path: a `PATH` value; this process's own when nil.
    public init(path: String? = nil) {
        let value = path ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        // An empty entry would mean the working folder: not a place to find tools for a cloned lab.
        searchPath = value.split(separator: ":").map(String.init)
    }

    /// - Parameter directories: the folders to search, in order (none holding a `:` need be split).
    public init(directories: [String]) {
        searchPath = directories.filter { !$0.isEmpty }
    }

    /// Where `program` is: itself when it holds a slash and is an executable file, else the first
    /// executable file of that name on the search path; nil when there is none.
    public func locate(_ program: String) -> String? {
        if let answer = known.withLock({ $0[program] }) { return answer }
        let answer: String?
        if program.utf8.contains(UInt8(ascii: "/")) {
            answer = Self.isExecutableFile(program) ? program : nil
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
