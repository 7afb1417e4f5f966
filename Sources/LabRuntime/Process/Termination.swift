#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProcessOutcome {
    /// How a process ended: by exiting with a status code or by a signal.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// The process exited with this code (0–255; -1 when its status was lost because
        /// something else in this process reaped it).
        case exited(Int32)
        /// A signal ended the process.
        case signaled(Int32)

        /// The exit code, or nil when a signal ended the process.
        public var exitCode: Int32? {
            if case .exited(let code) = self { return code }
            return nil
        }

        /// The signal number, or nil when the process exited.
        public var signal: Int32? {
            if case .signaled(let number) = self { return number }
            return nil
        }

        /// The conventional name of the signal (`SIGKILL`), or nil when the process exited.
        public var signalName: String? {
            signal.map(Self.name(ofSignal:))
        }

        public var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let number): "signal \(Self.name(ofSignal: number)) (\(number))"
            }
        }

        /// The name of a signal number on this platform, or `SIG<number>` for one without a name.
        public static func name(ofSignal number: Int32) -> String {
            signalNames[number] ?? "SIG\(number)"
        }

        // Built from the platform's constants because signal numbers differ between systems.
        private static let signalNames: [Int32: String] = {
            var names: [Int32: String] = [
                SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL",
                SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
                SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1", SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2",
                SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGCHLD: "SIGCHLD",
                SIGCONT: "SIGCONT", SIGSTOP: "SIGSTOP", SIGTSTP: "SIGTSTP", SIGTTIN: "SIGTTIN",
                SIGTTOU: "SIGTTOU", SIGURG: "SIGURG", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
                SIGVTALRM: "SIGVTALRM", SIGPROF: "SIGPROF", SIGWINCH: "SIGWINCH", SIGIO: "SIGIO",
                SIGSYS: "SIGSYS",
            ]
            #if os(Linux)
            names[SIGSTKFLT] = "SIGSTKFLT"
            names[SIGPWR] = "SIGPWR"
            #endif
            return names
        }()
    }
}
