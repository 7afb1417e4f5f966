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
    /// The stamps this run recorded anew — files hashed because their stamp was unknown or had
    /// changed — to add to the state; the others are in it already.
    private(set) var updatedStamps: [String: LabState.FileStamp] = [:]
    /// Every file's digest once found in this run (nil: unreadable): one lookup per file named again.
    private var digests: [String: String?] = [:]
    private let stats: FolderStat
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
        stats = FolderStat(root: root.path)
        digests.reserveCapacity(stamps.count)
        racyAfter = Int64((now.timeIntervalSince1970 - 2) * 1e9)
    }

    func fingerprint(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var hasher = SHA256()
        hasher.update(data: Self.definitionBytes(of: exercise, defaults: defaults))
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

    /// A canonical text of everything about the exercise that can change its result.
    static func definition(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        String(decoding: definitionBytes(of: exercise, defaults: defaults), as: UTF8.self)
    }

    /// The same text as bytes, written straight into one buffer: built for every exercise of
    /// every run, up to date or not.
    static func definitionBytes(of exercise: Exercise, defaults: Lab.Defaults) -> [UInt8] {
        var text = CanonicalText()
        text.add("lab-fingerprint 2\nid ", exercise.id, "\nshell ", defaults.shell, "\ntimeout ")
        text.add(exercise.timeout ?? defaults.timeout)
        text.add("\nrequires ")
        text.add(exercise.requires, separator: 0)
        text.add("\nsources ")
        text.add(exercise.sources, separator: 0)
        text.add("\n")
        for entry in exercise.env { text.add("env ", entry.name, "=", entry.value, "\u{0}\n") }
        for step in exercise.verify {
            text.add(StepDefinition.text(of: step))
            let expect = step.expect
            text.add("expect ")
            for (index, code) in expect.exit.enumerated() { text.add(index == 0 ? "" : ",", String(code)) }
            text.add("\u{0}")
            text.add(expect.stdout, separator: 0)
            text.add("\u{0}\u{0}")
            text.add(expect.stderr, separator: 0)
            text.add("\u{0}\u{0}", expect.stdoutMatches ?? "", "\u{0}", expect.stderrMatches ?? "", "\n")
            if !expect.json.isEmpty {
                text.add("expect-json ")
                text.add(expect.json.map(StepDefinition.text(of:)), separator: 0)
                text.add("\n")
            }
            if let retry = step.retry {
                text.add("retry ", String(retry.attempts), " ")
                text.add(retry.delay)
                text.add("\n")
            }
            if let timeout = step.timeout {
                text.add("step-timeout ")
                text.add(timeout)
                text.add("\n")
            }
        }
        return text.bytes
    }

    /// UTF-8 text appended piece by piece to one buffer, without intermediate strings.
    private struct CanonicalText {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(512) }

        mutating func add(_ pieces: String...) {
            for piece in pieces { bytes.append(contentsOf: piece.utf8) }
        }

        mutating func add(_ items: [String], separator: UInt8) {
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(separator) }
                bytes.append(contentsOf: item.utf8)
            }
        }

        /// A duration exactly: `SECONDSsATTOSECONDSas`.
        mutating func add(_ duration: Duration) {
            add(String(duration.components.seconds), "s", String(duration.components.attoseconds), "as")
        }
    }

    /// The SHA-256 of a file's content, from the stamp cache when the file is unchanged; once per
    /// file per run.
    func digest(of path: String) -> String? {
        if let known = digests[path] { return known }
        let digest = stampedDigest(of: path)
        digests[path] = digest
        return digest
    }

    private func stampedDigest(of path: String) -> String? {
        let full = root + "/" + path
        var info = stat()
        filesStamped += 1
        guard stats.read(path, into: &info) else { return nil }
        var stamp = LabState.FileStamp(
            size: Int64(info.st_size), mtime: Self.nanoseconds(info.st_mtim), ctime: Self.nanoseconds(info.st_ctim),
            inode: UInt64(info.st_ino), sha256: "")
        if let recorded = known[path], recorded.matches(stamp) { return recorded.sha256 }
        guard let digest = try? ContentDigest.sha256(ofFileAt: full, displayPath: path) else { return nil }
        // A file changed within the last clock tick may change again without its stamp moving:
        // hashed now, but its stamp not kept ("racy", as git says).
        if stamp.mtime < racyAfter && stamp.ctime < racyAfter {
            stamp.sha256 = digest
            updatedStamps[path] = stamp
        }
        return digest
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
