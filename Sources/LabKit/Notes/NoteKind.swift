import Foundation
import LabRuntime
import LabSpec

/// What `lab new` writes: a numbered decision record (MADR) or a learning note, each from a
/// template — the lab's own when `lab.yml` names one in `templates:`, else the built-in one.
public enum NoteKind: String, Sendable, CaseIterable {
    case adr, note

    /// The folder it goes in, relative to the lab root.
    public var folder: String {
        switch self {
        case .adr: DecisionRecords.folder
        case .note: "docs/notes"
        }
    }

    /// The template `lab.yml` names for it, if any.
    func labTemplate(in lab: Lab) -> String? {
        switch self {
        case .adr: lab.templates.adr
        case .note: lab.templates.note
        }
    }

    /// The template and the name messages give it: the lab's own, read through the lab's
    /// no-escape rule, else the built-in one.
    func template(in lab: Lab, files: ContainedRoot) throws(LabError) -> (TemplateFile, name: String) {
        if let own = labTemplate(in: lab) {
            do {
                let path = try files.resolve(own, for: ContainedRoot.copyFrom)
                switch FileSystem.resolvedKind(path.absolute) {
                case .file: break
                case .missing:
                    throw FileError("read", own, reason: "no such file (lab.yml names it in 'templates.\(rawValue)')")
                default:
                    throw FileError("read", own, reason: "it is not a regular file")
                }
                let bytes = try FileSystem.read(path.absolute, displayPath: own, limit: ReadLimits.template)
                return (TemplateFile(path: own, bytes: bytes, executable: false), own)
            } catch {
                throw LabError(error)
            }
        }
        let name = "\(rawValue).md.mustache"
        guard let file = BuiltinSets.templateFiles(of: rawValue)?.first(where: { $0.path == name }) else {
            throw .message("the built-in \(rawValue) template is missing from this build of lab")
        }
        return (file, "builtin:\(rawValue)/\(name)")
    }
}
