#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a program could not be started at all.
public enum LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program could not be executed; `errno` says why (`ENOENT`, `EACCES`, …).
    case notRunnable(program: String, errno: Int32)
    /// The working directory is missing, not a folder, or cannot be entered.
    case workingDirectoryUnusable(path: String, errno: Int32)
    /// The command cannot be passed to the system as given (a NUL byte, a malformed variable name).
    case invalidArgument(String)
    /// The system refused a resource the runner needs (a pipe, a thread); `errno` says why.
    case systemResource(String, errno: Int32)

    public var description: String {
        switch self {
        case .notRunnable(let program, let code):
            return "cannot run '\(program)': \(Self.reason(code))"
        case .workingDirectoryUnusable(let path, let code):
            switch code {
            case ENOENT: return "working directory '\(path)' does not exist"
            case ENOTDIR: return "working directory '\(path)' is not a folder"
            default: return "cannot enter working directory '\(path)': \(Self.reason(code))"
            }
        case .invalidArgument(let what):
            return "cannot run step: \(what)"
        case .systemResource(let what, let code):
            return "cannot run step: \(what) failed: \(Self.reason(code))"
        }
    }

    // Short lower-case wording for the common cases; the C library's text for the rest.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case ENOEXEC: return "not an executable"
        case ENOTDIR: return "a component of the path is not a folder"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            let message = String(cString: text)
            return message.prefix(1).lowercased() + message.dropFirst()
        }
    }
}
