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

                In CI: --format github groups each exercise's output and annotates failures at \
                their checklist items (the default on GitHub Actions); --shard I/N runs one part \
                of a matrix, whose JSON reports 'lab merge-reports' combines; --strict (or \
                LAB_STRICT=1) fails the run when an exercise is skipped for a missing program.

                Exit status: 0 when nothing failed, 1 when a check failed or timed out (or was \
                skipped, with --strict), 2 when lab.yml is invalid, 64 for wrong usage, 130 when \
                interrupted.

                Examples:
                  lab check                             the phases in progress
                  lab check dns-resolution tls-basics   two exercises
                  lab check 2 -j 4                      phase 2, four at a time
                  lab check --all --format junit --output report.xml
                  lab check --all --strict --shard 2/4 --output report-2.json
                  lab check --format markdown --output "$GITHUB_STEP_SUMMARY"
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
            transform: JobCount.parse)
        var jobs: Int?

        @Flag(help: "Rerun exercises that are up to date.")
        var force = false

        @Flag(name: .customLong("no-mark"), help: "Do not tick the items of passed exercises.")
        var noMark = false

        @Flag(name: .customLong("fail-fast"), help: "Stop at the first failure, killing what runs.")
        var failFast = false

        @Flag(name: .customLong("dry-run"), help: "Print what would run, run nothing.")
        var dryRun = false

        @Option(help: "What stdout shows: text, github (workflow commands), or the report as json, junit, tap or markdown (default: github on GitHub Actions, else text).")
        var format: CheckReportFormat?

        @Option(help: ArgumentHelp("Write the report (json, junit, tap or markdown) to FILE; stdout keeps the text or github view.", valueName: "FILE"), completion: .file())
        var output: String?

        @Flag(help: "After the run, rerun the exercises whose sources change, until Ctrl-C.")
        var watch = false

        @Flag(help: "A skipped exercise (a program it requires is missing) fails the run; also LAB_STRICT=1.")
        var strict = false

        @Option(help: ArgumentHelp("Check only shard I of N: a split of the selected exercises that is the same on every machine, balanced by their last durations.", valueName: "I/N"))
        var shard: String?

        @Option(help: ArgumentHelp("Balance the shards by the durations in FILE, a report of 'lab check --format json' (default: .lab/state.json).", valueName: "FILE"), completion: .file(extensions: ["json"]))
        var durations: String?

        func validate() throws { try arguments.validate() }

        /// The values given, without argument-parser's wrappers.
        var arguments: CheckArguments {
            CheckArguments(
                targets: targets, all: all, jobs: jobs, force: force, noMark: noMark, failFast: failFast, dryRun: dryRun,
                format: format, output: output, watch: watch, strict: strict, shard: shard, durations: durations)
        }

        func run() async throws {
            try await Self.run(global.settings.merged(over: parent.global.settings), arguments)
        }

        static func run(_ settings: GlobalSettings, _ arguments: CheckArguments) async throws {
            let (context, printer) = setUp(settings, arguments)
            try await context.run {
                let request = try arguments.request(at: context.location, launched: LabCommand.launched)
                return status(of: try await CheckWorkflow.run(request) { printer.handle($0) }, printer)
            }
        }
    }
}
