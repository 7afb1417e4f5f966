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

    /// Applies `plan` to the lab at `root`. The caller holds the lab's lock (`lock`), taken before
    /// the plan was computed, so nothing changed in between.
    public static func apply(_ plan: ScaffoldPlan, root: URL, holding lock: LabLock, now: Date = Date()) throws(FileError) -> Outcome {
        try apply(plan, root: root, now: now, stoppingAfter: nil)
    }

    /// The steps of a run, for tests that stop it half way as a kill would.
    enum Stage: Sendable { case files, bases }

    static func apply(_ plan: ScaffoldPlan, root: URL, now: Date, stoppingAfter stop: Stage?) throws(FileError) -> Outcome {
        var outcome = Outcome()
        guard !plan.isBlocked, plan.hasWrites else { return outcome }
        let root = root.standardizedFileURL
        func full(_ path: String) -> String { root.appending(path: path).path }

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

        var madeFolders: Set<String> = []
        func ensureParent(_ path: String) throws(FileError) {
            let parent = (path as NSString).deletingLastPathComponent
            guard !parent.isEmpty, madeFolders.insert(parent).inserted else { return }
            try FileSystem.createDirectory(full(parent), displayPath: parent)
        }

        for change in changes {
            if let bytes = change.write {
                try ensureParent(change.path)
                let mode = change.executable.map { fileMode(executable: $0) }
                try AtomicFile.write(
                    bytes, to: full(change.path), mode: mode, forceMode: mode != nil, durable: false, displayPath: change.path)
            } else if let executable = change.executable, !change.remove {
                if chmod(full(change.path), fileMode(executable: executable)) != 0 {
                    throw FileError("change the mode of", change.path, reason: String(cString: strerror(errno)).lowercased())
                }
            }
            if let beside = change.beside {
                try ensureParent(change.besidePath)
                try AtomicFile.write(beside, to: full(change.besidePath), mode: fileMode(executable: false), durable: false, displayPath: change.besidePath)
            }
        }

        for scaffold in plan.scaffolds {
            for change in scaffold.files where change.remove {
                try FileSystem.remove(full(change.path), displayPath: change.path)
                removeEmptyFolders(above: change.path, stoppingAt: intoOf(change.path, plan: plan), root: root)
            }
        }

        if stop == .files { return outcome }
        for change in changes {
            switch change.base {
            case .keep:
                break
            case .write(let bytes):
                try ensureParent(change.basePath)
                try AtomicFile.write(bytes, to: full(change.basePath), mode: 0o644, forceMode: true, durable: false, displayPath: change.basePath)
            case .remove:
                try FileSystem.remove(full(change.basePath), displayPath: change.basePath)
                removeEmptyFolders(above: change.basePath, stoppingAt: ScaffoldPlanner.baseFolder, root: root)
            }
        }

        if stop == .bases { return outcome }
        if plan.lockNeedsWrite || plan.repairing {
            try AtomicFile.write(
                Array(plan.lock.text.utf8), to: full(ScaffoldLock.path), mode: 0o644, displayPath: ScaffoldLock.path,
                removingLeftovers: true)
        }
        try FileSystem.remove(journal, displayPath: ScaffoldPlanner.journalPath)
        return outcome
    }

    /// `rw-r--r--` or `rwxr-xr-x`, less what the umask takes away.
    static func fileMode(executable: Bool) -> mode_t {
        let mask = umask(0)
        umask(mask)
        return (executable ? 0o777 : 0o666) & ~mask
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
