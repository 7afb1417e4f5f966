import Foundation
import LabRuntime

/// Reads and appends the journal, `.lab/journal.jsonl`: committed, append-only, one event a line.
///
/// Appends happen under the lab lock, each batch one `O_APPEND` write followed by `fsync`. A
/// journal that cannot be read (a folder, a FIFO, no permission) is a warning, and nothing is
/// appended to it; a line that does not parse stays as it is.
public enum JournalStore {
    public static let path = ".lab/journal.jsonl"

    /// The journal of the lab at `files`: empty (and not `exists`) when there is none yet.
    public static func load(files: ContainedRoot) -> Journal {
        let bytes: [UInt8]
        do {
            let file = try files.resolve(path, for: "read").absolute
            if FileSystem.kind(file) == .missing { return Journal() }
            bytes = try FileSystem.read(file, displayPath: path, limit: ReadLimits.journal)
        } catch {
            return Journal(warnings: ["\(error); the journal is left as it is"])
        }
        return Journal.parse(bytes, path: path)
    }

    /// An append that was made, to be taken back if what it records then fails to happen.
    public struct Appended: Sendable {
        let receipt: AppendOnlyFile.Receipt

        /// Takes the append back: the journal as it was before it (or gone, if it created it).
        public func undo() throws(FileError) {
            try AppendOnlyFile.undo(receipt)
        }
    }

    /// Appends `events` as one write, durably, creating `.lab/` and the journal when missing. An
    /// unfinished last line left by a killed append is repaired first: ended with a line break when
    /// it is a whole event, cut off otherwise. Nil when there is nothing to append.
    @discardableResult
    public static func append(_ events: [JournalEvent], files: ContainedRoot, holding lock: LabLock) throws(FileError) -> Appended? {
        guard !events.isEmpty else { return nil }
        try FileSystem.createDirectory(files.resolve(".lab"))
        let file = try AppendOnlyFile.open(files.resolve(path))
        var bytes: [UInt8] = []
        let limit = 1 << 20
        let tail = try file.unfinishedTail(limit: limit)
        if !tail.isEmpty {
            // A whole event that lacks its line break (an edit by hand), or a line far longer than
            // any append: ended, kept. Anything else is what a cut-short append left.
            if tail.count >= limit || (try? JournalEvent.parse(tail)) != nil {
                bytes = [0x0A]
            } else {
                try file.truncate(to: file.size - tail.count)
            }
        }
        for event in events { bytes += event.line }
        return Appended(receipt: try file.append(bytes))
    }
}
