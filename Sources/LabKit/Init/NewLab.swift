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
        public var name: String
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
        let inTheWay = files.map(\.path).filter { FileSystem.exists(root.appending(path: $0).path) }
        return Plan(root: root, files: files, inTheWay: inTheWay, name: lab.name)
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
        var folders: Set<String> = [files.realPath]
        for target in targets {
            var folder = (target.absolute as NSString).deletingLastPathComponent
            while folder.count > files.realPath.count, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let newFolders = folders.filter { !FileSystem.exists($0) }
        var written: [String] = []
        do {
            try FileSystem.createDirectory(plan.root.path)
            for (file, target) in zip(plan.files, targets) {
                try FileSystem.createDirectory(target.parent)
                try AtomicFile.write(file.bytes, to: target)
                written.append(target.absolute)
            }
        } catch {
            for path in written.reversed() { unlink(path) }
            // Deepest first; a folder that is not empty (someone else's file) stays.
            for folder in newFolders.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
            throw error
        }
    }
}
