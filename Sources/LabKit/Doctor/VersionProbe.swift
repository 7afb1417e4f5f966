import LabRuntime

/// Asks a program found on PATH for its version (`PROGRAM --version`), with a short timeout: a
/// program that hangs is killed with its whole process group and its version is unknown.
public struct VersionProbe: Sendable {
    public var timeout: Duration
    public var runner = ProcessRunner()

    public init(timeout: Duration = .seconds(2)) {
        self.timeout = timeout
    }

    /// The first line the program printed (stdout, else stderr), when it exited 0 in time.
    public func version(of path: String) async -> String? {
        let command = ProcessCommand(
            executable: path, arguments: ["--version"], timeout: timeout, killGrace: .milliseconds(200), tailLimit: 4096)
        guard let outcome = try? await runner.run(command), !outcome.timedOut, !outcome.cancelled,
            outcome.termination.exitCode == 0
        else { return nil }
        for text in [outcome.stdout.text, outcome.stderr.text] {
            if let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.count > 100 ? String(trimmed.prefix(99)) + "…" : trimmed
            }
        }
        return nil
    }
}
