import Foundation
import LabRuntime
import LabSpec

/// The README's phase table, kept between `<!-- lab:phases -->` and `<!-- /lab:phases -->`:
/// Phase (linked to its document), Theme, Status (`In progress 3/8`, `Pending`, `Done`).
public enum ReadmeTable {
    public static let startMarker = "<!-- lab:phases -->"
    public static let endMarker = "<!-- /lab:phases -->"

    /// One row's facts.
    public struct Row: Sendable {
        public var phase: Phase
        public var done: Int
        public var total: Int
        public var documentExists: Bool
    }

    /// The table's lines (without line endings). Links are relative to the README's folder.
    public static func lines(rows: [Row], readmePath: String) -> [String] {
        var lines = ["| Phase | Theme | Status |", "|---|---|---|"]
        let depth = readmePath.split(separator: "/").count - 1
        let up = String(repeating: "../", count: max(0, depth))
        for row in rows {
            let phase = row.phase
            var name = "Phase \(phase.id)"
            if let weeks = phase.weeks, !weeks.isEmpty {
                name += " — " + (weeks.first?.isNumber == true ? "Weeks \(weeks)" : weeks)
            }
            let cell = row.documentExists ? "[\(escape(name))](\(up)\(phase.doc))" : escape(name)
            let status: String
            switch phase.status {
            case .pending: status = "Pending"
            case .inProgress: status = "In progress \(row.done)/\(row.total)"
            case .done: status = "Done"
            }
            lines.append("| \(cell) | \(escape(phase.title)) | \(status) |")
        }
        return lines
    }

    /// Markdown table cells cannot hold `|` or line breaks.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The README with the table between the markers replaced; nil when the markers are missing.
    public static func updating(_ readme: [UInt8], with table: [String]) -> [UInt8]? {
        let source = SourceFile(path: "README.md", bytes: readme)
        var startLine: Int?
        var endLine: Int?
        for number in 1...source.lineStarts.count {
            guard let line = source.line(number)?.trimmingCharacters(in: .whitespaces) else { continue }
            if startLine == nil, line == startMarker {
                startLine = number
            } else if startLine != nil, line == endMarker {
                endLine = number
                break
            }
        }
        guard let startLine, let endLine else { return nil }
        let newline = lineEnding(of: readme)
        let from = source.lineStarts[startLine]
        let to = source.lineStarts[endLine - 1]
        var body: [UInt8] = []
        for line in table { body += Array(line.utf8) + newline }
        return Array(readme[..<from]) + body + Array(readme[to...])
    }

    static func lineEnding(of bytes: [UInt8]) -> [UInt8] {
        guard let index = bytes.firstIndex(of: 0x0A) else { return [0x0A] }
        return index > 0 && bytes[index - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
    }

    /// The rows of a lab, counting each phase document's task items.
    public static func rows(for lab: Lab, files: ContainedRoot, overriding documents: [String: [UInt8]] = [:]) -> [Row] {
        let store = ChecklistStore(files: files)
        return lab.phases.map { phase in
            let document: ChecklistDocument?
            if let bytes = documents[phase.doc] {
                document = ChecklistDocument(bytes: bytes)
            } else {
                document = try? store.load(phase.doc)
            }
            return Row(
                phase: phase, done: document?.items.count { $0.isChecked } ?? 0,
                total: document?.items.count ?? 0, documentExists: document != nil)
        }
    }
}
