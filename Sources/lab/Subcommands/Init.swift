import ArgumentParser
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
                cloud, devops and mlops, .gitignore, .gitattributes, the journal (.lab/journal.jsonl) \
                and the pictures in assets/. Never overwrites a file: a README.md already there gets \
                the phase table (between its <!-- lab:phases --> markers, or in a "Phases" section \
                added at its end), a .gitignore and a .gitattributes the lines they lack; any other \
                file in the way is listed and nothing is written (exit status 1). Inside another lab \
                it refuses too, unless --force.

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

        @Flag(help: "Create the lab even inside another lab (it still never overwrites a file).")
        var force = false

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--name needs a name.")
            }
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try context.run {
                let request = InitWorkflow.Request(
                    directory: directory, workingDirectory: context.workingDirectory, name: name, insideAnotherLab: force)
                return InitPrinter(terminal: context.terminal).print(try InitWorkflow.run(request), directory: directory)
            }
        }
    }
}
