import LabRuntime
import Foundation
import LabSpec

/// Writes a `ScaffoldPlan` to disk so that a `lab` killed at any moment leaves every file old or
/// new and a rerun repairs the rest.
///
/// Order: a journal marking the run as unfinished; backups; the lab's files (each write atomic);
/// removals; each scaffold's pack of merge bases (one atomic write); the lock; then the journal
/// goes. A rerun that finds the journal trusts the bases over the lock, and files already written
/// compare equal to the render.
public enum ScaffoldApplier {
    /// What applying did beyond the plan itself.
    public struct Outcome: Sendable {
        /// Where edited files were copied before `--force` replaced them, relative to the lab root.
        public var backupFolder: String?
    }

    /// Applies `plan` to the lab at `root`. The caller holds the lab's lock (`lock`), and the plan
    /// was computed (or checked against the disk) under it, so nothing changed in between.
    public static func apply(_ plan: ScaffoldPlan, files: ContainedRoot, holding lock: LabLock, now: Date = Date()) async throws(FileError) -> Outcome {
        try await apply(plan, files: files, now: now, stoppingAfter: nil)
    }

    /// The steps of a run, for tests that stop it half way as a kill would.
    enum Stage: Sendable { case files, bases }

    static func apply(_ plan: ScaffoldPlan, files: ContainedRoot, now: Date, stoppingAfter stop: Stage?) async throws(FileError) -> Outcome {
        var outcome = Outcome()
        guard !plan.isBlocked, plan.hasWrites else { return outcome }
        // Every path was checked when the plan was made; resolving each again on the way keeps a
        // link that appeared since from taking a write out of the lab.
        func full(_ path: String) throws(FileError) -> ResolvedPath { try files.resolve(path) }

        let journal = try full(ScaffoldPlanner.journalPath)
        try FileSystem.createDirectory(full(".lab"))
        // What this run decided for each file it writes: a run that finds it after a kill tells
        // the files written from those not reached. Not synced, as the files are not: a kill
        // loses nothing the kernel holds.
        try AtomicFile.write(
            Array(ScaffoldJournal(plan: plan).text.utf8), to: journal, mode: 0o644, durable: false, removingLeftovers: true)

        let changes = plan.changes
        if plan.repairing {
            // The interrupted run may have been killed half way through writing any of these files.
            var folders: Set<PathKey> = [PathKey(".lab")]
            for change in changes {
                for path in [change.path, change.besidePath] {
                    folders.insert(PathKey(path.parentPath))
                }
            }
            for folder in folders { AtomicFile.removeLeftovers(inFolder: try full(folder.path)) }
            // And the packs of merge bases, when their folder is inside the lab.
            if let bases = try? files.resolve(ScaffoldPlanner.baseFolder, for: "remove") { AtomicFile.removeLeftovers(inFolder: bases) }
        }
        if changes.contains(where: \.backup) {
            let folder = try backupFolder(files: files, now: now)
            outcome.backupFolder = folder
            for change in changes where change.backup {
                guard let current = change.current else { continue }
                let target = try full(folder + "/" + change.path)
                try FileSystem.createDirectory(target.parent)
                try AtomicFile.write(current, to: target, mode: 0o644, durable: false)
            }
        }

        // A scaffold rendered into a folder that does not exist yet is written as a whole tree:
        // staged, then renamed into place.
        let stagingRoot = try full(stagingFolder)
        if FileSystem.kind(stagingRoot.absolute) == .directory { StagedFolder.removeLeftovers(in: stagingRoot) }
        var trees: [NewTree] = []
        for scaffold in plan.scaffolds where FileSystem.kind(try full(scaffold.into).absolute) == .missing {
            let prefix = scaffold.into + "/"
            // Files of the set's `_root/` land outside the new folder: written one by one below.
            let writing = scaffold.files.filter { $0.writesFiles && $0.path.hasPrefix(prefix) }
            let files = writing.compactMap { change -> StagedFolder.File? in
                guard change.action == .create, change.beside == nil, let bytes = change.write, change.path.hasPrefix(prefix)
                else { return nil }
                return StagedFolder.File(path: String(change.path.dropFirst(prefix.count)), bytes: bytes, mode: change.executable == true ? 0o777 : 0o666)
            }
            guard !files.isEmpty, files.count == writing.count else { continue }
            trees.append(NewTree(files: files, target: try full(scaffold.into), paths: writing.map(\.path)))
        }
        var unplaced: [StagedFolder.Tree?] = try await StagedFolder.stage(trees.map { ($0.files, $0.target) }, stagingRoot: stagingRoot)
        // A tree not placed (an error) leaves nothing behind.
        defer { for case let tree? in unplaced { StagedFolder.discard(tree) } }
        // The paths of the trees placed, as byte keys.
        var staged: Set<PathKey> = []
        for index in unplaced.indices {
            guard let tree = unplaced[index] else { continue }
            unplaced[index] = nil
            if try StagedFolder.place(tree) { staged.formUnion(trees[index].paths.map(PathKey.init)) }
        }

        // Folders first, parents before children, so the writes below can run side by side.
        let mask = currentUmask()
        let fileMode: @Sendable (Bool) -> mode_t = { executable in (executable ? 0o777 : 0o666) & ~mask }
        let writes = changes.filter {
            !staged.contains(PathKey($0.path)) && ($0.write != nil || $0.beside != nil || ($0.executable != nil && !$0.remove))
        }
        // By their bytes: `é` and `e` + U+0301 are one String but two folders.
        var folders: Set<PathKey> = []
        for change in writes {
            if change.write != nil { folders.insert(PathKey(parent(of: change.path))) }
            if change.beside != nil { folders.insert(PathKey(parent(of: change.besidePath))) }
        }
        try createFolders(folders, files: files)

        try await ConcurrentFileWork.forEach(writes.count) { index throws(FileError) in
            let change = writes[index]
            let target = try files.resolve(change.path)
            if let bytes = change.write {
                let mode = change.executable.map(fileMode)
                try AtomicFile.write(bytes, to: target, mode: mode, forceMode: mode != nil, durable: false)
            } else if let executable = change.executable {
                if chmod(target.absolute, fileMode(executable)) != 0 {
                    throw FileError("change the mode of", change.path, errno: errno)
                }
            }
            if let beside = change.beside {
                try AtomicFile.write(beside, to: files.resolve(change.besidePath), mode: fileMode(false), forceMode: true, durable: false)
            }
        }

        for scaffold in plan.scaffolds {
            for change in scaffold.files where change.remove {
                try FileSystem.remove(full(change.path))
                removeEmptyFolders(above: change.path, stoppingAt: intoOf(change.path, plan: plan), files: files)
            }
        }

        if stop == .files { return outcome }
        for scaffold in plan.scaffolds where scaffold.writesBases {
            try writeBases(of: scaffold, files: files)
        }

        if stop == .bases { return outcome }
        if plan.lockNeedsWrite || plan.repairing {
            try AtomicFile.write(
                Array(plan.lock.text.utf8), to: full(ScaffoldLock.path), mode: 0o644, durable: false, removingLeftovers: true)
        }
        rmdir(stagingRoot.absolute)
        try FileSystem.remove(journal)
        return outcome
    }

    /// Where whole new trees are put together before they are renamed into place.
    static let stagingFolder = ".lab/stage"
    /// Where `--force` copies edited files before replacing them.
    static let backupRoot = ".lab/backup"

    /// The process's umask, read once before any writer thread starts (reading it means setting it).
    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    private static func parent(of path: String) -> String {
        path.parentPath
    }

    /// A folder written whole, staged then renamed into place: a scaffold's new folder; with the
    /// plan paths it writes.
    private struct NewTree {
        var files: [StagedFolder.File]
        var target: ResolvedPath
        var paths: [String]
    }

    /// Writes the pack of `scaffold`'s merge bases as the plan leaves them, in one atomic write (or
    /// removes it when no base is left), then removes the one-file-per-base folder it replaces.
    private static func writeBases(of scaffold: ScaffoldPlan.ScaffoldChanges, files: ContainedRoot) throws(FileError) {
        var bases = try scaffold.bases.all(files: files)
        for change in scaffold.files {
            switch change.base {
            case .keep: continue
            case .write(let bytes, let sha256): bases[change.inside] = (bytes[...], sha256)
            case .remove: bases[change.inside] = nil
            }
        }
        let pack = try files.resolve(scaffold.bases.packPath)
        if !bases.isEmpty {
            try FileSystem.createDirectory(files.resolve(ScaffoldPlanner.baseFolder))
            try AtomicFile.write(to: pack, mode: 0o644, forceMode: true, durable: false, removingLeftovers: true) { writer in
                try MergeBasePack.write(of: scaffold.name, bases: bases, to: &writer)
            }
        } else {
            try FileSystem.remove(pack)
        }
        scaffold.bases.removeFolder(files: files)
    }

    /// Creates `folders` (relative to the root) and their parents, shallowest first.
    private static func createFolders(_ folders: Set<PathKey>, files: ContainedRoot) throws(FileError) {
        for folder in folders.map(\.path).filter({ !$0.isEmpty }).sorted(by: { $0.utf8.count < $1.utf8.count }) {
            try FileSystem.createDirectory(files.resolve(folder))
        }
    }

    /// `.lab/backup/20261126T150405Z`, unused so far (`-2`, `-3`… within the same second).
    private static func backupFolder(files: ContainedRoot, now: Date) throws(FileError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = backupRoot + "/" + formatter.string(from: now)
        var candidate = stamp
        var number = 2
        while FileSystem.exists(try files.resolve(candidate).absolute) {
            candidate = "\(stamp)-\(number)"
            number += 1
        }
        try FileSystem.createDirectory(files.resolve(candidate))
        return candidate
    }

    /// The `into` folder a removed file belonged to: folders are removed up to it, never it.
    private static func intoOf(_ path: String, plan: ScaffoldPlan) -> String {
        let intos = plan.scaffolds.map(\.into) + plan.oldLock.scaffolds.values.map(\.into)
        return intos.filter { path.hasPrefix($0 + "/") }.max { $0.count < $1.count } ?? ""
    }

    /// Removes the folders between `path` and `stop` that the removal left empty.
    private static func removeEmptyFolders(above path: String, stoppingAt stop: String, files: ContainedRoot) {
        guard !stop.isEmpty else { return }
        var folder = path.parentPath
        while folder.hasPrefix(stop + "/") {
            guard let resolved = try? files.resolve(folder, for: "remove"), rmdir(resolved.absolute) == 0 else { return }
            folder = folder.parentPath
        }
    }
}
