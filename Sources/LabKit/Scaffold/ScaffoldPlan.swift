import LabRuntime
import Foundation
import LabSpec

/// What `lab scaffold` will do to each file, computed before anything is written: the values
/// `ScaffoldApplier` writes, and what the command line shows (`--dry-run`, `--diff`).
public struct ScaffoldPlan: Sendable {
    /// How a conflicting merge is handed to the learner.
    public enum ConflictStyle: String, Sendable, CaseIterable {
        /// Git-style markers in the file (`<<<<<<< yours` … `>>>>>>> template`).
        case inline
        /// The file is left alone and the new render is written beside it as `PATH.lab-new`.
        case rej
    }

    /// Why a conflict left the file alone and put the new render in `PATH.lab-new`.
    public enum SideReason: Sendable, Equatable {
        /// `--conflict rej`.
        case requested
        /// Binary files are never merged.
        case binary
        /// The merge base in `.lab/base` is gone, so there is nothing to merge from.
        case missingBase
    }

    public enum Action: Sendable, Equatable {
        /// New file: no file on disk, never generated.
        case create
        /// Untouched since generated (or only its mode differs): replaced by the new render.
        case update
        /// Already what the template renders.
        case unchanged
        /// Edited, and the template did not change it: the edit stays.
        case keepYours
        /// Edited, and the template changed it elsewhere: both changes kept.
        case merged
        /// Edited where the template changed it too: conflict markers written in the file.
        case conflict(regions: Int)
        /// Edited where the template changed it too: the new render written as `PATH.lab-new`.
        case conflictBeside(SideReason)
        /// Gone from the template and untouched: removed.
        case delete
        /// Generated once, then deleted by the learner: stays deleted.
        case staysDeleted
        /// Gone from the template but edited: kept, and no longer tracked.
        case keepEditedDropped
        /// Exists but was never generated: left alone, the render written as `PATH.lab-new`.
        case untracked
        /// `--force`: an edited or foreign file replaced by the render, after a backup.
        case replace
        /// Generated once, deleted by the learner, and now gone from the template too: forgotten.
        case forget
        /// An empty `.gitkeep` lab did not generate, in a folder that now gets files: removed.
        case dropPlaceholder

        /// Conflict markers written in the file.
        public var isConflict: Bool {
            if case .conflict = self { return true }
            return false
        }

        /// Whether the learner has something to resolve.
        public var needsAttention: Bool {
            switch self {
            case .conflict, .conflictBeside, .untracked: true
            default: false
            }
        }
    }

    /// What happens to the file's merge base, in its scaffold's pack (`.lab/base/<scaffold>.bases`).
    public enum BaseChange: Sendable, Equatable {
        case keep
        /// The bytes, and their SHA-256.
        case write([UInt8], sha256: String)
        case remove
    }

    /// One file of a scaffold: what is decided, and exactly what gets written.
    public struct FileChange: Sendable {
        /// Relative to the lab root.
        public var path: String
        public var action: Action
        /// The template file it comes from, as shown in messages; empty when none.
        public var template: String
        /// What is on disk now, when it was read.
        public var current: [UInt8]?
        /// What to write at `path`, if anything.
        public var write: [UInt8]?
        /// The executable bit `path` must end with, when it must be set (new file or mode change).
        public var executable: Bool?
        /// What to write at `path.lab-new`, if anything.
        public var beside: [UInt8]?
        /// Remove the file at `path`.
        public var remove: Bool = false
        /// Copy `current` to `.lab/backup/<time>/path` first.
        public var backup: Bool = false
        /// The path inside the scaffold's `into` (`_root/…` for a file of the set's `_root/`): what
        /// its lock entry and its merge base are kept under.
        public var inside: String
        public var base: BaseChange = .keep
        /// The line of the first conflict marker an earlier conflict left in the file (which it
        /// still holds afterwards): the learner has yet to resolve it.
        public var unresolvedConflict: Int?
        /// The file already holds what an interrupted run wrote for this decision (`action`): the
        /// decision stands and nothing is written (see `ScaffoldJournal`).
        public var resumed = false

        /// Whether the learner has something to resolve in this file.
        public var needsAttention: Bool { action.needsAttention || unresolvedConflict != nil }

        /// What `path` holds after the plan is applied (nil: no file).
        public var after: [UInt8]? {
            if remove { return nil }
            return write ?? current
        }

        /// Whether applying the change touches the lab's files (not counting the base).
        public var writesFiles: Bool { write != nil || beside != nil || remove || executable != nil }

        public var besidePath: String { path + ".lab-new" }
    }

    /// The changes of one scaffold.
    public struct ScaffoldChanges: Sendable {
        public var name: String
        public var from: Scaffold.Source
        public var into: String
        /// Sorted by path.
        public var files: [FileChange]
        /// The lock record once applied.
        public var record: ScaffoldLock.Record
        /// The merge bases as they are now.
        public var bases: ScaffoldBases

        /// Whether the pack of merge bases is written: a base changes, or the bases are still one
        /// file each, in the folder earlier versions kept them in.
        public var writesBases: Bool { bases.hasFolder || files.contains { $0.base != .keep } }
    }

    public var scaffolds: [ScaffoldChanges] = []
    /// The lock as it is now, and as it will be.
    public var oldLock: ScaffoldLock
    public var lock: ScaffoldLock
    /// Whether `.lab/scaffold.lock` needs writing.
    public var lockNeedsWrite: Bool = false
    /// An earlier run was interrupted; this one repairs what it left.
    public var repairing: Bool = false
    public var options: ScaffoldPlanner.Options

    /// Reported, not fatal: variables the context lacks, edited files kept, leftover `.lab-new` files.
    public var warnings: [Diagnostic] = []
    /// Templates that cannot be rendered: nothing is written.
    public var errors: [Diagnostic] = []
    /// Unsafe paths or an unreadable lock: nothing is written.
    public var refusals: [Diagnostic] = []
    /// Template sources the diagnostics point into.
    public var sources: [SourceFile] = []

    /// Nothing may be written: a template error or a refusal.
    public var isBlocked: Bool { !errors.isEmpty || !refusals.isEmpty }

    /// Every scaffold's changes, in order. One scaffold's are handed out as they are: joining
    /// copies each change, arrays and all.
    public var changes: [FileChange] { scaffolds.count == 1 ? scaffolds[0].files : scaffolds.flatMap(\.files) }

    /// Whether applying the plan writes anything at all.
    public var hasWrites: Bool {
        lockNeedsWrite || repairing || scaffolds.contains { $0.writesBases || $0.files.contains(where: \.writesFiles) }
    }

    /// Files the learner has to resolve: conflicts (new, or markers left from an earlier one),
    /// files `lab` did not generate.
    public var needsAttention: Bool { scaffolds.contains { $0.files.contains(where: \.needsAttention) } }
}

extension ScaffoldPlan {
    /// Whether the disk still holds what the plan was computed from: the lock, and every file it
    /// read (or found missing). Checked after taking the lab's lock when the plan was made before.
    public func stillMatchesDisk(root: URL) -> Bool {
        let rootPath = root.standardizedFileURL.path
        let lockFile = rootPath + "/" + ScaffoldLock.path
        if FileSystem.exists(lockFile) {
            guard let bytes = try? FileSystem.read(lockFile),
                let lock = try? ScaffoldLock(parsing: String(decoding: bytes, as: UTF8.self)), lock == oldLock
            else { return false }
        } else if !oldLock.scaffolds.isEmpty {
            return false
        }
        if FileSystem.exists(rootPath + "/" + ScaffoldPlanner.journalPath) != repairing { return false }
        // A file still cannot be there while a folder on its way is still missing.
        let missing = MissingFolders(root: rootPath)
        for scaffold in scaffolds {
            for change in scaffold.files {
                let path = rootPath + "/" + change.path
                if let current = change.current {
                    guard (try? FileSystem.read(path)) == current else { return false }
                } else if !missing.ruleOut(change.path), FileSystem.exists(path) {
                    return false
                }
            }
        }
        return true
    }
}
