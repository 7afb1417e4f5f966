import LabRuntime
import Foundation
import LabSpec

/// The phase document: rendered from the phase-document template when it does not exist, and
/// completed — items appended for exercises that have none — when it does.
public enum PhaseDocument {
    /// A lab's own template overrides the built-in one.
    public static let overridePath = "templates/phase.md.mustache"

    /// The template: the lab's own when present, else the built-in.
    public static func template(root: URL) throws -> (TemplateFile, name: String) {
        let own = try ContainedRoot(root.path).resolve(overridePath, for: ContainedRoot.copyFrom).absolute
        switch FileSystem.resolvedKind(own) {
        case .file:
            let bytes = try FileSystem.read(own, displayPath: overridePath, limit: ReadLimits.template)
            return (TemplateFile(path: "phase.md.mustache", bytes: bytes, executable: false), overridePath)
        case .missing:
            break
        default:
            throw FileError("read", overridePath, reason: "it is not a regular file")
        }
        guard let file = BuiltinSets.templateFiles(of: "phase")?.first(where: { $0.path == "phase.md.mustache" }) else {
            throw LabError.message("the built-in phase-document template is missing from this build of lab")
        }
        return (file, "builtin:phase/phase.md.mustache")
    }

    /// The context of the phase-document template.
    public static func context(for phase: Phase, in lab: Lab) -> TemplateContext {
        TemplateContext([
            ("lab", .string(lab.name)),
            ("phase", .map([
                ("id", .int(phase.id)),
                ("id2", .string(phase.id < 10 ? "0\(phase.id)" : "\(phase.id)")),
                ("title", .string(phase.title)),
                ("weeks", phase.weeks.map(TemplateValue.string) ?? .null),
                ("status", .string(phase.status.rawValue)),
                ("objectives", .list(phase.objectives.map(TemplateValue.string))),
                ("scope", .list(phase.scope.map(TemplateValue.string))),
                ("exercises", .list(phase.exercises.map { exercise in
                    .map([
                        ("id", .string(exercise.id)),
                        ("title", .string(exercise.title)),
                        ("hint", exercise.hint.map(TemplateValue.string) ?? .null),
                        ("manual", .bool(exercise.isManual)),
                        ("quiz", .bool(exercise.verify.contains { $0.kind == .quiz })),
                    ])
                })),
            ])),
        ])
    }

    /// A new document for the phase.
    public static func render(_ phase: Phase, in lab: Lab, root: URL) throws -> RenderedText {
        let (template, name) = try template(root: root)
        return try TemplateRenderer.render(template, name: name, context: context(for: phase, in: lab))
    }

    /// The item line `lab` writes for an exercise.
    public static func itemLine(_ exercise: Exercise, bullet: String = "-") -> String {
        "\(bullet) [ ] \(exercise.title) <!-- lab:\(exercise.id) -->"
    }

    /// What completing an existing document means: the lines to add and where.
    public struct Completion: Sendable {
        public var missing: [Exercise]
        public var lines: [String]
        /// The byte offset the lines go in at, and the line just before it (for messages).
        public var offset: Int
        public var afterLine: Int
        public var bytes: [UInt8]
    }

    /// The document with an item appended for every exercise that has none, at the end of its
    /// "Progress checklist" section (or of the document); nil when nothing is missing. Only
    /// insertion: every existing byte stays.
    public static func completing(_ bytes: [UInt8], for phase: Phase) -> Completion? {
        let document = ChecklistDocument(bytes: bytes)
        let missing = phase.exercises.filter { document.item(forExercise: $0.id, title: $0.title) == nil }
        guard !missing.isEmpty else { return nil }
        let newline = ReadmeTable.lineEnding(of: bytes)
        let source = SourceFile(path: phase.doc, bytes: bytes)

        // The section: from the checklist heading to the next heading of the same or a higher level.
        var sectionStart = 0
        var sectionEnd = bytes.count
        if let heading = document.headings.first(where: { $0.text.lowercased().contains("checklist") }) {
            sectionStart = heading.lineStart
            if let next = document.headings.first(where: { $0.lineStart > heading.lineStart && $0.level <= heading.level }) {
                sectionEnd = next.lineStart
            }
        }
        // After the last line of the section that is not blank.
        var offset = sectionEnd
        while offset > sectionStart {
            let lineNumber = source.mark(atByte: offset - 1).line
            let line = source.line(lineNumber) ?? ""
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            offset = source.lineStarts[lineNumber - 1]
        }
        var bullet = "-"
        if let last = document.items.last(where: { $0.lineStart >= sectionStart && $0.lineStart < sectionEnd }),
            last.markerOffset < bytes.count, [UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[last.markerOffset])
        {
            bullet = String(UnicodeScalar(bytes[last.markerOffset]))
        }
        let lines = missing.map { itemLine($0, bullet: bullet) }
        var insertion: [UInt8] = []
        let needsBreak = offset > 0 && bytes[offset - 1] != 0x0A && bytes[offset - 1] != 0x0D
        if needsBreak { insertion += newline }
        // A new section's list needs a blank line before it when there were no items yet.
        let hasItems = document.items.contains { $0.lineStart >= sectionStart && $0.lineStart < sectionEnd }
        if !hasItems && offset > 0 { insertion += newline }
        for line in lines { insertion += Array(line.utf8) + newline }
        if needsBreak, offset == bytes.count {
            // Keep the missing final newline missing.
            insertion.removeLast(newline.count)
        }
        let afterLine = offset == 0 ? 0 : source.mark(atByte: offset - 1).line
        return Completion(
            missing: missing, lines: lines, offset: offset, afterLine: afterLine,
            bytes: Array(bytes[..<offset]) + insertion + Array(bytes[offset...]))
    }
}
