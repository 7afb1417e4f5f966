import CLabSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How this process handles signals, changed in one place: a step started at the same moment
/// (`lab_spawn`) never sees a change half made, and starts with every signal this process
/// ignores or catches back at its default.
public enum SignalDispositions {
    /// Ignores `number` in this process.
    public static func ignore(_ number: Int32) {
        _ = lab_signal(number, SIG_IGN)
    }

    /// Puts `number` back to its default action in this process.
    public static func restoreDefault(_ number: Int32) {
        _ = lab_signal(number, SIG_DFL)
    }

    /// Installs `action` for `number`, as sigaction(2) does.
    public static func install(_ number: Int32, _ action: inout sigaction) {
        _ = lab_sigaction(number, &action, nil)
    }
}
