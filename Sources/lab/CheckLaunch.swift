import LabKit

/// Where `lab check` runs: set up, then planned on the main thread for a command line
/// `QuickCommandLine` read (`start`), or on Swift concurrency's pool for one argument-parser read
/// (`LabCommand.Check.run`). Either way the same printer and exit status.
extension LabCommand.Check {
    /// `run`, for a command line `QuickCommandLine` read, from the main thread: the check is
    /// planned here, and ends here when it starts no process (every exercise up to date,
    /// skipped or manual; a dry run); only a run with steps goes on to Swift concurrency's
    /// pool, whose threads a run that needs none does not start.
    static func start(_ settings: GlobalSettings, _ arguments: CheckArguments) -> Never {
        let (context, printer) = setUp(settings, arguments)
        let events: @Sendable (CheckWorkflow.Event) -> Void = { printer.handle($0) }
        let start = QuickCommandLine.end {
            try context.begin {
                try CheckWorkflow.start(try arguments.request(at: context.location, launched: LabCommand.launched), events: events)
            }
        }
        switch start {
        case .finished(let result):
            QuickCommandLine.end { try context.run { status(of: result, printer) } }
        case .pending(let pending):
            LabMain.runOnPool {
                await QuickCommandLine.end { try await context.run { status(of: try await CheckWorkflow.run(pending, events: events), printer) } }
            }
        }
    }

    /// The context and printer of a check: its stdout view (text, github or a report) decided once.
    static func setUp(_ settings: GlobalSettings, _ arguments: CheckArguments) -> (CommandContext, CheckPrinter) {
        let plain = CommandContext(settings)
        let view = CheckReportFormat.stdoutView(format: arguments.format, output: arguments.output, stdoutIsTTY: plain.terminal.stdoutIsTTY)
        let context = plain.annotatingInvalidLab(view.isGitHub)
        return (context, CheckPrinter(terminal: context.terminal, stdout: view))
    }

    /// The exit status of a check that ended, its plan printed first for a dry run.
    static func status(of result: CheckWorkflow.Result, _ printer: CheckPrinter) -> Int32 {
        if case .planned(let plan, let lab) = result { printer.printPlan(plan, lab: lab) }
        return ExitStatus.of(result)
    }
}
