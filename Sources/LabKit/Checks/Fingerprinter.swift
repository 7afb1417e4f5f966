import LabRuntime
import Crypto
import Foundation
import LabSpec

/// The fingerprints of one run's exercises: SHA-256 over what decides an exercise's outcome — its
/// steps, requirements, environment and timeouts (not its title or hint) — and the content of every
/// file its `sources` match.
///
/// One walk, one stamp per file: each glob pattern is expanded once per run and digested once,
/// however many exercises name it, and each file is stamped — and hashed when its stamp changed —
/// once, so a run costs time in proportion to its exercises plus its files, not their product.
/// File hashes are reused while a file's size, times and inode are unchanged, as git's index does.
/// `**` does not descend into what the lab's `.gitignore` files ignore.
///
/// Used by one task at a time, while a run is planned.
final class Fingerprinter {
    let root: String
    private let lister = DirectoryLister()
    private let ignore: IgnoreRules
    private let known: [String: LabState.FileStamp]
    /// The stamps of every file hashed or confirmed in this run, to keep for the next one.
    private(set) var updatedStamps: [String: LabState.FileStamp] = [:]
    private var digests: [String: String] = [:]
    /// How many files this run stamped: each once, however many exercises name it.
    private(set) var filesStamped = 0
    private var patternDigests: [String: [UInt8]] = [:]
    /// A file modified after this instant (ns since 1970) may change again within the same clock
    /// tick without its stamp moving: its stamp is not trusted next time ("racy", as git says).
    private let racyAfter: Int64

    init(root: URL, stamps: [String: LabState.FileStamp], now: Date = Date()) {
        self.root = root.path
        ignore = IgnoreRules(root: root.path, lister: lister)
        known = stamps
        updatedStamps.reserveCapacity(stamps.count)
        digests.reserveCapacity(stamps.count)
        racyAfter = Int64((now.timeIntervalSince1970 - 2) * 1e9)
    }

    func fingerprint(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(Self.definition(of: exercise, defaults: defaults).utf8))
        for pattern in exercise.sources {
            hasher.update(data: Array("\u{0}sources \(pattern)\u{0}".utf8))
            hasher.update(data: digest(ofPattern: pattern))
        }
        return ContentDigest.hex(hasher.finalize())
    }

    /// The files the exercise's `sources` match, sorted and without duplicates.
    func sourceFiles(of exercise: Exercise) -> [String] {
        var files: Set<String> = []
        for pattern in exercise.sources { files.formUnion(self.files(matching: pattern)) }
        return files.sorted()
    }

    private func files(matching pattern: String) -> [String] {
        Glob(pattern).files(in: root, lister: lister, ignoring: ignore)
    }

    /// The digest of what one pattern matches: every path and its content's digest, in the walk's
    /// order (the same from run to run).
    private func digest(ofPattern pattern: String) -> [UInt8] {
        if let known = patternDigests[pattern] { return known }
        var hasher = SHA256()
        // The lines are hashed in blocks of about 64 KiB: one update per file cost more than the
        // hashing itself.
        var lines: [UInt8] = []
        lines.reserveCapacity(1 << 16 + 512)
        for path in Glob(pattern).filesInWalkOrder(in: root, lister: lister, ignoring: ignore) {
            lines.append(contentsOf: path.utf8)
            lines.append(0)
            lines.append(contentsOf: (digest(of: path) ?? "unreadable").utf8)
            lines.append(0x0A)
            if lines.count >= 1 << 16 {
                lines.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                lines.removeAll(keepingCapacity: true)
            }
        }
        lines.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = Array(hasher.finalize())
        patternDigests[pattern] = digest
        return digest
    }

    private static func exact(_ duration: Duration) -> String {
        "\(duration.components.seconds)s\(duration.components.attoseconds)as"
    }

    /// A canonical text of everything about the exercise that can change its result.
    static func definition(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var text = "lab-fingerprint 2\nid \(exercise.id)\nshell \(defaults.shell)\n"
        text += "timeout \(Self.exact(exercise.timeout ?? defaults.timeout))\n"
        text += "requires \(exercise.requires.joined(separator: "\u{0}"))\n"
        text += "sources \(exercise.sources.joined(separator: "\u{0}"))\n"
        for entry in exercise.env { text += "env \(entry.name)=\(entry.value)\u{0}\n" }
        for step in exercise.verify {
            text += StepDefinition.text(of: step)
            let expect = step.expect
            text += "expect " + expect.exit.map { String($0) }.joined(separator: ",") + "\u{0}"
            text += expect.stdout.joined(separator: "\u{0}") + "\u{0}\u{0}" + expect.stderr.joined(separator: "\u{0}") + "\u{0}\u{0}"
            text += (expect.stdoutMatches ?? "") + "\u{0}" + (expect.stderrMatches ?? "") + "\n"
            if !expect.json.isEmpty { text += "expect-json " + expect.json.map(StepDefinition.text(of:)).joined(separator: "\u{0}") + "\n" }
            if let retry = step.retry { text += "retry \(retry.attempts) \(Self.exact(retry.delay))\n" }
            if let timeout = step.timeout { text += "step-timeout \(Self.exact(timeout))\n" }
        }
        return text
    }

    /// The SHA-256 of a file's content, from the stamp cache when the file is unchanged; once per
    /// file per run.
    func digest(of path: String) -> String? {
        // A file stamped in this run is in `updatedStamps`; one hashed but not stamped (racy) is in
        // `digests`: one dictionary write per file, not two.
        if let stamped = updatedStamps[path] { return stamped.sha256 }
        if let known = digests[path] { return known }
        let full = root + "/" + path
        var info = stat()
        filesStamped += 1
        guard stat(full, &info) == 0 else { return nil }
        var stamp = LabState.FileStamp(
            size: Int64(info.st_size), mtime: Self.nanoseconds(info.st_mtim), ctime: Self.nanoseconds(info.st_ctim),
            inode: UInt64(info.st_ino), sha256: "")
        if let recorded = known[path], recorded.matches(stamp) {
            updatedStamps[path] = recorded
            return recorded.sha256
        }
        guard let digest = try? ContentDigest.sha256(ofFileAt: full, displayPath: path) else { return nil }
        if stamp.mtime < racyAfter && stamp.ctime < racyAfter {
            stamp.sha256 = digest
            updatedStamps[path] = stamp
        } else {
            digests[path] = digest
        }
        return digest
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
