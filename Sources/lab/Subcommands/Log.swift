import ArgumentParser
import Foundation
import LabKit

extension LabCommand {
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "log",
            abstract: "Show the journal: what passed, was ticked or regressed, and when.",
            discussion: """
                The journal (.lab/journal.jsonl) records every first pass of an exercise (and each \
                pass after a failure), every tick and untick, every regression, and every phase \
                started or finished. 'lab log' shows it day by day, newest first, then how long \
                each phase took and the streak of consecutive days with a pass.

                DATE is a day (2026-11-26), a UTC time (2026-11-26T15:04:05Z), an age (7d, 2w, \
                12h), today or yesterday. Days are those of the local time zone (TZ).

                Examples:
                  lab log
                  lab log --since 7d
                  lab log --phase 2 --reverse
                  lab log --json
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Option(help: ArgumentHelp("Only events from DATE on.", valueName: "DATE"))
        var since: String?

        @Option(help: ArgumentHelp("Only the events of phase N.", valueName: "N"), completion: Completions.phases, transform: PhaseNumber.parse)
        var phase: Int?

        @Flag(help: "Oldest first.")
        var reverse = false

        @Flag(help: "Print the events as a JSON array on stdout.")
        var json = false

        func validate() throws {
            if let since, LogQuery.since(since, now: Date(), calendar: .current) == nil {
                throw ValidationError("--since takes a day (2026-11-26), a UTC time (2026-11-26T15:04:05Z), an age (7d, 2w, 12h), today or yesterday; not '\(since)'.")
            }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let now = Date()
                let request = LogQuery.Request(
                    location: context.location, since: since.flatMap { LogQuery.since($0, now: now, calendar: .current) }, phase: phase,
                    newestFirst: !reverse, now: now, calendar: .current)
                let result = try LogQuery.run(request)
                LogPrinter(terminal: context.terminal, calendar: .current).print(result, json: json)
                return ExitStatus.success
            }
        }
    }
}
