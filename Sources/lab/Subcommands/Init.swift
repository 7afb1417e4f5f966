import ArgumentParser
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "init",
            abstract: "Create a new lab: the four-phase course, phase 1 started.",
            discussion: """
                Writes lab.yml, README.md with the phase table, docs/phases/phase-01.md, the folders \
                docs/system-design, docs/decisions, docs/notes, cloud, devops and mlops, and \
                .gitignore. Never overwrites a file: when one is in the way it lists them and writes \
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
                let base = context.workingDirectory
                let root = directory.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : base.appending(path: $0) } ?? base
                if FileSystem.kind(root.path) != .missing && FileSystem.resolvedKind(root.path) != .directory {
                    throw LabError.message("'\(directory ?? root.path)' exists and is not a folder")
                }
                let plan = try LabInitializer.plan(root: root, name: name)
                let terminal = context.terminal
                guard plan.inTheWay.isEmpty else {
                    terminal.error("these files already exist, so nothing was written:")
                    for path in plan.inTheWay { terminal.err("  \(path)") }
                    throw ExitCode(1)
                }
                try LabInitializer.apply(plan)
                if !terminal.quiet {
                    for file in plan.files { terminal.out("created \(file.path)") }
                }
                let shown = directory ?? "."
                terminal.out(terminal.style("\(plan.name) is ready", .bold, .green) + " in \(shown)")
                terminal.out("next: " + (directory.map { "cd \($0) && " } ?? "") + "lab status")
            }
        }
    }
}
