import LabRuntime
import Foundation
import LabSpec

/// Writes a `ScaffoldPlan` to disk so that a `lab` killed at any moment leaves every file old or
/// new and a rerun repairs the rest.
///
/// Order: a journal marking the run as unfinished; backups; the lab's files (each write atomic);
/// removals; the merge bases; the lock; then the journal goes. A rerun that finds the journal
/// trusts the bases over the lock, and files already written compare equal to the render.
public enum ScaffoldApplier {
    /// What applying did beyond the plan itself.
    public struct Outcome: Sendable {
        /// Where edited files were copied before `--force` replaced them, relative to the lab root.
        public var backupFolder: String?
    }

    /// Applies `plan` to the lab at `root`. The caller holds the lab's lock (`lock`), and the plan
    /// was computed (or checked against the disk) under it, so nothing changed in between.
    public static func apply(_ plan: ScaffoldPlan, root: URL, holding lock: LabLock, now: Date = Date()) async throws(FileError) -> Outcome {
        try await apply(plan, root: root, now: now, stoppingAfter: nil)
    }

    /// The steps of a run, for tests that stop it half way as a kill would.
    enum Stage: Sendable { case files, bases }

    static func apply(_ plan: ScaffoldPlan, root: URL, now: Date, stoppingAfter stop: Stage?) async throws(FileError) -> Outcome {
        var outcome = Outcome()
        guard !plan.isBlocked, plan.hasWrites else { return outcome }
        let root = root.standardizedFileURL
        let rootPath = root.path
        // Paths are joined as strings: URL.appending(path:) costs more than the write on small files.
        func full(_ path: String) -> String { rootPath + "/" + path }

        let journal = full(ScaffoldPlanner.journalPath)
        try FileSystem.createDirectory(full(".lab"), displayPath: ".lab")
        try AtomicFile.write(
            Array("lab scaffold was interrupted here; the next 'lab scaffold' repairs what it left\n".utf8),
            to: journal, mode: 0o644, durable: false, displayPath: ScaffoldPlanner.journalPath, removingLeftovers: true)

        let changes = plan.changes
        if plan.repairing {
            // The interrupted run may have been killed half way through writing any of these files.
            var folders: Set<String> = [".lab"]
            for change in changes {
                for path in [change.path, change.basePath, change.besidePath] {
                    folders.insert((path as NSString).deletingLastPathComponent)
                }
            }
            for folder in folders { AtomicFile.removeLeftovers(inFolder: full(folder)) }
        }
        if changes.contains(where: \.backup) {
            let folder = try backupFolder(root: root, now: now)
            outcome.backupFolder = folder
            for change in changes where change.backup {
                guard let current = change.current else { continue }
                let target = full(folder + "/" + change.path)
                try FileSystem.createDirectory((target as NSString).deletingLastPathComponent)
                try AtomicFile.write(current, to: target, mode: 0o644, durable: false, displayPath: folder + "/" + change.path)
            }
        }

        // A scaffold rendered into a folder that does not exist yet is written as a whole tree.
        let stagingRoot = full(stagingFolder)
        if FileSystem.kind(stagingRoot) == .directory { StagedFolder.removeLeftovers(in: stagingRoot) }
        var staged: Set<String> = []
        for scaffold in plan.scaffolds where FileSystem.kind(full(scaffold.into)) == .missing {
            let prefix = scaffold.into + "/"
            let writing = scaffold.files.filter(\.writesFiles)
            let files = writing.compactMap { change -> StagedFolder.File? in
                guard change.action == .create, change.beside == nil, let bytes = change.write, change.path.hasPrefix(prefix)
                else { return nil }
                return StagedFolder.File(path: String(change.path.dropFirst(prefix.count)), bytes: bytes, mode: change.executable == true ? 0o777 : 0o666)
            }
            guard !files.isEmpty, files.count == writing.count else { continue }
            if try await StagedFolder.write(files, to: full(scaffold.into), displayPath: scaffold.into, stagingRoot: stagingRoot) {
                staged.formUnion(writing.map(\.path))
            }
        }

        // Folders first, parents before children, so the writes below can run side by side.
        let mask = currentUmask()
        let fileMode: @Sendable (Bool) -> mode_t = { executable in (executable ? 0o777 : 0o666) & ~mask }
        let writes = changes.filter {
            !staged.contains($0.path) && ($0.write != nil || $0.beside != nil || ($0.executable != nil && !$0.remove))
        }
        var folders: Set<String> = []
        for change in writes {
            if change.write != nil { folders.insert(parent(of: change.path)) }
            if change.beside != nil { folders.insert(parent(of: change.besidePath)) }
        }
        try createFolders(folders, root: root)

        try await ConcurrentFileWork.forEach(writes.count) { index throws(FileError) in
            let change = writes[index]
            let target = rootPath + "/" + change.path
            if let bytes = change.write {
                let mode = change.executable.map(fileMode)
                try AtomicFile.write(bytes, to: target, mode: mode, forceMode: mode != nil, durable: false, displayPath: change.path)
            } else if let executable = change.executable {
                if chmod(target, fileMode(executable)) != 0 {
                    throw FileError("change the mode of", change.path, reason: String(cString: strerror(errno)).lowercased())
                }
            }
            if let beside = change.beside {
                try AtomicFile.write(
                    beside, to: rootPath + "/" + change.besidePath, mode: fileMode(false), forceMode: true,
                    durable: false, displayPath: change.besidePath)
            }
        }

        for scaffold in plan.scaffolds {
            for change in scaffold.files where change.remove {
                try FileSystem.remove(full(change.path), displayPath: change.path)
                removeEmptyFolders(above: change.path, stoppingAt: intoOf(change.path, plan: plan), root: root)
            }
        }

        if stop == .files { return outcome }
        var stagedBases: Set<String> = []
        for scaffold in plan.scaffolds {
            let folder = ScaffoldPlanner.baseFolder + "/" + scaffold.name
            guard FileSystem.kind(full(folder)) == .missing else { continue }
            let files = scaffold.files.compactMap { change -> StagedFolder.File? in
                guard case .write(let bytes) = change.base else { return nil }
                return StagedFolder.File(path: String(change.basePath.dropFirst(folder.count + 1)), bytes: bytes, mode: 0o644)
            }
            guard !files.isEmpty, !scaffold.files.contains(where: { $0.base == .remove }) else { continue }
            if try await StagedFolder.write(files, to: full(folder), displayPath: folder, stagingRoot: stagingRoot) {
                stagedBases.formUnion(scaffold.files.map(\.basePath))
            }
        }
        let baseWrites: [(path: String, bytes: [UInt8])] = changes.compactMap { change in
            guard case .write(let bytes) = change.base, !stagedBases.contains(change.basePath) else { return nil }
            return (change.basePath, bytes)
        }
        try createFolders(Set(baseWrites.map { parent(of: $0.path) }), root: root)
        try await ConcurrentFileWork.forEach(baseWrites.count) { index throws(FileError) in
            let (path, bytes) = baseWrites[index]
            try AtomicFile.write(bytes, to: rootPath + "/" + path, mode: 0o644, forceMode: true, durable: false, displayPath: path)
        }
        for change in changes where change.base == .remove {
            try FileSystem.remove(full(change.basePath), displayPath: change.basePath)
            removeEmptyFolders(above: change.basePath, stoppingAt: ScaffoldPlanner.baseFolder, root: root)
        }

        if stop == .bases { return outcome }
        if plan.lockNeedsWrite || plan.repairing {
            try AtomicFile.write(
                Array(plan.lock.text.utf8), to: full(ScaffoldLock.path), mode: 0o644, durable: false, displayPath: ScaffoldLock.path,
                removingLeftovers: true)
        }
        rmdir(stagingRoot)
        try FileSystem.remove(journal, displayPath: ScaffoldPlanner.journalPath)
        return outcome
    }

    /// Where whole new trees are put together before they are renamed into place.
    static let stagingFolder = ".lab/stage"

    /// The process's umask, read once before any writer thread starts (reading it means setting it).
    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    private static func parent(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }

    /// Creates `folders` (relative to `root`) and their parents, shallowest first.
    private static func createFolders(_ folders: Set<String>, root: URL) throws(FileError) {
        for folder in folders.filter({ !$0.isEmpty }).sorted(by: { $0.count < $1.count }) {
            try FileSystem.createDirectory(root.appending(path: folder).path, displayPath: folder)
        }
    }

    /// `.lab/backup/20261126T150405Z`, unused so far (`-2`, `-3`… within the same second).
    private static func backupFolder(root: URL, now: Date) throws(FileError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = ".lab/backup/" + formatter.string(from: now)
        var candidate = stamp
        var number = 2
        while FileSystem.exists(root.appending(path: candidate).path) {
            candidate = "\(stamp)-\(number)"
            number += 1
        }
        try FileSystem.createDirectory(root.appending(path: candidate).path, displayPath: candidate)
        return candidate
    }

    /// The `into` folder a removed file belonged to: folders are removed up to it, never it.
    private static func intoOf(_ path: String, plan: ScaffoldPlan) -> String {
        let intos = plan.scaffolds.map(\.into) + plan.oldLock.scaffolds.values.map(\.into)
        return intos.filter { path.hasPrefix($0 + "/") }.max { $0.count < $1.count } ?? ""
    }

    /// Removes the folders between `path` and `stop` that the removal left empty.
    private static func removeEmptyFolders(above path: String, stoppingAt stop: String, root: URL) {
        guard !stop.isEmpty else { return }
        var folder = (path as NSString).deletingLastPathComponent
        while folder.hasPrefix(stop + "/") {
            if rmdir(root.appending(path: folder).path) != 0 { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
