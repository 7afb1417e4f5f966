import Foundation
import LabRuntime
import Synchronization
import SystemPackage

/// Where the command line writes: stdout and stderr, with colours only where they belong.
///
/// Text written to a terminal is made safe: every control character but newline and tab — an
/// escape sequence in a step's output, in an exercise title of a cloned lab — is shown escaped
/// (`\x1b`), so nothing but `lab`'s own colours and progress line reaches the terminal as a
/// command. Those are written as stand-ins (`style`, `eraseLine`) turned into escape sequences last.
///
/// On GitHub Actions the job's log is such a reader too: the runner takes a line for a workflow
/// command (`::add-mask::…`, `::error::…`). There every line written to the log — anything but a
/// regular file — is made inert (`WorkflowCommand.inertText`), and only `commands` writes lab's own.
final class Terminal: Sendable {
    /// Stands for ESC in `lab`'s own colour sequences until the text is written: U+F8FF and then
    /// `seal`. A U+F8FF without the seal came with the text (a title, a step's output) and is
    /// written escaped, so a lab's text cannot forge a sequence of lab's own.
    private static let escapeStandIn = "\u{F8FF}" + seal
    /// Stands for "back to the start of the line and clear it" until the text is written:
    /// U+F8FE and then `seal`.
    private static let eraseLineStandIn = "\u{F8FE}" + seal
    /// Four private-use characters drawn afresh by each process: what no text of a lab can guess.
    private static let seal: String = {
        var generator = SystemRandomNumberGenerator()
        var scalars = String.UnicodeScalarView()
        for _ in 0..<4 { scalars.append(Unicode.Scalar(UInt32.random(in: 0xE000...0xF8FD, using: &generator))!) }
        return String(scalars)
    }()
    private static let sealBytes = Array(seal.utf8)

    /// Moves back to the start of the line and clears it: for a progress line redrawn in place.
    static let eraseLine = eraseLineStandIn

    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    /// stdout is a terminal that can redraw a line: not `TERM=dumb`, which has no cursor control.
    let stdoutRedraws: Bool
    let colorOut: Bool
    let colorErr: Bool
    let quiet: Bool
    let verbose: Bool
    /// On GitHub Actions (`GITHUB_ACTIONS=true`): lines written to stdout and stderr, unless they
    /// go to a regular file, are kept from acting as workflow commands.
    let guardsStdout: Bool
    let guardsStderr: Bool
    /// Writes are whole lines from several tasks: one at a time. True once a write to stdout failed.
    private let stdoutFailed = Mutex(false)

    init(color: ColorChoice, quiet: Bool = false, verbose: Bool = false) {
        stdoutIsTTY = isatty(STDOUT_FILENO) == 1
        stderrIsTTY = isatty(STDERR_FILENO) == 1
        let term = EnvironmentVariable.value("TERM")
        let noColor = !(EnvironmentVariable.value("NO_COLOR") ?? "").isEmpty || term == "dumb"
        stdoutRedraws = stdoutIsTTY && term != "dumb"
        switch color {
        case .always: colorOut = true; colorErr = true
        case .never: colorOut = false; colorErr = false
        case .auto: colorOut = stdoutIsTTY && !noColor; colorErr = stderrIsTTY && !noColor
        }
        self.quiet = quiet
        self.verbose = verbose
        let onGitHubActions = EnvironmentVariable.value("GITHUB_ACTIONS") == "true"
        guardsStdout = onGitHubActions && !Self.isRegularFile(STDOUT_FILENO)
        guardsStderr = onGitHubActions && !Self.isRegularFile(STDERR_FILENO)
    }

    /// A report redirected to a file (`>> "$GITHUB_STEP_SUMMARY"`) is data, not the log.
    private static func isRegularFile(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    convenience init(options: GlobalSettings) {
        self.init(color: options.color, quiet: options.quiet, verbose: options.verbose)
    }

    func out(_ text: String) { outRaw(text + "\n") }
    func err(_ text: String) { errRaw(text + "\n") }
    func outRaw(_ text: String) {
        write(guardsStdout ? WorkflowCommand.inertText(text) : text, to: .standardOutput, isTTY: stdoutIsTTY)
    }
    func errRaw(_ text: String) {
        write(guardsStderr ? WorkflowCommand.inertText(text) : text, to: .standardError, isTTY: stderrIsTTY)
    }

    /// Workflow commands for GitHub Actions and the log lines around them, on stdout, as they
    /// are: `text` is built by `WorkflowCommand`, which escapes what it holds.
    func commands(_ text: String) { write(text, to: .standardOutput, isTTY: stdoutIsTTY) }

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
        let escape = Self.escapeStandIn
        return escape + "[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + escape + "[0m"
    }

    private func write(_ text: String, to descriptor: FileDescriptor, isTTY: Bool) {
        let bytes = Self.rendered(text, forTerminal: isTTY)
        stdoutFailed.withLock { failed in
            do {
                try descriptor.writeCompletely(bytes)
            } catch {
                guard descriptor == .standardOutput, !failed else { return }
                failed = true
                // Nobody reads any more (`lab check | head -1`): what runs is stopped.
                TerminationSignals.cancelCurrentWork()
            }
        }
    }

    /// `text` as bytes to write: the stand-ins turned into escape sequences and, for a terminal,
    /// every other control character escaped.
    static func rendered(_ text: String, forTerminal: Bool) -> [UInt8] {
        // Byte by byte: the stand-ins are U+F8FF (EF A3 BF) and U+F8FE (EF A3 BE), the C1
        // controls C2 80 to C2 9F; `text` is valid UTF-8, so a lead byte is never mistaken.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ value: UInt8) -> [UInt8] {
            let digits = Array("0123456789abcdef".utf8)
            return [digits[Int(value >> 4)], digits[Int(value & 0x0F)]]
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xA3, bytes[index + 2] == 0xBF || bytes[index + 2] == 0xBE {
                // Lab's own stand-in carries the seal; one that came with the text does not, and
                // is written as `\u{f8ff}`, inert.
                let sealEnd = index + 3 + sealBytes.count
                guard sealEnd <= bytes.count, bytes[(index + 3)..<sealEnd].elementsEqual(sealBytes) else {
                    out += Array((bytes[index + 2] == 0xBF ? "\\u{f8ff}" : "\\u{f8fe}").utf8)
                    index += 3
                    continue
                }
                if bytes[index + 2] == 0xBE {
                    out += [0x0D, 0x1B, 0x5B, 0x4B]
                    index = sealEnd
                    continue
                }
                // Only a colour sequence (`[1;31m`) becomes one.
                var end = sealEnd
                if end < bytes.count, bytes[end] == UInt8(ascii: "[") {
                    end += 1
                    while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == UInt8(ascii: ";") { end += 1 }
                    if end < bytes.count, bytes[end] == UInt8(ascii: "m") {
                        out.append(0x1B)
                        out += bytes[sealEnd...end]
                        index = end + 1
                        continue
                    }
                }
                index = sealEnd
                continue
            }
            if forTerminal, (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x")] + hex(byte)
                index += 1
                continue
            }
            if forTerminal, byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "{")] + hex(bytes[index + 1]) + [UInt8(ascii: "}")]
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
