import Foundation
import LabRuntime
import Synchronization

/// The terminal as `lab watch` uses it — keys read one by one, unechoed; the alternate screen;
/// the cursor hidden — and put back as it was however `lab` ends: a return, a thrown error, a
/// signal (through `TerminationSignals`), `exit`, or a crash of `lab` itself. Hand-written ANSI.
enum FullScreen {
    /// The terminal's settings before `enter`, for `restore`.
    private static let saved = Mutex<termios?>(nil)
    /// The same, where the crash handler can read it without a lock.
    nonisolated(unsafe) private static var crashCopy = termios()
    nonisolated(unsafe) private static var crashCopyValid = false

    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J\u{1B}[H"
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Switches the terminal to raw keys and the alternate screen; false when stdin is not a terminal.
    static func enter() -> Bool {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return false }
        saved.withLock { $0 = original }
        crashCopy = original
        crashCopyValid = true
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        atexit { FullScreen.restore() }
        TerminationSignals.addExitHook { FullScreen.restore() }
        installCrashHandlers()
        write(enterSequence)
        return true
    }

    /// Puts the terminal back; does nothing when it is not changed (it may be called several times).
    static func restore() {
        guard var original = saved.withLock({ value -> termios? in
            defer { value = nil }
            return value
        }) else { return }
        crashCopyValid = false
        write(leaveSequence)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
    }

    /// The terminal's size: rows and columns (24×80 when it does not say).
    static func size() -> (rows: Int, columns: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return (24, 80) }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Draws a whole frame: each line from the top, the rest of each line and of the screen cleared.
    static func draw(_ lines: [String]) {
        var frame = "\u{1B}[H"
        for (index, line) in lines.enumerated() {
            frame += line + "\u{1B}[0m\u{1B}[K"
            if index < lines.count - 1 { frame += "\r\n" }
        }
        frame += "\u{1B}[J"
        write(frame)
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// On a crash of `lab` itself (a trap, a bad access), the terminal is put back before the
    /// signal's default action: only async-signal-safe calls (`write`, `tcsetattr`).
    private static func installCrashHandlers() {
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if FullScreen.crashCopyValid {
                    let leave: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
                    _ = Glibc.write(STDOUT_FILENO, leave.utf8Start, leave.utf8CodeUnitCount)
                    tcsetattr(STDIN_FILENO, TCSANOW, &FullScreen.crashCopy)
                }
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            SignalDispositions.install(number, &action)
        }
    }
}
