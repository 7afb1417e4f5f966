import ArgumentParser
import LabKit

extension LabCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "validate",
            abstract: "Report every problem in lab.yml, its templates and its phase documents.",
            discussion: """
                Problems are printed like compiler errors, each with its file, line and column, the \
                source line and a caret. --format github prints them as annotations of a GitHub \
                Actions job instead (the default there), at their line and column. Exit status 2 \
                when there is an error, 0 otherwise (warnings alone do not fail).

                Examples:
                  lab validate
                  lab validate --json | jq '.diagnostics[].message'
                  lab validate --format github
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Flag(help: "Print the diagnostics as JSON on stdout (--format json).")
        var json = false

        @Option(help: "How to print the diagnostics: text (on stderr), json or github (annotations on stdout; the default on GitHub Actions).")
        var format: ValidationPrinter.Format?

        func validate() throws {
            if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) cannot be used together.") }
        }

        func run() async throws {
            try Self.run(global.settings.merged(over: parent.global.settings), json: json, format: format)
        }

        static func run(_ settings: GlobalSettings, json: Bool, format: ValidationPrinter.Format?) throws {
            let plain = CommandContext(settings)
            let chosen = json ? .json : format ?? (GitHubActions.isLog(stdoutIsTTY: plain.terminal.stdoutIsTTY) ? .github : .text)
            let context = plain.annotatingInvalidLab(chosen == .github)
            try context.run {
                let report = try ValidateWorkflow.run(context.location)
                ValidationPrinter(terminal: context.terminal).print(report, format: chosen)
                return report.errorCount > 0 ? ExitStatus.invalid : ExitStatus.success
            }
        }
    }
}
