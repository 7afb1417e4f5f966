import ArgumentParser
import LabKit
import LabSpec

extension LabCommand {
    struct MergeReports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "merge-reports",
            abstract: "Combine the JSON reports of 'lab check --shard I/N' runs into one.",
            discussion: """
                Each shard of a CI matrix writes its report (lab check --shard 2/4 --output \
                report-2.json); a last job merges them into the report of the whole run: every \
                result once, in the lab's order (when lab.yml is found), with every shard's ticks \
                and regressions. One report alone is converted: to JUnit, TAP, Markdown or text.

                Exit status: 0 when nothing failed, 1 when a check failed or timed out (or was \
                skipped, with --strict) or a report cannot be read, 64 for wrong usage.

                Examples:
                  lab merge-reports report-*.json --format junit --output report.xml
                  lab merge-reports report-*.json --format markdown >> "$GITHUB_STEP_SUMMARY"
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: ArgumentHelp("JSON reports of lab check.", valueName: "FILE"), completion: .file(extensions: ["json"]))
        var files: [String] = []

        @Option(help: "How to print the merged report: text, json, junit, tap or markdown (default: text, or json with --output).")
        var format: Format?

        @Option(help: ArgumentHelp("Write the merged report to FILE; stdout shows the text view.", valueName: "FILE"), completion: .file())
        var output: String?

        @Flag(help: "A skipped exercise fails the merged run.")
        var strict = false

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, junit, tap, markdown
        }

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give the JSON reports to merge: lab merge-reports report-*.json") }
            if output != nil && format == .text { throw ValidationError("--output writes a report: --format json, junit, tap or markdown.") }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let reportFile = output.map { CheckWorkflow.ReportFile(path: $0, render: CheckReportFormat(format ?? .json).renderer) }
                let request = MergeReportsWorkflow.Request(
                    location: context.location, files: files, strict: strict, reportFile: reportFile)
                let merged = try MergeReportsWorkflow.run(request)
                for warning in merged.warnings { context.terminal.warning(warning) }
                let onStdout = output == nil ? format ?? .text : .text
                if onStdout == .text {
                    CheckPrinter(terminal: context.terminal, stdout: .text).printText(merged.report)
                } else {
                    let lab = merged.lab ?? Lab(name: merged.report.lab, phases: [])
                    context.terminal.outRaw(CheckReportFormat(onStdout).renderer(merged.report, lab))
                }
                for error in merged.errors { context.terminal.error(error) }
                return merged.errors.isEmpty ? ExitStatus.of(merged.report) : ExitStatus.failure
            }
        }
    }
}

extension CheckReportFormat {
    init(_ format: LabCommand.MergeReports.Format) {
        switch format {
        case .text: self = .text
        case .json: self = .json
        case .junit: self = .junit
        case .tap: self = .tap
        case .markdown: self = .markdown
        }
    }
}
