import ArgumentParser
import LabKit
import LabSpec

extension LabCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "check",
            abstract: "Run exercise checks, tick the items of those that pass.",
            discussion: """
                Targets are exercise ids and phase numbers. Without targets, lab checks every \
                exercise of the phases in progress; --all adds the finished ones. Exercises run in \
                parallel (-j), each step in its own process group with a timeout that kills the \
                whole group. An exercise with `sources` that passed and whose sources have not \
                changed is "up to date" and not rerun (--force reruns it). Passed exercises' items \
                are ticked (--no-mark: not); first passes, regressions and ticks are recorded in the \
                journal (see 'lab log'); the README's phase table and the pictures in assets/ are \
                brought up to date.

                Exit status: 0 when nothing failed, 1 when a check failed or timed out, 2 when \
                lab.yml is invalid, 130 when interrupted.

                Examples:
                  lab check                             the phases in progress
                  lab check dns-resolution tls-basics   two exercises
                  lab check 2 -j 4                      phase 2, four at a time
                  lab check --all --format junit --output report.xml
                  lab check --watch                     rerun what changes
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "Exercise ids or phase numbers (default: the phases in progress).", completion: Completions.exercisesAndPhases)
        var targets: [String] = []

        @Flag(help: "Check every phase in progress or done.")
        var all = false

        // Read unconditionally, so that `-j -1` is a bad number rather than a missing value.
        @Option(
            name: [.customShort("j", allowingJoined: true), .customLong("jobs")], parsing: .unconditional,
            help: ArgumentHelp("How many exercises run at once (default: the number of cores).", valueName: "N"),
            transform: Check.jobCount)
        var jobs: Int?

        @Flag(help: "Rerun exercises that are up to date.")
        var force = false

        @Flag(name: .customLong("no-mark"), help: "Do not tick the items of passed exercises.")
        var noMark = false

        @Flag(name: .customLong("fail-fast"), help: "Stop at the first failure, killing what runs.")
        var failFast = false

        @Flag(name: .customLong("dry-run"), help: "Print what would run, run nothing.")
        var dryRun = false

        @Option(help: "The report on stdout: text, json, junit or tap.")
        var format: ReportFormat?

        @Option(help: ArgumentHelp("Write the report (json, junit or tap) to FILE; the terminal keeps the text view.", valueName: "FILE"), completion: .file())
        var output: String?

        @Flag(help: "After the run, rerun the exercises whose sources change, until Ctrl-C.")
        var watch = false

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, junit, tap
        }

        func validate() throws {
            if output != nil, reportFormat == nil {
                throw ValidationError("--output needs --format json, junit or tap (or a FILE ending in .json, .xml or .tap).")
            }
            if watch && (dryRun || format == .json || format == .junit || format == .tap) && output == nil {
                throw ValidationError("--watch shows the text view; use --output FILE for a report.")
            }
        }

        /// `-j N`: a whole number, 1 or more.
        static func jobCount(_ text: String) throws -> Int {
            guard let count = Int(text), count >= 1 else {
                throw ValidationError("the number of exercises to run at once must be a whole number, 1 or more")
            }
            return count
        }

        /// The machine-readable format of the report, from --format or the --output extension.
        var reportFormat: ReportFormat? {
            if let format, format != .text { return format }
            guard let output else { return nil }
            if output.hasSuffix(".json") { return .json }
            if output.hasSuffix(".xml") { return .junit }
            if output.hasSuffix(".tap") { return .tap }
            return nil
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let reportFile = output.map { path in
                    CheckWorkflow.ReportFile(path: path, render: renderer(for: reportFormat ?? .json))
                }
                let stdout: CheckPrinter.StdoutReport = reportFormat == nil || output != nil ? .text : .report(renderer(for: reportFormat ?? .json))
                let printer = CheckPrinter(terminal: context.terminal, stdout: stdout)
                let request = CheckWorkflow.Request(
                    location: context.location, targets: targets, all: all, jobs: jobs, force: force, mark: !noMark,
                    failFast: failFast, dryRun: dryRun, watch: watch, reportFile: reportFile, launched: LabCommand.launched)
                let result = try await CheckWorkflow.run(request) { printer.handle($0) }
                if case .planned(let plan, let lab) = result { printer.printPlan(plan, lab: lab) }
                return ExitStatus.of(result)
            }
        }

        private func renderer(for format: ReportFormat) -> @Sendable (CheckResult, Lab) -> String {
            switch format {
            case .json, .text: return { report, _ in CheckReportJSON.render(report) }
            case .junit: return { report, lab in JUnitReport.render(report, phaseTitles: lab.phaseTitles) }
            case .tap: return { report, _ in TAPReport.render(report) }
            }
        }
    }
}
