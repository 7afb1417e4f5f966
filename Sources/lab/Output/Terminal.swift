import Foundation

/// Where the command line writes: stdout and stderr, with colours only where they belong.
final class Terminal: @unchecked Sendable {
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    let colorOut: Bool
    let colorErr: Bool
    let quiet: Bool
    let verbose: Bool
    private let lock = NSLock()

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

    func out(_ text: String) { write(text + "\n", to: STDOUT_FILENO) }
    func err(_ text: String) { write(text + "\n", to: STDERR_FILENO) }
    func outRaw(_ text: String) { write(text, to: STDOUT_FILENO) }
    func errRaw(_ text: String) { write(text, to: STDERR_FILENO) }

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

    private func write(_ text: String, to descriptor: Int32) {
        lock.lock()
        defer { lock.unlock() }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(count)
        }
    }
}
