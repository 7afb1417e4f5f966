import Foundation
import LabRuntime
import LabSpec

/// `lab new adr TITLE` / `lab new note TOPIC`: a decision record numbered with the next free
/// number, or a note, rendered from its template and written under the lab lock; with
/// `supersedes`, the older record's status line is changed and nothing else in it.
public enum NewWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var kind: NoteKind
        public var title: String
        /// The number of the decision record the new one replaces.
        public var supersedes: Int?
        /// The day written into the record (in `calendar`'s time zone).
        public var now: Date
        public var calendar: Calendar

        public init(location: LabLocation, kind: NoteKind, title: String, supersedes: Int? = nil, now: Date, calendar: Calendar) {
            self.location = location
            self.kind = kind
            self.title = title
            self.supersedes = supersedes
            self.now = now
            self.calendar = calendar
        }
    }

    public struct Result: Sendable {
        /// The file written, relative to the lab root.
        public var created: String
        /// The decision record's number.
        public var number: Int?
        /// The record marked superseded, relative to the lab root.
        public var superseded: String?
        /// Variables the template uses and the context lacks.
        public var warnings: [Diagnostic]
        public var sources: [SourceFile]
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if let bad = title.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            throw .message("the title holds a control character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)): write it on one line, as plain text")
        }
        guard let slug = Slug.make(title) else {
            let shown = title.isEmpty ? "an empty title" : "the title '\(title)'"
            throw .message("\(shown) has no Latin letter or digit to name the file after (file names keep a–z and 0–9, accents dropped): give a title with some, such as '\(request.kind == .adr ? "Use PostgreSQL for state" : "DNS resolution")'")
        }
        if request.kind == .note && request.supersedes != nil {
            throw .message("only a decision record can supersede another (lab new adr --supersedes N)")
        }
        let (project, lab) = try request.location.openLab()
        let (template, templateName) = try request.kind.template(in: lab, files: project.files)
        let folder: ResolvedPath
        do {
            folder = try project.files.resolve(request.kind.folder)
        } catch {
            throw .file(error)
        }
        // Held to the end: the next free number is taken under it.
        let lock = try project.lock()
        defer { withExtendedLifetime(lock) {} }
        let names = FileSystem.list(folder.absolute) ?? []
        var number: Int?
        var fileName = "\(slug).md"
        var superseded: (path: ResolvedPath, bytes: [UInt8])?
        var context: [(name: String, value: TemplateValue)] = [
            ("lab", .string(lab.name)), ("title", .string(title)), ("slug", .string(slug)),
            ("date", .string(day(request.now, calendar: request.calendar))),
        ]
        if request.kind == .adr {
            let next = DecisionRecords.nextNumber(after: names)
            number = next
            fileName = DecisionRecords.fileName(number: next, slug: slug)
            context += [("number", .string(DecisionRecords.padded(next))), ("status", .string("accepted"))]
            if let old = request.supersedes {
                let candidates = DecisionRecords.fileNames(of: old, in: names)
                guard let oldName = candidates.first else {
                    throw .message("no decision record \(DecisionRecords.padded(old)) in \(request.kind.folder)/ to supersede")
                }
                if candidates.count > 1 {
                    let listed = candidates.map { "\(request.kind.folder)/\($0)" }.joined(separator: ", ")
                    throw .message("\(candidates.count) decision records are numbered \(DecisionRecords.padded(old)): \(listed); renumber all but one, then supersede it")
                }
                let display = request.kind.folder + "/" + oldName
                do {
                    let path = try project.files.resolve(display)
                    guard FileSystem.resolvedKind(path.absolute) == .file else {
                        throw FileError("read", display, reason: "it is not a regular file")
                    }
                    let bytes = try FileSystem.read(path.absolute, displayPath: display, limit: ReadLimits.document)
                    if let current = DecisionRecords.status(in: bytes), current.lowercased().hasPrefix("superseded") {
                        throw LabError.message("\(display) is already \(current): supersede the record that replaced it instead")
                    }
                    guard let edited = DecisionRecords.settingStatus("superseded by [ADR \(DecisionRecords.padded(next))](\(fileName))", in: bytes) else {
                        throw LabError.message("\(display) has no status to mark superseded (a 'status:' line in its front matter, a 'Status:' line, or a '## Status' section)")
                    }
                    superseded = (path, edited)
                } catch let error as LabError {
                    throw error
                } catch {
                    throw LabError(error)
                }
                context.append(("supersedes", .map([("number", .string(DecisionRecords.padded(old))), ("file", .string(oldName))])))
            } else {
                // Present either way, so that a template's {{#supersedes}} section is skipped quietly.
                context.append(("supersedes", .bool(false)))
            }
        }
        let relative = request.kind.folder + "/" + fileName
        if request.kind == .note {
            // A note an exercise's note step checks starts with the sections that step asks for.
            let check = lab.exercises.lazy.flatMap(\.verify).compactMap { step -> NoteCheck? in
                if case .note(let check) = step.action, check.path == relative { return check }
                return nil
            }.first
            var sections = check?.sections ?? []
            if let check, check.links != nil, !sections.contains(where: { $0.lowercased() == "sources" }) { sections.append("Sources") }
            context.append(("sections", .list(sections.map { .map([("name", .string($0))]) })))
        }
        let rendered: RenderedText
        do {
            rendered = try TemplateRenderer.render(template, name: templateName, context: TemplateContext(context))
        } catch {
            throw .invalidLab(diagnostics: error.diagnostics, sources: error.sources)
        }
        do {
            let target = try project.files.resolve(relative)
            if FileSystem.kind(target.absolute) != .missing {
                throw LabError.message("\(relative) already exists: edit it, or choose another \(request.kind == .adr ? "title" : "topic")")
            }
            try FileSystem.createDirectory(folder)
            try AtomicFile.write(rendered.bytes, to: target, removingLeftovers: true)
            if let superseded {
                try AtomicFile.write(superseded.bytes, to: superseded.path, removingLeftovers: true)
            }
        } catch let error as LabError {
            throw error
        } catch {
            throw LabError(error)
        }
        return Result(
            created: relative, number: number, superseded: superseded?.path.display, warnings: rendered.warnings, sources: rendered.sources)
    }

    /// `2026-12-05`: the day of `date` in `calendar`'s time zone.
    static func day(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
