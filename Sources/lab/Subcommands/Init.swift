import ArgumentParser
import Foundation
import LabKit

extension LabCommand {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "init",
            abstract: "Create a new lab: the four-phase course, phase 1 started.",
            discussion: """
                Writes lab.yml, README.md with the phase table, its banner and badges, \
                docs/phases/phase-01.md, the folders docs/system-design, docs/decisions, docs/notes, \
                cloud, devops and mlops, .gitignore, .gitattributes, the journal \
                (.lab/journal.jsonl) and the pictures in assets/. Never overwrites a file: when one is in the way it lists them and writes \
                nothing (exit status 1).

                Examples:
                  lab init my-lab
                  lab init --name "Platform Lab"
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The folder of the new lab (default: the working folder).", completion: .directory)
        var directory: String?

        @Option(help: "The lab's name.")
        var name: String?

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--name needs a name.")
            }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let result = try InitWorkflow.run(.init(directory: directory, workingDirectory: context.workingDirectory, name: name))
                let terminal = context.terminal
                switch result {
                case .inTheWay(let paths):
                    terminal.error("these files already exist, so nothing was written:")
                    for path in paths { terminal.err("  \(path)") }
                    return ExitStatus.failure
                case .created(let plan):
                    if !terminal.quiet {
                        for file in plan.files { terminal.out("created \(file.path)") }
                    }
                    terminal.out(terminal.style("\(plan.name) is ready", .bold, .green) + " in \(directory ?? ".")")
                    terminal.out("next: " + (directory.map { "cd \($0) && " } ?? "") + "lab status")
                    return ExitStatus.success
                }
            }
        }
    }
}
