import Foundation

/// Finds programs on PATH for `requires`, remembering the answers for the run.
final class ProgramLocator: @unchecked Sendable {
    private let searchPath: [String]
    private var known: [String: Bool] = [:]
    private let lock = NSLock()

    init(path: String? = ProcessInfo.processInfo.environment["PATH"]) {
        searchPath = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    func isAvailable(_ program: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let answer = known[program] { return answer }
        let answer: Bool
        if program.contains("/") {
            answer = access(program, X_OK) == 0 && FileSystem.resolvedKind(program) == .file
        } else {
            answer = searchPath.contains { folder in
                let candidate = (folder.isEmpty ? "." : folder) + "/" + program
                return access(candidate, X_OK) == 0 && FileSystem.resolvedKind(candidate) == .file
            }
        }
        known[program] = answer
        return answer
    }

    /// The programs of `requires` that are missing.
    func missing(_ programs: [String]) -> [String] {
        programs.filter { !isAvailable($0) }
    }
}
