#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One variable of this process's environment. `getenv` reads the one variable, where
/// `ProcessInfo.environment` copies the whole environment into a dictionary on every call: about
/// a million instructions, paid by every command that asked for one variable that way.
public enum EnvironmentVariable {
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
