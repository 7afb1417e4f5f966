import LabRuntime
import Foundation
import LabSpec

/// The two records of where a phase stands, besides its document: its `status` in `lab.yml` and
/// its row in the README's phase table. Computed as changes first, written later.
public enum PhaseRecordChanges {
    /// A surgical edit of `lab.yml`: the line before and after, and the new bytes.
    public struct LabFileChange: Sendable {
        /// `lab.yml`, checked against the lab's no-escape rule.
        public var path: ResolvedPath
        public var line: Int
        public var before: String
        public var after: String
        public var bytes: [UInt8]
    }

    public enum ReadmeChange: Sendable {
        case update(diff: String, bytes: [UInt8], path: ResolvedPath)
        case unchanged
        /// The README has no `<!-- lab:phases -->` … `<!-- /lab:phases -->` markers.
        case missingMarkers
        case missingFile
    }

    /// `status: …` of phase `id` set in `lab.yml`; nil when it already is. The edited file is
    /// read and validated again: an edit that would break it is refused, nothing written.
    public static func statusEdit(_ status: PhaseStatus, phase id: Int, project: LabProject) throws -> LabFileChange? {
        guard let document = project.loaded.document else {
            throw LabError.invalidLab(diagnostics: project.diagnostics.filter { $0.severity == .error }, sources: [project.loaded.source])
        }
        let source = project.loaded.source
        let bytes: [UInt8]
        do {
            bytes = try LabFileEditor(source: source, document: document).settingStatus(status, ofPhase: id)
        } catch {
            throw LabError.message("cannot set the status of phase \(id) in \(project.displayName): \(error.message)")
        }
        if bytes == source.bytes { return nil }
        let path = try project.labFilePath()
        let edited = LabLoader(builtinSets: BuiltinSets.scaffoldSetNames).load(SourceFile(path: project.displayName, bytes: bytes))
        guard let lab = edited.lab, lab.phase(id: id)?.status == status else {
            let reason = edited.diagnostics.first { $0.severity == .error }?.description ?? "the status did not take"
            throw LabError.message("setting the status of phase \(id) would break \(project.displayName), so it was left alone: \(reason)")
        }
        var first = 0
        while first < min(bytes.count, source.bytes.count), bytes[first] == source.bytes[first] { first += 1 }
        let line = source.mark(atByte: first).line
        let after = SourceFile(path: project.displayName, bytes: bytes)
        // An inserted line adds a line. Its first bytes may match the next line's (the indentation),
        // so the first difference can be inside it; at the end of a file it starts with a line break.
        let inserted = after.lineStarts.count > source.lineStarts.count
        var position = first
        while inserted, position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D { position += 1 }
        let newLine = after.mark(atByte: position).line
        return LabFileChange(
            path: path,
            line: inserted ? newLine : line,
            before: inserted ? "" : (source.line(line) ?? ""),
            after: after.line(newLine) ?? "",
            bytes: bytes)
    }

    /// The README with its phase table regenerated for `lab` (statuses as given there, progress
    /// from the documents, `documents` overriding what is on disk).
    public static func readme(for lab: Lab, project: LabProject, documents: [String: [UInt8]] = [:]) throws -> ReadmeChange {
        // Checked now, before anything of the run is written: the README is written last.
        let readme = try project.files.resolve(lab.paths.readme)
        let path = readme.absolute
        switch FileSystem.resolvedKind(path) {
        case .missing: return .missingFile
        case .file: break
        // A FIFO or a device: refused rather than taken for a missing README.
        default: throw FileError("read", lab.paths.readme, reason: "it is not a regular file")
        }
        let old = try FileSystem.read(path, displayPath: lab.paths.readme, limit: ReadLimits.document)
        let table = ReadmeTable.lines(rows: ReadmeTable.rows(for: lab, files: project.files, overriding: documents), readmePath: lab.paths.readme)
        guard let new = ReadmeTable.updating(old, with: table) else { return .missingMarkers }
        if new == old { return .unchanged }
        let diff = UnifiedDiff.make(old: old, new: new, oldLabel: "a/\(lab.paths.readme)", newLabel: "b/\(lab.paths.readme)")
        return .update(diff: diff, bytes: new, path: readme)
    }

    /// `lab` with phase `id` at `status`.
    static func lab(_ lab: Lab, settingPhase id: Int, to status: PhaseStatus) -> Lab {
        var changed = lab
        if let index = changed.phases.firstIndex(where: { $0.id == id }) { changed.phases[index].status = status }
        return changed
    }
}
