import LabRuntime
import Foundation
import LabSpec

/// A new lab (`lab init`) from the embedded default — this repository's own four-phase course,
/// phase 1 started — with its README, first phase document, folders, `.gitignore` and
/// `.gitattributes`, its journal (phase 1 started) and the pictures its README shows. It never
/// overwrites: when any file is in the way, nothing is written.
public enum NewLab {
    public struct Plan: Sendable {
        public var root: URL
        /// Every file to write, relative to `root`, in order.
        public var files: [(path: String, bytes: [UInt8])]
        /// Files (or folders) already where a file would go.
        public var inTheWay: [String]
        /// Files already there that the new lab adds to instead of writing: a README gets the phase
        /// table, a `.gitignore` and a `.gitattributes` the lines they lack.
        public var additions: [Addition]
        public var name: String
    }

    /// What the new lab adds to a file that is already there (every new GitHub repository has a
    /// README, many a `.gitignore`); the rest of the file stays as it was.
    public struct Addition: Sendable {
        public enum Kind: Sendable, Equatable {
            /// The README's phase table, between its markers (added at the end when it had none).
            case phaseTable(markersAdded: Bool)
            /// Lines of `.gitignore` it lacked.
            case ignoredPaths(Int)
            /// Lines of `.gitattributes` it lacked.
            case attributes(Int)
        }

        public var path: String
        public var kind: Kind
        public var bytes: [UInt8]
        /// What the file held before, to put back if the new lab cannot be written whole.
        public var original: [UInt8]
    }

    public static func plan(root: URL, name: String?) throws -> Plan {
        guard let set = BuiltinSets.templateFiles(of: "init"), let labFile = set.first(where: { $0.path == "lab.yml" }) else {
            throw LabError.message("the default lab is missing from this build of lab")
        }
        // lab.yml: the course, renamed, with phase 1 in progress and every other phase pending.
        var source = SourceFile(path: "lab.yml", bytes: labFile.bytes)
        let loader = LabLoader(builtinSets: BuiltinSets.scaffoldSetNames)
        var loaded = loader.load(source)
        guard var lab = loaded.lab, var document = loaded.document else {
            throw LabError.message("the default lab of this build does not validate: \(loaded.diagnostics.first?.description ?? "")")
        }
        func edit(_ change: (LabFileEditor) throws(LabEditError) -> [UInt8]) throws {
            do {
                source = SourceFile(path: "lab.yml", bytes: try change(LabFileEditor(source: source, document: document)))
            } catch {
                throw LabError.message("cannot prepare the default lab: \(error)")
            }
            loaded = loader.load(source)
            guard let reloaded = loaded.lab, let tree = loaded.document else {
                throw LabError.message("cannot prepare the default lab: \(loaded.diagnostics.first?.description ?? "")")
            }
            lab = reloaded
            document = tree
        }
        if let name, name != lab.name { try edit { editor throws(LabEditError) in try editor.settingName(name) } }
        for (index, phase) in lab.phases.enumerated() {
            let status: PhaseStatus = index == 0 ? .inProgress : .pending
            if phase.status != status {
                try edit { editor throws(LabEditError) in try editor.settingStatus(status, ofPhase: phase.id) }
            }
        }

        var files: [(path: String, bytes: [UInt8])] = [("lab.yml", source.bytes)]
        var documents: [String: [UInt8]] = [:]
        if let first = lab.phases.first {
            let rendered = try TemplateRenderer.render(
                try PhaseDocument.template(root: root).0, name: "builtin:phase/phase.md.mustache",
                context: PhaseDocument.context(for: first, in: lab))
            files.append((first.doc, rendered.bytes))
            documents[first.doc] = rendered.bytes
        }
        // The journal starts with the start of phase 1; the pictures the README shows are drawn.
        let now = Date()
        var journal = Journal(exists: true)
        if let first = lab.phases.first {
            journal.events = [JournalEvent(.phaseStarted, at: now, phase: first.id)]
            files.append((JournalStore.path, journal.events.flatMap(\.line)))
        }
        let facts = PictureFacts.make(lab: lab, files: ContainedRoot(root.path), journal: journal, now: now, documents: documents)
        for picture in PictureSet.draw(facts) { files.append((picture.path, Array(picture.svg.utf8))) }
        let context = TemplateContext([("lab", .string(lab.name))])
        for file in set where file.path != "lab.yml" {
            if file.path.hasSuffix(".mustache") {
                let path = String(file.path.dropLast(".mustache".count))
                var bytes = try TemplateRenderer.render(file, name: "builtin:init/\(file.path)", context: context).bytes
                if path == lab.paths.readme {
                    let table = ReadmeTable.lines(rows: ReadmeTable.rows(for: lab, files: ContainedRoot(root.path), overriding: documents), readmePath: path)
                    bytes = ReadmeTable.updating(bytes, with: table) ?? bytes
                }
                files.append((path, bytes))
            } else {
                files.append((file.path, file.bytes))
            }
        }
        var additions: [Addition] = []
        let addedTo = [lab.paths.readme, ".gitignore", ".gitattributes"]
        for (index, file) in files.enumerated().reversed() where addedTo.contains(file.path) {
            let path = root.appending(path: file.path).path
            guard FileSystem.kind(path) == .file, let existing = try? FileSystem.read(path, displayPath: file.path) else { continue }
            let addition: Addition?
            switch file.path {
            case ".gitignore":
                addition = missingLines(file.bytes, in: existing, path: file.path, heading: "# lab: local state, and what a killed lab command leaves") {
                    .ignoredPaths($0)
                }
            case ".gitattributes":
                addition = missingLines(file.bytes, in: existing, path: file.path, heading: "# lab: the journal merges line by line across branches; merge bases keep their line endings") {
                    .attributes($0)
                }
            default:
                addition = phaseTable(from: file.bytes, into: existing, path: file.path)
            }
            files.remove(at: index)
            if let addition { additions.insert(addition, at: 0) }
        }
        let inTheWay = files.map(\.path).filter { FileSystem.exists(root.appending(path: $0).path) }
        return Plan(root: root, files: files, inTheWay: inTheWay, additions: additions, name: lab.name)
    }

    /// The existing README with the new lab's phase table: between its markers when it has them,
    /// else in a "Phases" section added at its end.
    private static func phaseTable(from rendered: [UInt8], into readme: [UInt8], path: String) -> Addition? {
        guard let table = tableLines(in: rendered) else { return nil }
        if let updated = ReadmeTable.updating(readme, with: table) {
            return updated == readme ? nil : Addition(path: path, kind: .phaseTable(markersAdded: false), bytes: updated, original: readme)
        }
        let newline = ReadmeTable.lineEnding(of: readme)
        var bytes = readme
        if !bytes.isEmpty && bytes.last != 0x0A { bytes += newline }
        if !bytes.isEmpty { bytes += newline }
        for line in ["## Phases", "", ReadmeTable.startMarker] + table + [ReadmeTable.endMarker] {
            bytes += Array(line.utf8) + newline
        }
        return Addition(path: path, kind: .phaseTable(markersAdded: true), bytes: bytes, original: readme)
    }

    /// The table lines between the markers of the README the new lab would have written.
    private static func tableLines(in rendered: [UInt8]) -> [String]? {
        let lines = String(decoding: rendered, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: ReadmeTable.startMarker), let end = lines.firstIndex(of: ReadmeTable.endMarker), start < end
        else { return nil }
        return Array(lines[(start + 1)..<end])
    }

    /// The existing `.gitignore` (or `.gitattributes`) with the lines of the new lab's that it
    /// lacks, under `heading`, at its end.
    private static func missingLines(
        _ wanted: [UInt8], in existing: [UInt8], path: String, heading: String, kind: (Int) -> Addition.Kind
    ) -> Addition? {
        let present = Set(String(decoding: existing, as: UTF8.self).split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        })
        let missing = String(decoding: wanted, as: UTF8.self).split(separator: "\n").map(String.init).filter {
            !$0.hasPrefix("#") && !$0.isEmpty && !present.contains($0)
        }
        guard !missing.isEmpty else { return nil }
        let newline = ReadmeTable.lineEnding(of: existing)
        var bytes = existing
        if !bytes.isEmpty && bytes.last != 0x0A { bytes += newline }
        for line in ["", heading] + missing {
            bytes += Array(line.utf8) + newline
        }
        return Addition(path: path, kind: kind(missing.count), bytes: bytes, original: existing)
    }

    /// Writes every file of the plan; refuses (writing nothing) when anything is in the way. When
    /// a write fails (a full disk, a folder it may not write), what it wrote is removed again, so
    /// that `lab init` can simply be run again.
    public static func write(_ plan: Plan) throws {
        guard plan.inTheWay.isEmpty else {
            throw LabError.message("these files already exist, so nothing was written: " + plan.inTheWay.joined(separator: ", "))
        }
        // Every path checked before the first write: a folder already there may be a link out.
        let files = ContainedRoot(plan.root.path)
        let targets = try plan.files.map { file throws(FileError) in try files.resolve(file.path) }
        let additionTargets = try plan.additions.map { addition throws(FileError) in try files.resolve(addition.path) }
        var folders: Set<String> = [files.realPath]
        for target in targets {
            var folder = (target.absolute as NSString).deletingLastPathComponent
            while folder.count > files.realPath.count, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let newFolders = folders.filter { !FileSystem.exists($0) }
        var written: [String] = []
        var added: [(Addition, ResolvedPath)] = []
        do {
            try FileSystem.createDirectory(plan.root.path)
            for (file, target) in zip(plan.files, targets) {
                try FileSystem.createDirectory(target.parent)
                try AtomicFile.write(file.bytes, to: target)
                written.append(target.absolute)
            }
            for (addition, target) in zip(plan.additions, additionTargets) {
                try AtomicFile.write(addition.bytes, to: target)
                added.append((addition, target))
            }
        } catch {
            for path in written.reversed() { unlink(path) }
            for (addition, target) in added { try? AtomicFile.write(addition.original, to: target) }
            // Deepest first; a folder that is not empty (someone else's file) stays.
            for folder in newFolders.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
            throw error
        }
    }
}
