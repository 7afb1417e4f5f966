import LabRuntime
import Foundation
import LabSpec

/// Reads phase documents and ticks their items on disk: the one byte between the brackets, written
/// atomically, under the lab lock.
public struct ChecklistStore: Sendable {
    public let files: ContainedRoot

    public init(files: ContainedRoot) {
        self.files = files
    }

    /// The document at `path` (relative to the lab), or nil when it does not exist.
    public func load(_ path: String) throws(FileError) -> ChecklistDocument? {
        let full = try files.resolve(path, for: "read").absolute
        switch FileSystem.resolvedKind(full) {
        case .missing: return nil
        case .directory: throw FileError("read", path, reason: "it is a directory")
        // A FIFO would block the read, a device might never end it.
        case .other, .symlink: throw FileError("read", path, reason: "it is not a regular file")
        case .file: return ChecklistDocument(bytes: try FileSystem.read(full, displayPath: path, limit: ReadLimits.document))
        }
    }

    /// One wanted change: the item of `exercise` checked or not.
    public struct Change: Sendable {
        public var exercise: String
        public var title: String
        public var checked: Bool

        public init(exercise: String, title: String, checked: Bool) {
            self.exercise = exercise
            self.title = title
            self.checked = checked
        }
    }

    /// What happened to one wanted change.
    public struct Applied: Sendable, Equatable {
        public var exercise: String
        /// The item's line, or nil when the document has no item for the exercise.
        public var line: Int?
        public var wasChecked: Bool
        public var changed: Bool
    }

    /// Reads the document afresh, applies the changes, and writes it once if anything changed.
    /// Throws when the document is missing or cannot be read or written; then nothing changed.
    public func apply(_ changes: [Change], to path: String, holding lock: LabLock) throws(FileError) -> [Applied] {
        guard let document = try load(path) else {
            throw FileError("update", path, reason: "it does not exist")
        }
        var bytes = document.bytes
        var applied: [Applied] = []
        for change in changes {
            guard let item = document.item(forExercise: change.exercise, title: change.title) else {
                applied.append(Applied(exercise: change.exercise, line: nil, wasChecked: false, changed: false))
                continue
            }
            let differs = item.isChecked != change.checked
            if differs { bytes[item.checkOffset] = change.checked ? UInt8(ascii: "x") : UInt8(ascii: " ") }
            applied.append(Applied(exercise: change.exercise, line: item.line, wasChecked: item.isChecked, changed: differs))
        }
        if bytes != document.bytes {
            try AtomicFile.write(bytes, to: files.resolve(path), removingLeftovers: true)
        }
        return applied
    }
}
