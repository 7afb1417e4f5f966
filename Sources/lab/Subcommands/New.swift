import ArgumentParser
import Foundation
import LabKit

extension LabCommand {
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a new decision record or learning note from its template.",
            discussion: """
                Examples:
                  lab new adr "Use PostgreSQL"        docs/decisions/0001-use-postgresql.md
                  lab new adr "Move to SQLite" --supersedes 1
                  lab new note "DNS resolution"       docs/notes/dns-resolution.md
                  lab new note dns                    docs/notes/dns.md, with the sections
                                                      of the note step that checks it
                """,
            subcommands: [ADR.self, Note.self]
        )
    }
}

extension LabCommand.New {
    struct ADR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adr",
            abstract: "Write a numbered decision record (MADR) in docs/decisions/.",
            discussion: """
                The record is docs/decisions/NNNN-title-slug.md, NNNN the next free number, with \
                the sections of a MADR record to fill in: context and problem, decision drivers, \
                considered options, decision outcome and consequences; its status is 'accepted' \
                and its date today's. With --supersedes N, record N's status becomes 'superseded \
                by' the new one; nothing else in it changes.

                The template is built in; a lab may use its own, a Mustache file named in lab.yml \
                (templates: { adr: docs/templates/adr.md }), which sees title, number, date, \
                status, slug, lab and, when superseding, supersedes.number and supersedes.file.

                Examples:
                  lab new adr "Use PostgreSQL for state"
                  lab new adr "Move state to SQLite" --supersedes 1
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The decision's title, in quotes.")
        var title: String

        @Option(help: ArgumentHelp("Mark decision record N superseded by this one.", valueName: "N"))
        var supersedes: Int?

        func validate() throws {
            if let supersedes, supersedes < 1 { throw ValidationError("--supersedes takes the number of a decision record, such as 3.") }
        }

        func run() async throws {
            try await LabCommand.New.create(.adr, title: title, supersedes: supersedes, global: global, parent: parent.global)
        }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Write a learning note in docs/notes/.",
            discussion: """
                The note is docs/notes/topic-slug.md, with sections to fill in: what, why, how it \
                fails, how I'd notice, sources. An existing note is never overwritten.

                The template is built in; a lab may use its own, a Mustache file named in lab.yml \
                (templates: { note: docs/templates/note.md }), which sees title, date, slug and lab.

                Example:
                  lab new note "DNS resolution"
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "The note's topic, in quotes.")
        var topic: String

        func run() async throws {
            try await LabCommand.New.create(.note, title: topic, supersedes: nil, global: global, parent: parent.global)
        }
    }

    static func create(_ kind: NoteKind, title: String, supersedes: Int?, global: GlobalOptions, parent: GlobalOptions) async throws {
        let context = CommandContext(global, parent)
        try context.run {
            let request = NewWorkflow.Request(
                location: context.location, kind: kind, title: title, supersedes: supersedes, now: try context.now(), calendar: .current)
            let result = try NewWorkflow.run(request)
            NewPrinter(terminal: context.terminal).print(result)
            return ExitStatus.success
        }
    }
}
