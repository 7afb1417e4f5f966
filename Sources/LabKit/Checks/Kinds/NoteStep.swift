import Foundation
import LabRuntime
import LabSpec

/// Checks a `note` step: the note's required sections, the prose words in each, its links to
/// sources, its code blocks and the placeholders left in it. Every problem is named, so that one
/// run shows all that is missing (`docs/notes/dns.md: section "How a resolver caches" has 12
/// words (needs 40)`).
enum NoteStep {
    static func evaluate(_ check: NoteCheck, step: Step, root: String, templateLines: Set<String>) -> StepResult {
        var report = StepResult(kind: .note, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        let problems = self.problems(check, root: root, templateLines: templateLines)
        report.passed = problems.isEmpty
        report.message = problems.isEmpty ? nil : problems.joined(separator: "; ")
        if !check.path.hasPrefix("/"), FileSystem.resolvedKind(root + "/" + check.path) == .file {
            report.location = FilePosition(path: check.path)
        }
        return report
    }

    static func problems(_ check: NoteCheck, root: String, templateLines: Set<String>) -> [String] {
        let path = check.path
        let full = path.hasPrefix("/") ? path : root + "/" + path
        switch FileSystem.resolvedKind(full) {
        case .missing: return ["file '\(path)' does not exist" + (writer(of: path).map { " (\($0) writes it, with the sections this step asks for)" } ?? "")]
        case .directory: return ["'\(path)' is a folder, not a file"]
        case .file: break
        default: return ["'\(path)' is not a regular file"]
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(full, displayPath: path, limit: ReadLimits.note)
        } catch {
            return [error.description]
        }
        return problems(check, note: MarkdownNote(bytes: bytes), path: path, templateLines: templateLines)
    }

    static func problems(_ check: NoteCheck, note: MarkdownNote, path: String, templateLines: Set<String>) -> [String] {
        var problems: [String] = []
        for name in check.sections {
            guard let section = note.section(named: name) else {
                problems.append("\(path): no section \"\(name)\" (a heading such as '## \(name)')")
                continue
            }
            if let minimum = check.minWords, section.words < minimum {
                problems.append("\(path): section \"\(name)\" has \(words(section.words)) (needs \(minimum))")
            }
        }
        if check.sections.isEmpty, let minimum = check.minWords, note.words < minimum {
            problems.append("\(path): the note has \(words(note.words)) (needs \(minimum))")
        }
        if let minimum = check.links {
            let count = note.links.count
            if count < minimum {
                problems.append("\(path): \(count == 0 ? "no" : String(count)) link\(count == 1 ? "" : "s") to a source (needs \(minimum))")
            }
        }
        let infos = note.codeInfos.map { $0.lowercased() }
        for info in check.code where !infos.contains(info.lowercased()) {
            problems.append("\(path): no fenced code block marked '\(info)' (open one with ```\(info))")
        }
        if check.noPlaceholders {
            for placeholder in note.placeholders(templateLines: templateLines) {
                problems.append("\(path):\(placeholder.line): placeholder left: \"\(placeholder.text)\"")
            }
        }
        return problems
    }

    /// `lab new note dns` for `docs/notes/dns.md`: the command that writes the note at `path`
    /// from its title, when one can (a note of the notes folder whose name is its title's slug).
    static func writer(of path: String) -> String? {
        let folder = NoteKind.note.folder + "/"
        guard path.hasPrefix(folder), path.hasSuffix(".md") else { return nil }
        let stem = String(path.dropFirst(folder.count).dropLast(3))
        guard !stem.contains("/"), Slug.make(stem) == stem else { return nil }
        return "lab new note \(stem)"
    }

    private static func words(_ count: Int) -> String {
        count == 1 ? "1 word" : "\(count) words"
    }
}
