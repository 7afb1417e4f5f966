import LabRuntime
import Foundation
import LabSpec

/// Decides, for every file of the scaffolds asked for, what regeneration does with it (the table
/// of DESIGN.md, Scaffolds), without writing anything.
///
/// For a file the template renders (N), the content last generated there (the base B, kept in
/// `.lab/base/<scaffold>.bases`) and the file on disk (D): no D and no B → create; no D but B → stays deleted;
/// D = N → unchanged; D = B → update; N = B → keep yours; otherwise a three-way merge, clean or
/// conflicting. A file B knows but the template no longer renders is deleted when untouched and
/// kept when edited; a file on disk never generated is left alone, the render beside it.
public struct ScaffoldPlanner {
    public struct Options: Sendable {
        /// Replace edited and foreign files with the render, after a backup.
        public var force: Bool
        public var conflictStyle: ScaffoldPlan.ConflictStyle

        public init(force: Bool = false, conflictStyle: ScaffoldPlan.ConflictStyle = .inline) {
            self.force = force
            self.conflictStyle = conflictStyle
        }
    }

    /// Left in `.lab` while a run writes; found at the start of a run, it means the last one was
    /// interrupted, so the lock may lag behind the bases and is not trusted.
    public static let journalPath = ".lab/scaffold.journal"
    public static let baseFolder = ".lab/base"

    public let root: URL
    public let lab: Lab
    public let options: Options
    /// `root` as a path, for joining: cheaper than `URL.appending(path:)` on every file.
    let rootPath: String
    /// The no-escape rule every path of the plan is checked against.
    let files: ContainedRoot

    public init(root: URL, lab: Lab, options: Options = Options()) {
        self.root = root.standardizedFileURL
        rootPath = self.root.path
        files = ContainedRoot(rootPath)
        self.lab = lab
        self.options = options
    }

    /// The plan for `scaffolds` (each rendered with its context from `lab`), from the lock on disk
    /// or, when given, from `knownLock` (a lock rebuilt but not written, for a dry run).
    public func plan(_ scaffolds: [Scaffold], knownLock: ScaffoldLock? = nil) -> ScaffoldPlan {
        var lock = knownLock ?? ScaffoldLock()
        var refusals: [Diagnostic] = []
        let lockFile = root.appending(path: ScaffoldLock.path).path
        if knownLock == nil, FileSystem.exists(lockFile) {
            do {
                let path = try files.resolve(ScaffoldLock.path, for: "read").absolute
                let bytes = try FileSystem.read(path, displayPath: ScaffoldLock.path, limit: ReadLimits.lock)
                lock = try ScaffoldLock(parsing: String(decoding: bytes, as: UTF8.self))
            } catch let error as ScaffoldLock.FormatError {
                refusals.append(.error(
                    error.reason, at: Diagnostic.Location(file: ScaffoldLock.path, mark: Mark(line: error.line, column: 1, offset: 0)),
                    notes: [Diagnostic.Note(ScaffoldLock.FormatError.wayOut)]))
            } catch {
                refusals.append(.error(String(describing: error), at: nil))
            }
        }
        var plan = ScaffoldPlan(oldLock: lock, lock: lock, options: options)
        plan.refusals = refusals
        plan.repairing = FileSystem.exists(root.appending(path: Self.journalPath).path)
        var interrupted = ScaffoldJournal()
        if plan.repairing, let path = try? files.resolve(Self.journalPath, for: "read").absolute,
            let bytes = try? FileSystem.read(path, displayPath: Self.journalPath, limit: ReadLimits.lock)
        {
            interrupted = ScaffoldJournal(parsing: String(decoding: bytes, as: UTF8.self))
        }
        var guardian = ScaffoldPathGuard(root: root)
        // The lab-root paths of `_root/` files, with the scaffold that writes each: two may not.
        var rootClaims: [String: String] = [:]
        for (name, record) in lock.scaffolds where lab.scaffolds.contains(where: { $0.name == name }) {
            for path in record.files.keys where RenderedScaffold.isAtRoot(path) { rootClaims[path] = name }
        }
        for scaffold in scaffolds {
            planScaffold(scaffold, into: &plan, guardian: &guardian, rootClaims: &rootClaims, interrupted: interrupted)
        }
        plan.lockNeedsWrite = plan.lock != plan.oldLock
            || (!plan.lock.scaffolds.isEmpty && !FileSystem.exists(lockFile))
        checkLabFolder(of: &plan)
        return plan
    }

    /// Refuses the plan when a path it writes under `.lab/` leads out of the lab: the folder, the
    /// lock, the journal, the staging and backup folders, the packs of merge bases and the folders of
    /// bases they replace. One refusal is enough.
    private func checkLabFolder(of plan: inout ScaffoldPlan) {
        guard plan.refusals.isEmpty, plan.errors.isEmpty, plan.hasWrites else { return }
        var paths = [".lab", ScaffoldLock.path, Self.journalPath, ScaffoldApplier.stagingFolder]
        if plan.changes.contains(where: \.backup) { paths.append(ScaffoldApplier.backupRoot) }
        for scaffold in plan.scaffolds where scaffold.writesBases {
            paths.append(scaffold.bases.packPath)
            if scaffold.bases.hasFolder { paths.append(scaffold.bases.folder) }
        }
        do {
            try files.check(paths)
        } catch {
            plan.refusals.append(.error(error.description, at: nil))
        }
    }

    private func planScaffold(
        _ scaffold: Scaffold, into plan: inout ScaffoldPlan, guardian: inout ScaffoldPathGuard, rootClaims: inout [String: String],
        interrupted: ScaffoldJournal
    ) {
        let set: TemplateSet
        do {
            set = try TemplateSet.load(scaffold.from, root: root)
        } catch {
            let diagnostics = error.diagnostics.map { diagnostic in
                var named = diagnostic
                if named.location == nil { named.message = "scaffold '\(scaffold.name)': " + named.message }
                return named
            }
            if error.isRefusal { plan.refusals += diagnostics } else { plan.errors += diagnostics }
            return
        }
        let context = TemplateContext.scaffold(scaffold, in: lab)
        // The set's digest reads every byte of it once more: on a thread of its own, meanwhile.
        var rendered = RenderedScaffold()
        let templateDigest = ConcurrentFileWork.alongside({ set.digest }) {
            rendered = ScaffoldRenderer.render(set, context: context)
        }
        plan.warnings += rendered.warnings
        plan.errors += rendered.errors
        plan.refusals += rendered.refusals
        for source in rendered.sources where !plan.sources.contains(where: { $0.path == source.path }) {
            plan.sources.append(source)
        }
        if !rendered.errors.isEmpty || !rendered.refusals.isEmpty { return }
        if let problem = guardian.problem(withInto: scaffold.into) {
            plan.refusals.append(.error("scaffold '\(scaffold.name)': \(problem)", at: nil))
            return
        }

        let bases: ScaffoldBases
        do {
            bases = try ScaffoldBases.load(scaffold.name, files: files, missing: guardian.missing)
        } catch {
            plan.refusals.append(.error(error.description, at: nil))
            return
        }
        let old = plan.oldLock.scaffolds[scaffold.name]
        let sameInto = old?.into == nil || old?.into == scaffold.into
        // Files of `_root/` stay where they are when `into` moves: so do their entries and bases.
        let work = FileWork(
            planner: self, scaffold: scaffold,
            tracked: sameInto ? old?.files ?? [:] : (old?.files ?? [:]).filter { RenderedScaffold.isAtRoot($0.key) },
            bases: bases, useBases: sameInto, repairing: plan.repairing, interrupted: interrupted, missing: guardian.missing)
        var changes: [ScaffoldPlan.FileChange] = []
        var entries: [String: ScaffoldLock.Entry] = [:]
        let renderedPaths = Set(rendered.files.map(\.path))
        for file in rendered.files {
            let atRoot = RenderedScaffold.isAtRoot(file.path)
            let path = RenderedScaffold.labPath(of: file.path, into: scaffold.into)
            if atRoot, let problem = rootProblem(path) {
                plan.refusals.append(.error("cannot write '\(path)': \(problem)", at: location(file.template)))
                continue
            }
            if atRoot {
                if let owner = rootClaims[file.path], owner != scaffold.name {
                    plan.refusals.append(.error(
                        "cannot write '\(path)': scaffold '\(owner)' writes it too (a file of '_root/' belongs to one scaffold)",
                        at: location(file.template)))
                    continue
                }
                rootClaims[file.path] = scaffold.name
            }
            if let problem = guardian.problem(with: path, into: atRoot ? "" : scaffold.into) {
                plan.refusals.append(.error("cannot write '\(path)': \(problem)", at: location(file.template)))
                continue
            }
            do {
                var (change, entry) = try work.classify(file)
                // Markers of an earlier conflict still in a file that keeps the learner's text (not
                // a conflict the template's own text quotes).
                if change.action == .keepYours || change.action == .merged, let after = change.after {
                    change.unresolvedConflict = ConflictMarkers.firstUnresolved(in: after, besides: file.bytes)?.line
                }
                if change.beside != nil, let problem = guardian.problem(with: change.besidePath, into: atRoot ? "" : scaffold.into) {
                    plan.refusals.append(.error("cannot write '\(change.besidePath)': \(problem)", at: location(file.template)))
                    continue
                }
                if change.beside == nil, change.action != .untracked, !guardian.missing.ruleOut(change.besidePath),
                    FileSystem.exists(rootPath + "/" + change.besidePath)
                {
                    plan.warnings.append(.warning(
                        "'\(change.besidePath)' is still there: merge what you need into '\(path)', then delete it", at: nil))
                }
                changes.append(change)
                if let entry { entries[file.path] = entry }
            } catch {
                plan.refusals.append(.error(error.description, at: location(file.template)))
            }
        }
        if let old {
            for (oldPath, entry) in old.files
            where !((sameInto || RenderedScaffold.isAtRoot(oldPath)) && renderedPaths.contains(oldPath)) {
                let path = RenderedScaffold.labPath(of: oldPath, into: old.into)
                if let problem = Self.recordedPathProblem(path) {
                    plan.refusals.append(.error(
                        "cannot remove '\(path)': \(ScaffoldLock.path) records it as generated by scaffold '\(scaffold.name)', but \(problem) (was the lock edited?)",
                        at: nil))
                    continue
                }
                if let problem = guardian.problem(with: path, into: RenderedScaffold.isAtRoot(oldPath) ? "" : old.into) {
                    plan.refusals.append(.error("cannot remove '\(path)': \(problem)", at: nil))
                    continue
                }
                do {
                    var change = try work.classifyDropped(path: path, inside: oldPath, entry: entry)
                    // The same path rendered into a moved `into` keeps the base it now writes.
                    if renderedPaths.contains(oldPath) && change.base == .remove { change.base = .keep }
                    changes.append(change)
                } catch {
                    plan.refusals.append(.error(error.description, at: nil))
                }
            }
        }
        if let problem = Self.packSizeProblem(bases, changes: changes) {
            plan.refusals.append(.error("scaffold '\(scaffold.name)': \(problem)", at: nil))
            return
        }
        changes += placeholdersToDrop(
            creating: changes, scaffold: scaffold, rendered: renderedPaths, tracked: sameInto ? old?.files ?? [:] : [:], missing: guardian.missing)
        changes.sort { TemplateSet.precedes($0.path, $1.path) }
        plan.warnings += changes.compactMap { change in
            guard change.action == .keepEditedDropped else { return nil }
            return .warning("'\(change.path)' is no longer in the template, but you edited it: kept, and no longer tracked", at: nil)
        }
        let record = ScaffoldLock.Record(
            from: scaffold.from.description, into: scaffold.into, templateDigest: templateDigest,
            varsDigest: ContentDigest.sha256(TemplateValue.map(scaffold.vars.map { ($0.name, $0.value) }).canonical),
            files: entries)
        plan.lock.scaffolds[scaffold.name] = record
        plan.scaffolds.append(ScaffoldPlan.ScaffoldChanges(
            name: scaffold.name, from: scaffold.from, into: scaffold.into, files: changes, record: record, bases: bases))
    }

    /// Why no scaffold can have generated `path`, which a lock records: lab never writes into
    /// `.lab/` or `.git/` (whatever the case) or over `lab.yml`, so removing it is not lab's to do.
    static func recordedPathProblem(_ path: String) -> String? {
        guard let place = keptPlace(path) else { return nil }
        return place == "lab.yml" ? "lab never generates lab.yml" : "lab never generates a file in '\(place)'"
    }

    /// Where `path` (relative to the lab root) lies among what git and lab keep for themselves:
    /// `.lab/` or `.git/` (whatever the case), or `lab.yml`; nil elsewhere.
    private static func keptPlace(_ path: String) -> String? {
        let top = path.split(separator: "/").first.map { $0.lowercased() } ?? ""
        if top == ".lab" || top == ".git" { return top + "/" }
        return path == "lab.yml" ? "lab.yml" : nil
    }

    /// Why the pack of merge bases the plan leaves would be too large to read back, or nil.
    static func packSizeProblem(_ bases: ScaffoldBases, changes: [ScaffoldPlan.FileChange], limit: Int = ReadLimits.bases) -> String? {
        var sizes = bases.pack.entries.mapValues(\.range.count)
        for change in changes {
            switch change.base {
            case .keep: continue
            case .write(let bytes, _): sizes[change.inside] = bytes.count
            case .remove: sizes[change.inside] = nil
            }
        }
        // Each base's line: `file`, its size, its digest, its path.
        let total = sizes.reduce(256) { $0 + $1.value + $1.key.utf8.count + 90 }
        guard total > limit else { return nil }
        return "its merge bases would take \(total >> 20) MiB in \(bases.packPath), more than lab reads back (\(limit >> 20) MiB): generate fewer or smaller files"
    }

    /// Why a file of a set's `_root/` cannot go to `path` at the lab root: not into `.lab/` or
    /// `.git/` (a hook there would run on the learner's next commit), not over `lab.yml`, and not
    /// into a scaffold's folder, which that scaffold owns.
    private func rootProblem(_ path: String) -> String? {
        switch Self.keptPlace(path) {
        case ".lab/": return "a file of '_root/' cannot go into '.lab/', which lab keeps"
        case ".git/": return "a file of '_root/' cannot go into '.git/', which git keeps"
        case "lab.yml": return "a file of '_root/' cannot replace lab.yml"
        default: break
        }
        if let owner = lab.scaffolds.first(where: { path.hasPrefix($0.into + "/") }) {
            return "it is inside '\(owner.into)', the folder of scaffold '\(owner.name)': a file of '_root/' goes outside every scaffold's folder"
        }
        return nil
    }

    /// The empty `.gitkeep` files (`lab init` puts one in `cloud/`, `devops/`, `mlops/`) of the
    /// folders this run creates files in: a folder with files needs no placeholder. Only an empty
    /// regular file that the template does not render and lab does not track is dropped.
    private func placeholdersToDrop(
        creating changes: [ScaffoldPlan.FileChange], scaffold: Scaffold, rendered: Set<String>, tracked: [String: ScaffoldLock.Entry],
        missing: MissingFolders
    ) -> [ScaffoldPlan.FileChange] {
        var folders: Set<String> = []
        for change in changes where change.action == .create { folders.insert(change.path.parentPath) }
        // Only folders that are there can hold a placeholder.
        folders = folders.filter { !missing.ruleOut($0 + "/.gitkeep") }
        guard !folders.isEmpty else { return [] }
        let changed = Set(changes.lazy.map(\.path))
        return folders.sorted().compactMap { folder in
            let path = folder + "/.gitkeep"
            guard path.hasPrefix(scaffold.into + "/") else { return nil }
            let inside = String(path.dropFirst(scaffold.into.count + 1))
            guard !rendered.contains(inside), tracked[inside] == nil, !changed.contains(path),
                FileSystem.kind(rootPath + "/" + path) == .file, FileSystem.stamp(rootPath + "/" + path)?.size == 0
            else { return nil }
            var change = ScaffoldPlan.FileChange(
                path: path, action: .dropPlaceholder, template: "", inside: inside)
            change.current = []
            change.remove = true
            return change
        }
    }

    private func location(_ template: String) -> Diagnostic.Location? {
        template.isEmpty ? nil : Diagnostic.Location(file: template, mark: nil)
    }

    /// The decision for each file of one scaffold.
    private struct FileWork {
        let planner: ScaffoldPlanner
        let scaffold: Scaffold
        /// Lock entries of files generated into this `into`, by path inside it.
        let tracked: [String: ScaffoldLock.Entry]
        /// The scaffold's merge bases.
        let bases: ScaffoldBases
        /// Whether the bases are of this `into` (not when `into` moved).
        let useBases: Bool
        let repairing: Bool
        /// What the interrupted run (`repairing`) wrote, or was about to, by path.
        let interrupted: ScaffoldJournal
        /// Folders found missing: nothing below them need be looked for.
        let missing: MissingFolders

        var options: Options { planner.options }

        func absolute(_ path: String) -> String { planner.rootPath + "/" + path }

        func readIfPresent(_ path: String) throws(FileError) -> [UInt8]? {
            guard !missing.ruleOut(path) else { return nil }
            let full = absolute(path)
            guard FileSystem.resolvedKind(full) == .file else { return nil }
            return try FileSystem.read(full, displayPath: path, limit: ReadLimits.template)
        }

        /// The decision for a file the template renders, and its lock entry afterwards (nil: untracked).
        func classify(_ file: RenderedScaffold.File) throws(FileError) -> (ScaffoldPlan.FileChange, ScaffoldLock.Entry?) {
            let path = RenderedScaffold.labPath(of: file.path, into: scaffold.into)
            let new = file.bytes
            let newEntry = ScaffoldLock.Entry(executable: file.executable, sha256: file.sha256)
            let lockEntry = tracked[file.path]
            var baseExists = false
            if useBases || RenderedScaffold.isAtRoot(file.path) { baseExists = try bases.contains(file.path, files: planner.files) }
            // A base that is not what the lock says was generated is not used (the lock is trusted
            // unless a run was interrupted): merging from it could take an edit for generated text.
            if baseExists, let lockEntry, !repairing, try bases.digest(of: file.path, files: planner.files) != lockEntry.sha256 {
                baseExists = false
            }
            var change = ScaffoldPlan.FileChange(
                path: path, action: .unchanged, template: file.template, inside: file.path)
            let isTracked = lockEntry != nil || baseExists
            let current = try readIfPresent(path)
            change.current = current

            // The base must hold the new render afterwards. The lock says what it holds, unless a
            // run was interrupted (or the lock lacks the file), when the base itself is read.
            func refreshBase(knownBase: [UInt8]? = nil) throws(FileError) {
                guard baseExists else {
                    change.base = .write(new, sha256: file.sha256)
                    return
                }
                if let lockEntry, !repairing {
                    change.base = lockEntry.sha256 == newEntry.sha256 ? .keep : .write(new, sha256: file.sha256)
                    return
                }
                var base = knownBase
                if base == nil { base = try bases.base(of: file.path, files: planner.files) }
                change.base = base == new ? .keep : .write(new, sha256: file.sha256)
            }

            guard let current else {
                if isTracked && !options.force {
                    change.action = .staysDeleted
                    if let lockEntry { return (change, lockEntry) }
                    let base = try bases.base(of: file.path, files: planner.files) ?? []
                    return (change, ScaffoldLock.Entry(executable: file.executable, sha256: ContentDigest.sha256(base)))
                }
                change.action = .create
                change.write = new
                change.executable = file.executable
                try refreshBase()
                return (change, newEntry)
            }

            let diskExecutable = (FileSystem.mode(absolute(path)) ?? 0) & 0o111 != 0
            // The executable bit merges like content: the template's bit unless the learner changed it.
            let wantedExecutable = diskExecutable == (lockEntry?.executable ?? diskExecutable) ? file.executable : diskExecutable
            let modeChange: Bool? = wantedExecutable != diskExecutable ? wantedExecutable : nil

            if current == new {
                change.action = modeChange == nil ? .unchanged : .update
                change.executable = modeChange
                try refreshBase()
                return (change, newEntry)
            }
            // Written already by the run this one repairs: its decision stands, and the file is
            // not merged again from a base the interrupted run did not get to move on.
            if repairing, let done = interrupted.writes[path], done.wrote == ContentDigest.sha256(current) {
                if done.render == newEntry.sha256 {
                    change.action = done.action
                    change.resumed = true
                    change.executable = modeChange
                    try refreshBase()
                    return (change, newEntry)
                }
                // The template changed again since: the file holds a merge with an older render,
                // whose base is gone. Left as it is, the new render beside it.
                change.action = .conflictBeside(.missingBase)
                change.beside = new
                try refreshBase()
                return (change, newEntry)
            }

            guard isTracked else {
                if options.force {
                    change.action = .replace
                    change.write = new
                    change.backup = true
                    try refreshBase()
                    return (change, newEntry)
                }
                change.action = .untracked
                if try readIfPresent(change.besidePath) != new { change.beside = new }
                return (change, nil)
            }

            // Edited or regenerated since: compare with the base.
            var base: [UInt8]?
            var currentIsBase = false
            var newIsBase = false
            if let lockEntry, !repairing {
                currentIsBase = ContentDigest.sha256(current) == lockEntry.sha256
                newIsBase = newEntry.sha256 == lockEntry.sha256
            }
            if !currentIsBase && !newIsBase {
                base = baseExists ? try bases.base(of: file.path, files: planner.files) : nil
                if let base {
                    currentIsBase = base == current
                    newIsBase = base == new
                } else if let lockEntry, repairing {
                    currentIsBase = ContentDigest.sha256(current) == lockEntry.sha256
                    newIsBase = newEntry.sha256 == lockEntry.sha256
                }
            }
            try refreshBase(knownBase: base)

            if currentIsBase {
                change.action = .update
                change.write = new
                change.executable = modeChange
                return (change, newEntry)
            }
            if options.force {
                change.action = .replace
                change.write = new
                change.backup = true
                change.executable = file.executable != diskExecutable ? file.executable : nil
                return (change, newEntry)
            }
            if newIsBase {
                change.action = .keepYours
                return (change, newEntry)
            }
            guard let base else {
                change.action = .conflictBeside(.missingBase)
                change.beside = new
                return (change, newEntry)
            }
            if BinaryContent.isBinary(base) || BinaryContent.isBinary(current) || BinaryContent.isBinary(new) {
                change.action = .conflictBeside(.binary)
                change.beside = new
                return (change, newEntry)
            }
            switch ThreeWayMerge.merge(base: base, ours: current, theirs: new, oursLabel: "yours", theirsLabel: "template") {
            case .clean(let merged):
                if merged == current {
                    change.action = .keepYours
                } else {
                    change.action = .merged
                    change.write = merged
                    change.executable = modeChange
                }
            case .conflicted(let merged, let regions):
                switch options.conflictStyle {
                case .inline:
                    change.action = .conflict(regions: regions)
                    change.write = merged
                    change.executable = modeChange
                case .rej:
                    change.action = .conflictBeside(.requested)
                    change.beside = new
                }
            }
            return (change, newEntry)
        }

        /// The decision for a file generated before that the template no longer renders.
        func classifyDropped(path: String, inside: String, entry: ScaffoldLock.Entry) throws(FileError) -> ScaffoldPlan.FileChange {
            var change = ScaffoldPlan.FileChange(path: path, action: .forget, template: "", inside: inside)
            change.base = .remove
            guard let current = try readIfPresent(path) else { return change }
            change.current = current
            var untouched = ContentDigest.sha256(current) == entry.sha256
            if repairing, let base = try bases.base(of: inside, files: planner.files) { untouched = base == current }
            if untouched || options.force {
                change.action = .delete
                change.remove = true
                change.backup = !untouched
            } else {
                change.action = .keepEditedDropped
            }
            return change
        }
    }
}
