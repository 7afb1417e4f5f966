import ArgumentParser
import Foundation
import LabKit
import LabRuntime
import LabSpec

/// What a subcommand needs from the global options: the terminal, and where its lab is.
struct CommandContext {
    let options: GlobalSettings
    let terminal: Terminal
    /// The command shows a GitHub Actions view: an invalid lab.yml is also annotated there.
    var annotatesInvalidLab = false

    init(_ options: GlobalOptions, _ parent: GlobalOptions? = nil) {
        self.init(parent.map { options.settings.merged(over: $0.settings) } ?? options.settings)
    }

    /// A context for the options in effect: those after the subcommand merged over those before.
    init(_ settings: GlobalSettings) {
        // A closed stdout is a write error to report (exit status 1), not a silent death.
        SignalDispositions.ignore(SIGPIPE)
        self.options = settings
        self.terminal = Terminal(options: settings)
    }

    /// This context, with an invalid lab.yml annotated for GitHub Actions when `github`.
    func annotatingInvalidLab(_ github: Bool) -> CommandContext {
        var context = self
        context.annotatesInvalidLab = github
        return context
    }

    /// The folder the command works from; the root when it is gone, so that an error says so.
    var workingDirectory: URL { options.workingDirectory ?? URL(fileURLWithPath: "/") }

    var location: LabLocation { LabLocation(workingDirectory: workingDirectory, labFile: options.labFile) }

    /// The time commands take as now: the clock's, or `LAB_NOW` (a UTC time such as
    /// 2026-12-05T09:00:00Z) for tests that need a fixed day.
    func now() throws(LabError) -> Date {
        guard let fixed = EnvironmentVariable.value("LAB_NOW"), !fixed.isEmpty else { return Date() }
        guard let date = try? Date.ISO8601FormatStyle().parse(fixed) else {
            throw .message("LAB_NOW must be a UTC time such as 2026-12-05T09:00:00Z, not '\(fixed)'")
        }
        return date
    }

    /// Runs a subcommand's body, which returns its exit status; errors become `lab: error: …` (or
    /// `lab.yml`'s diagnostics) and their exit status. A write to stdout that failed fails the run.
    func run(_ body: () async throws -> Int32) async throws {
        let status: Int32
        do {
            try requireWorkingDirectory()
            status = try await body()
        } catch {
            status = try report(error)
        }
        try end(with: status)
    }

    /// `run`, for a body that never suspends: what `status`, `list` and `validate` run on the
    /// main thread with no task (`LabMain`), and the commands on the pool whose bodies are
    /// synchronous.
    func run(_ body: () throws -> Int32) throws {
        let status: Int32
        do {
            try requireWorkingDirectory()
            status = try body()
        } catch {
            status = try report(error)
        }
        try end(with: status)
    }

    /// The first part of a command that may go on elsewhere (`lab check` on the pool): `body`'s
    /// value, or, when it throws, the error reported as `run` reports it and its exit status
    /// thrown as an `ExitCode`.
    func begin<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            try requireWorkingDirectory()
            return try body()
        } catch {
            let status = try report(error)
            throw ExitCode(status == ExitStatus.success ? ExitStatus.failure : status)
        }
    }

    private func requireWorkingDirectory() throws(LabError) {
        guard options.workingDirectory != nil else {
            throw LabError.message("the working folder no longer exists (it was deleted or moved): cd to a folder that does, or give -C DIR")
        }
    }

    /// Prints `error` and returns its exit status; rethrows the ends argument-parser handles
    /// (an exit status, help).
    private func report(_ error: any Error) throws -> Int32 {
        if error is ExitCode || error is CleanExit { throw error }
        let labError = LabError(error)
        if case .invalidLab(let diagnostics, let sources) = labError {
            if annotatesInvalidLab { terminal.commands(ValidationPrinter.annotations(diagnostics)) }
            var printer = DiagnosticPrinter(terminal: terminal)
            for source in sources { printer.sources[source.path] = source }
            printer.print(diagnostics)
        } else {
            terminal.error(labError.description)
        }
        return ExitStatus.of(labError)
    }

    private func end(with status: Int32) throws {
        var status = status
        if status == ExitStatus.success && terminal.outputFailed { status = ExitStatus.failure }
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
