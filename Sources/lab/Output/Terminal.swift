import Foundation
import Synchronization
import SystemPackage

/// Where the command line writes: stdout and stderr, with colours only where they belong.
final class Terminal: Sendable {
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    let colorOut: Bool
    let colorErr: Bool
    let quiet: Bool
    let verbose: Bool
    /// Writes are whole lines from several tasks: one at a time. True once a write to stdout failed.
    private let stdoutFailed = Mutex(false)

    init(color: ColorChoice, quiet: Bool = false, verbose: Bool = false) {
        stdoutIsTTY = isatty(STDOUT_FILENO) == 1
        stderrIsTTY = isatty(STDERR_FILENO) == 1
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        switch color {
        case .always: colorOut = true; colorErr = true
        case .never: colorOut = false; colorErr = false
        case .auto: colorOut = stdoutIsTTY && !noColor; colorErr = stderrIsTTY && !noColor
        }
        self.quiet = quiet
        self.verbose = verbose
    }

    convenience init(options: GlobalOptions) {
        self.init(color: options.color, quiet: options.quiet, verbose: options.verbose)
    }

    func out(_ text: String) { write(text + "\n", to: .standardOutput) }
    func err(_ text: String) { write(text + "\n", to: .standardError) }
    func outRaw(_ text: String) { write(text, to: .standardOutput) }
    func errRaw(_ text: String) { write(text, to: .standardError) }

    /// Whether a write to stdout failed (a closed pipe, a full disk): the command then fails.
    var outputFailed: Bool { stdoutFailed.withLock { $0 } }

    /// `lab: error: …` on stderr.
    func error(_ message: String) {
        err(style("lab: ", .bold, stderr: true) + style("error: ", .red, .bold, stderr: true) + message)
    }

    func warning(_ message: String) {
        err(style("lab: ", .bold, stderr: true) + style("warning: ", .magenta, .bold, stderr: true) + message)
    }

    func note(_ message: String) {
        err(style("lab: ", .bold, stderr: true) + style("note: ", .cyan, .bold, stderr: true) + message)
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    /// `text` wrapped in ANSI styles when colours are on for that stream.
    func style(_ text: String, _ styles: Style..., stderr: Bool = false) -> String {
        guard stderr ? colorErr : colorOut, !styles.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    private func write(_ text: String, to descriptor: FileDescriptor) {
        stdoutFailed.withLock { failed in
            do {
                _ = try descriptor.writeAll(text.utf8)
            } catch {
                if descriptor == .standardOutput { failed = true }
            }
        }
    }
}
