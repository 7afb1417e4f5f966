import LabRuntime
import Crypto
import Foundation
import LabSpec

/// The fingerprint of an exercise: SHA-256 over what decides its outcome — its steps, requirements,
/// environment and timeouts (not its title or hint) — and the content of every file its `sources`
/// match. File hashes are reused while a file's size, times and inode are unchanged, as git's index does.
public final class Fingerprinter: @unchecked Sendable {
    let root: String
    let lister = DirectoryLister()
    private var stamps: [String: LabState.FileStamp]
    private var fresh: [String: LabState.FileStamp] = [:]
    private let lock = NSLock()
    private let now = Date()

    public init(root: URL, stamps: [String: LabState.FileStamp]) {
        self.root = root.path
        self.stamps = stamps
    }

    /// The stamps of every file hashed in this run, to keep for the next one.
    public var updatedStamps: [String: LabState.FileStamp] {
        lock.lock()
        defer { lock.unlock() }
        return fresh
    }

    public func fingerprint(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(Self.definition(of: exercise, defaults: defaults).utf8))
        for path in sourceFiles(of: exercise) {
            hasher.update(data: Array("\u{0}file \(path)\u{0}".utf8))
            hasher.update(data: Array((hash(of: path) ?? "unreadable").utf8))
        }
        return ContentDigest.hex(hasher.finalize())
    }

    private static func exact(_ duration: Duration) -> String {
        "\(duration.components.seconds)s\(duration.components.attoseconds)as"
    }

    /// The files the exercise's `sources` match, sorted and without duplicates.
    public func sourceFiles(of exercise: Exercise) -> [String] {
        var files: Set<String> = []
        for pattern in exercise.sources {
            files.formUnion(Glob(pattern).files(in: root, lister: lister))
        }
        return files.sorted()
    }

    /// A canonical text of everything about the exercise that can change its result.
    static func definition(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var text = "lab-fingerprint 1\nid \(exercise.id)\nshell \(defaults.shell)\n"
        text += "timeout \(Self.exact(exercise.timeout ?? defaults.timeout))\n"
        text += "requires \(exercise.requires.joined(separator: "\u{0}"))\n"
        text += "sources \(exercise.sources.joined(separator: "\u{0}"))\n"
        for entry in exercise.env { text += "env \(entry.name)=\(entry.value)\u{0}\n" }
        for step in exercise.verify {
            switch step.action {
            case .run(let command): text += "run \(command)\u{0}\n"
            case .file(let path, let contains): text += "file \(path)\u{0}\(contains.joined(separator: "\u{0}"))\u{0}\n"
            }
            let expect = step.expect
            text += "expect " + expect.exit.map { String($0) }.joined(separator: ",") + "\u{0}"
            text += expect.stdout.joined(separator: "\u{0}") + "\u{0}\u{0}" + expect.stderr.joined(separator: "\u{0}") + "\u{0}\u{0}"
            text += (expect.stdoutMatches ?? "") + "\u{0}" + (expect.stderrMatches ?? "") + "\n"
            if let retry = step.retry { text += "retry \(retry.attempts) \(Self.exact(retry.delay))\n" }
            if let timeout = step.timeout { text += "step-timeout \(Self.exact(timeout))\n" }
        }
        return text
    }

    /// The SHA-256 of a file's content, from the stamp cache when the file is unchanged.
    func hash(of path: String) -> String? {
        let full = root + "/" + path
        var info = stat()
        guard stat(full, &info) == 0 else { return nil }
        let stamp = LabState.FileStamp(
            size: Int64(info.st_size), mtime: Self.nanoseconds(info.st_mtim), ctime: Self.nanoseconds(info.st_ctim),
            inode: UInt64(info.st_ino), sha256: "")
        lock.lock()
        if let known = stamps[path], known.matches(stamp) {
            fresh[path] = known
            lock.unlock()
            return known.sha256
        }
        lock.unlock()
        guard let digest = try? ContentDigest.sha256(ofFileAt: full, displayPath: path) else { return nil }
        // A file changed within the last two seconds could change again within the same clock tick
        // without its times moving: don't trust its stamp next time ("racy" as git calls it).
        let modified = Double(stamp.mtime) / 1e9
        if modified < now.timeIntervalSince1970 - 2 {
            var recorded = stamp
            recorded.sha256 = digest
            lock.lock()
            fresh[path] = recorded
            lock.unlock()
        }
        return digest
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
