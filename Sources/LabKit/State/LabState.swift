import Foundation

/// What `lab check` remembers between runs (`.lab/state.json`, not committed): each exercise's
/// last result, when, how long it took, and the fingerprint it passed with.
public struct LabState: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int = LabState.currentVersion
    public var exercises: [String: Record] = [:]
    /// Content hashes of source files by path, reused while the file's stamp is unchanged.
    public var files: [String: FileStamp] = [:]

    public init() {}

    /// What identifies a file's content without reading it: size, times, inode — and its hash.
    public struct FileStamp: Codable, Sendable, Equatable {
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

        func matches(_ other: FileStamp) -> Bool {
            size == other.size && mtime == other.mtime && ctime == other.ctime && inode == other.inode
        }
    }

    /// One exercise's last run.
    public struct Record: Codable, Sendable, Equatable {
        public var result: String
        public var at: Date
        public var duration: Double
        /// Set when the exercise passed: the fingerprint it passed with.
        public var fingerprint: String?

        public init(result: String, at: Date, duration: Double, fingerprint: String?) {
            self.result = result
            self.at = at
            self.duration = duration
            self.fingerprint = fingerprint
        }
    }
}

/// Reads and writes `.lab/state.json`; a missing, corrupt or foreign file reads as empty, with a warning.
public enum StateStore {
    public static let path = ".lab/state.json"

    public struct Loaded: Sendable {
        public var state: LabState
        public var warning: String?
    }

    public static func load(root: URL) -> Loaded {
        let file = root.appending(path: path).path
        guard FileSystem.kind(file) != .missing else { return Loaded(state: LabState(), warning: nil) }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file, displayPath: path)
        } catch {
            return Loaded(state: LabState(), warning: "ignoring \(path): \(error)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Header: Decodable { var version: Int? }
        guard let header = try? decoder.decode(Header.self, from: Data(bytes)) else {
            return Loaded(state: LabState(), warning: "ignoring \(path): it is not valid JSON (it will be rewritten)")
        }
        guard header.version == LabState.currentVersion, let state = try? decoder.decode(LabState.self, from: Data(bytes)) else {
            return Loaded(state: LabState(), warning: "ignoring \(path): it was not written by this version of lab (it will be rewritten)")
        }
        return Loaded(state: state, warning: nil)
    }

    public static func save(_ state: LabState, root: URL) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(state)
        } catch {
            throw FileError("write", path, reason: "cannot encode the state: \(error)")
        }
        try FileSystem.createDirectory(root.appending(path: ".lab").path, displayPath: ".lab")
        try AtomicFile.write([UInt8](data) + [0x0A], to: root.appending(path: path).path, durable: false, displayPath: path, removingLeftovers: true)
    }

    /// Reads the state afresh, applies `change`, and writes it back, all under the lab lock, so
    /// concurrent `lab check` runs keep each other's results.
    public static func update(root: URL, _ change: (inout LabState) -> Void) throws -> String? {
        let lock = try LabLock.acquire(root: root)
        defer { withExtendedLifetime(lock) {} }
        var loaded = load(root: root)
        change(&loaded.state)
        try save(loaded.state, root: root)
        return loaded.warning
    }
}
