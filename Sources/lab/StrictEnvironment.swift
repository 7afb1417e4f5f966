import ArgumentParser
import LabRuntime

/// `LAB_STRICT`, the environment's way to say `--strict` (a CI job sets it once for every step).
enum StrictEnvironment {
    /// 1, true, yes or on: strict; 0, false, no, off, empty or unset: not; anything else is a
    /// mistake, reported as a usage error.
    static func value() throws -> Bool {
        guard let value = EnvironmentVariable.value("LAB_STRICT") else { return false }
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "", "0", "false", "no", "off": return false
        default: throw ValidationError("LAB_STRICT is '\(value)': set it to 1 (strict) or 0.")
        }
    }
}
