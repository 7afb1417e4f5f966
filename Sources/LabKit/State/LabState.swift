import LabRuntime
import Foundation

/// What `lab check` remembers between runs (`.lab/state.json`, not committed): each exercise's
/// last result, when, how long it took, and the fingerprint it passed with; and the content hash
/// of each source file with the stamp it had, so unchanged files need not be read again.
public struct LabState: Sendable, Equatable {
    public static let currentVersion = 2

    public var exercises: [String: Record] = [:]
    public var files = StampTable()
    /// The quizzes answered right (`lab quiz ID`), by exercise: one record per quiz step.
    public var quizzes: [String: [QuizRecord]] = [:]

    public init() {}

    /// One exercise's last run.
    public struct Record: Sendable, Equatable {
        public var result: CheckStatus
        public var at: Date
        public var duration: Double
        /// Set when the exercise passed: the fingerprint it passed with.
        public var fingerprint: String?
        /// When its check last passed, whatever happened since: only an item whose check passed
        /// once can regress (a hand-ticked one never did).
        public var passedAt: Date?

        public init(result: CheckStatus, at: Date, duration: Double, fingerprint: String?, passedAt: Date? = nil) {
            self.result = result
            self.at = at
            self.duration = duration
            self.fingerprint = fingerprint
            self.passedAt = passedAt ?? (result == .passed ? at : nil)
        }

        /// Whether the check has ever passed, as far as this state knows.
        public var hasPassed: Bool { passedAt != nil }
    }

    /// What identifies a file's content without reading it: size, times, inode — and its hash.
    public struct FileStamp: Sendable, Equatable {
        public var size: Int64
        public var mtime: Int64
        public var ctime: Int64
        public var inode: UInt64
        public var sha256: String

        public init(size: Int64, mtime: Int64, ctime: Int64, inode: UInt64, sha256: String) {
            self.size = size
            self.mtime = mtime
            self.ctime = ctime
            self.inode = inode
            self.sha256 = sha256
        }
    }
}

extension LabState {
    /// `{ "version": 2, "exercises": { ID: { result, at, duration, fingerprint, passed_at } }, "files": [ "SIZE MTIME CTIME INODE SHA256 PATH", … ] }`,
    /// keys and files sorted so the file is stable. A file's stamp is one string of space-separated
    /// fields, the path last: thousands of them read back in a fraction of the time objects take.
    var json: JSONValue {
        .object([
            ("version", .integer(LabState.currentVersion)),
            ("exercises", .object(exercises.sorted { $0.key < $1.key }.map { id, record in
                (id, .object([
                    ("result", .string(record.result.rawValue)),
                    ("at", .string(UTCTime.text(record.at))),
                    ("duration", .number((record.duration * 1000).rounded() / 1000)),
                    ("fingerprint", .optional(record.fingerprint)),
                    ("passed_at", .optional(record.passedAt.map(UTCTime.text))),
                ]))
            })),
            ("files", .array(files.lines.map { .string($0) })),
        ] + (quizzes.isEmpty ? [] : [
            ("quizzes", .object(quizzes.sorted { $0.key < $1.key }.map { id, records in
                (id, .array(records.map { record in
                    .object([
                        ("digest", .string(record.digest)),
                        ("answers", .array(record.answers.map { .string($0) })),
                        ("at", .string(UTCTime.text(record.at))),
                    ])
                }))
            })),
        ]))
    }


    /// The state read back from `json` — this version's shape, or version 1's, whose file stamps
    /// were objects — nil when it has neither. `stamps`: this version's stamp lines, when they
    /// were read as the file was parsed (`StateStore.load`) rather than kept in `json`.
    init?(json: JSONValue, stamps: StampTable? = nil) {
        let version = json["version"]?.intValue
        guard version == LabState.currentVersion || version == 1, let exercises = json["exercises"]?.objectEntries else { return nil }
        for (id, entry) in exercises {
            guard let result = entry["result"]?.stringValue.flatMap(CheckStatus.init(rawValue:)),
                let at = entry["at"]?.stringValue.flatMap({ UTCTime.parse($0) })
            else { return nil }
            // A state written before `passed_at` existed knows a pass only from the last result.
            self.exercises[id] = Record(
                result: result, at: at, duration: entry["duration"]?.doubleValue ?? 0,
                fingerprint: entry["fingerprint"]?.stringValue,
                passedAt: entry["passed_at"]?.stringValue.flatMap { UTCTime.parse($0) })
        }
        for (id, entry) in json["quizzes"]?.objectEntries ?? [] {
            guard case .array(let items) = entry else { continue }
            let records = items.compactMap { item -> QuizRecord? in
                guard let digest = item["digest"]?.stringValue, case .array(let answers)? = item["answers"],
                    let at = item["at"]?.stringValue.flatMap({ UTCTime.parse($0) })
                else { return nil }
                let hashes = answers.compactMap(\.stringValue)
                guard hashes.count == answers.count else { return nil }
                return QuizRecord(digest: digest, answers: hashes, at: at)
            }
            if !records.isEmpty { quizzes[id] = records }
        }
        if version == 1 {
            for (path, entry) in json["files"]?.objectEntries ?? [] {
                guard let size = entry["size"]?.intValue, let mtime = entry["mtime"]?.intValue, let ctime = entry["ctime"]?.intValue,
                    let inode = entry["inode"]?.intValue, let sha = entry["sha256"]?.stringValue
                else { continue }
                files.set(
                    FileStamp(size: Int64(size), mtime: Int64(mtime), ctime: Int64(ctime), inode: UInt64(truncatingIfNeeded: inode), sha256: sha),
                    for: path)
            }
            return
        }
        if let stamps {
            files = stamps
            return
        }
        guard case .array(let lines)? = json["files"] else { return }
        files = StampTable(minimumCapacity: lines.count)
        for case .string(var line) in lines {
            line.withUTF8 { _ = files.add(line: $0) }
        }
    }

    /// `SIZE MTIME CTIME INODE SHA256 PATH` read back; nil when it does not have that shape.
    static func stamp(_ line: String) -> (String, FileStamp)? {
        var line = line
        return line.withUTF8 { bytes in
            guard let parsed = StampTable.parse(line: bytes) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[parsed.path]), as: UTF8.self), FileStamp(
                size: parsed.size, mtime: parsed.mtime, ctime: parsed.ctime, inode: parsed.inode, sha256: parsed.digest.hex))
        }
    }
}

/// Reads and writes `.lab/state.json`; a missing, corrupt or foreign file reads as empty, with a warning.
public enum StateStore {
    public static let path = ".lab/state.json"

    public struct Loaded: Sendable {
        public var state: LabState
        public var warning: String?
        /// The file is of an earlier version: worth writing again in this one.
        public var outdated = false
    }

    public static func load(files: ContainedRoot) -> Loaded {
        let bytes: [UInt8]
        do {
            let file = try files.resolve(path, for: "read").absolute
            guard FileSystem.kind(file) != .missing else { return Loaded(state: LabState(), warning: nil) }
            bytes = try FileSystem.read(file, displayPath: path, limit: ReadLimits.state)
        } catch {
            return Loaded(state: LabState(), warning: "ignoring \(path): \(error)")
        }
        let json: JSONValue
        // The stamp lines, most of a large state, go straight into the table as they are read.
        var stamps = StampTable(minimumCapacity: bytes.count / 128)
        do {
            json = try JSONParser.parse(bytes, streamingStringsOf: "files") { stamps.add(line: $0) }
        } catch {
            return Loaded(state: LabState(), warning: "ignoring \(path): it is not valid JSON (it will be rewritten)")
        }
        guard let state = LabState(json: json, stamps: stamps) else {
            return Loaded(state: LabState(), warning: "ignoring \(path): it was not written by this version of lab (it will be rewritten)")
        }
        return Loaded(state: state, warning: nil, outdated: json["version"]?.intValue != LabState.currentVersion)
    }

    public static func save(_ state: LabState, files: ContainedRoot, holding lock: LabLock) throws(FileError) {
        try FileSystem.createDirectory(files.resolve(".lab"))
        try AtomicFile.write(
            Array((state.json.rendered(indent: 1) + "\n").utf8), to: files.resolve(path), durable: false, removingLeftovers: true)
    }
}
