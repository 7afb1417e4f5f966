import LabRuntime
import LabSpec

/// The text of the note template (`lab new note`) that a finished note no longer holds: what
/// `no_placeholders` refuses.
public enum NoteTemplate {
    /// The template's prose lines, as `MarkdownNote.comparable` text: the lab's own template when
    /// `lab.yml` names one and it can be read, and the built-in one in every case.
    public static func lines(lab: Lab, files: ContainedRoot) -> Set<String> {
        var lines: Set<String> = []
        if let builtin = BuiltinSets.templateFiles(of: "note")?.first(where: { $0.path == "note.md.mustache" }) {
            lines.formUnion(MarkdownNote.templateLines(builtin.bytes))
        }
        if lab.templates.note != nil, let (own, _) = try? NoteKind.note.template(in: lab, files: files) {
            lines.formUnion(MarkdownNote.templateLines(own.bytes))
        }
        return lines
    }
}
