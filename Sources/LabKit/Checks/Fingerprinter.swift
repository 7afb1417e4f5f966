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
/// The patterns of a run are walked side by side, and their files stamped side by side, on a
/// worker per core (`prepare(patterns:)`): an up-to-date check is mostly this, and mostly system
/// calls, which the cores run in parallel.
///
/// Used by one task at a time, while a run is planned.
final class Fingerprinter {
    let root: String
    private let lister: DirectoryLister
    /// The stamps the state recorded: set before the first batch is stamped (the walks need none).
    var known: StampTable
    /// The stamps this run recorded anew — files hashed because their stamp was unknown or had
    /// changed — to add to the state; the others are in it already.
    private(set) var updatedStamps = StampTable()
    /// The files stamped so far and their digests (nil: unreadable), batch by batch; looked up by
    /// path (`stamped`) only when a later batch may name one of them again.
    private var batches: [(files: [String], digests: [FileDigest?])] = []
    private var stamped: [PathKey: FileDigest?] = [:]
    /// How many files this run stamped: each once, however many exercises name it.
    private(set) var filesStamped = 0
    private var patternDigests: [String: [UInt8]] = [:]
    /// The patterns digested so far that matched no file.
    private(set) var emptyPatterns: Set<String> = []
    /// A file modified after this instant (ns since 1970) may change again within the same clock
    /// tick without its stamp moving: its stamp is not trusted next time ("racy", as git says).
    private let racyAfter: Int64
    /// How many workers walk and stamp side by side: one per core.
    private let width: Int

    init(root: URL, stamps: StampTable = StampTable(), now: Date = Date(), width: Int? = nil) {
        self.root = root.path
        lister = DirectoryLister(containedIn: root.path)
        known = stamps
        racyAfter = Int64((now.timeIntervalSince1970 - 2) * 1e9)
        self.width = max(1, width ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    func fingerprint(of exercise: Exercise, defaults: Lab.Defaults) -> String {
        var hasher = definitions[exercise.id] ?? Self.definitionHasher(of: exercise, defaults: defaults)
        for pattern in exercise.sources {
            hasher.update(data: Array("\u{0}sources \(pattern)\u{0}".utf8))
            hasher.update(data: digest(ofPattern: pattern))
        }
        return ContentDigest.hex(hasher.finalize())
    }

    /// The hashers of exercises' definitions taken ahead, by exercise id: a fingerprint goes on
    /// from there with the digests of the exercise's patterns (`definitionHashers`).
    var definitions: [String: SHA256] = [:]

    /// A hasher that has taken the definition of each exercise with `sources`, by id: the part of
    /// their fingerprints that needs no file, taken while the sources are walked (CheckPreparation)
    /// rather than after the walk, when the run waits for it. The same fingerprints either way.
    static func definitionHashers(of exercises: [Exercise], defaults: Lab.Defaults) -> [String: SHA256] {
        var hashers: [String: SHA256] = [:]
        for exercise in exercises where !exercise.sources.isEmpty {
            hashers[exercise.id] = definitionHasher(of: exercise, defaults: defaults)
        }
        return hashers
    }

    private static func definitionHasher(of exercise: Exercise, defaults: Lab.Defaults) -> SHA256 {
        var hasher = SHA256()
        hasher.update(data: definitionBytes(of: exercise, defaults: defaults))
        return hasher
    }

    /// The digest of what one pattern matches: every path and its content's digest, in the walk's
    /// order (the same from run to run).
    private func digest(ofPattern pattern: String) -> [UInt8] {
        if let known = patternDigests[pattern] { return known }
        prepare(patterns: [pattern])
        return patternDigests[pattern] ?? []
    }

    /// Walks, stamps and digests `patterns` ahead of the fingerprints that name them: the walks of
    /// different patterns side by side, then every file they name, once, stamped (and hashed when
    /// its stamp changed) by a worker per core, each taking a run of consecutive files — the files
    /// of a few folders. The digests are the same whatever the number of workers.
    func prepare(patterns: [String]) {
        if let walked = walkedAhead {
            walkedAhead = nil
            digest(walked)
        }
        digest(walk(patterns))
    }

    /// Walks `patterns` now, to be stamped and digested by the next `prepare`: the walks need no
    /// stamps, so they can be made while the state is read.
    func walkAhead(_ patterns: [String]) {
        walkedAhead = walk(patterns)
    }

    private var walkedAhead: Walk?

    /// Patterns expanded, not yet digested: the part of `prepare` that needs no stamps.
    private struct Walk {
        var patterns: [String]
        var lists: [[String]]
    }

    /// Expands the patterns not digested yet, side by side — or, when they are fewer than the
    /// workers, one after the other, each walk shared out. Listings are shared (the lister is
    /// thread-safe); each worker reads the `.gitignore` rules for itself, as they are cached as
    /// they are read.
    private func walk(_ patterns: [String]) -> Walk {
        var pending: [String] = []
        var named: Set<String> = []
        for pattern in patterns where patternDigests[pattern] == nil && named.insert(pattern).inserted { pending.append(pattern) }
        var lists = [[String]](repeating: [], count: pending.count)
        // Fewer patterns than workers (one `src/**` shared by every exercise, say): each walk is
        // itself shared out, folder by folder.
        if pending.count < width {
            let rules = IgnoreRules(root: root, lister: lister)
            for (index, pattern) in pending.enumerated() {
                lists[index] = Glob(pattern).filesInWalkOrder(in: root, lister: lister, ignoring: rules, width: width)
            }
            return Walk(patterns: pending, lists: lists)
        }
        lists.withUnsafeMutableBufferPointer { lists in
            ConcurrentFileWork.blocking(pending.count, width: width) { run in
                let rules = IgnoreRules(root: root, lister: lister)
                for index in run { lists[index] = Glob(pending[index]).filesInWalkOrder(in: root, lister: lister, ignoring: rules) }
            }
        }
        return Walk(patterns: pending, lists: lists)
    }

    /// Stamps the files of a walk — each once — and digests its patterns.
    private func digest(_ walk: Walk) {
        let (pending, lists) = (walk.patterns, walk.lists)
        guard !pending.isEmpty else { return }
        // Each file once: a file named by two patterns, or stamped by an earlier batch, is not
        // stamped again. One pattern in the first batch — the usual `lab check` of a lab whose
        // exercises share their sources, or a test — needs no lookup at all.
        var files: [String] = []
        var slots: [[Int]] = []
        if pending.count == 1 && batches.isEmpty {
            files = lists[0]
        } else {
            rememberBatches()
            var slot: [PathKey: Int] = [:]
            for list in lists {
                var indices: [Int] = []
                indices.reserveCapacity(list.count)
                for path in list {
                    let key = PathKey(path)
                    if let known = slot[key] {
                        indices.append(known)
                    } else if stamped[key] != nil {
                        // Stamped by an earlier batch: its digest is taken from there.
                        indices.append(-1)
                    } else {
                        slot[key] = files.count
                        indices.append(files.count)
                        files.append(path)
                    }
                }
                slots.append(indices)
            }
        }
        let digests = stamp(files)
        filesStamped += files.count
        batches.append((files, digests))

        for (index, pattern) in pending.enumerated() {
            if lists[index].isEmpty { emptyPatterns.insert(pattern) }
            var hasher = SHA256()
            // The lines are hashed in blocks of about 64 KiB: one update per file cost more than
            // the hashing itself.
            var lines: [UInt8] = []
            lines.reserveCapacity(1 << 16 + 512)
            for (position, path) in lists[index].enumerated() {
                let digest: FileDigest?
                if slots.isEmpty {
                    digest = digests[position]
                } else {
                    let slot = slots[index][position]
                    digest = slot >= 0 ? digests[slot] : (stamped[PathKey(path)] ?? nil)
                }
                lines.append(contentsOf: path.utf8)
                lines.append(0)
                if let digest { digest.appendHex(to: &lines) } else { lines.append(contentsOf: "unreadable".utf8) }
                lines.append(0x0A)
                if lines.count >= 1 << 16 {
                    lines.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                    lines.removeAll(keepingCapacity: true)
                }
            }
            lines.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            patternDigests[pattern] = Array(hasher.finalize())
        }
    }

    /// Folds the batches stamped so far into `stamped`, for a batch that may name their files again.
    private func rememberBatches() {
        for batch in batches {
            for (path, digest) in zip(batch.files, batch.digests) { stamped[PathKey(path)] = digest }
        }
        batches.removeAll()
    }

    /// The digests of `files`, in order, stamped side by side: a worker per core, each run of
    /// consecutive files (so, mostly, folders of its own) with folder descriptors of its own.
    private func stamp(_ files: [String]) -> [FileDigest?] {
        // A worker's share is worth its start-up only when it has a few hundred stats to make.
        let width = min(self.width, max(1, files.count / 256))
        var digests = [FileDigest?](repeating: nil, count: files.count)
        // Four runs a worker, taken as workers come free: a worker held up (another process on its
        // core) leaves its next run to the others instead of finishing late alone.
        let runs = ConcurrentFileWork.runs(files.count, width: width == 1 ? 1 : 4 * width)
        var stamps = [[(path: String, stamp: LabState.FileStamp, digest: FileDigest)]](repeating: [], count: runs.count)
        digests.withUnsafeMutableBufferPointer { digests in
            stamps.withUnsafeMutableBufferPointer { stamps in
                ConcurrentFileWork.blocking(runs) { worker, run in
                    let stats = FolderStat(root: root)
                    for index in run {
                        let (digest, stamp) = stampedDigest(of: files[index], stats: stats)
                        digests[index] = digest
                        if let stamp, let digest { stamps[worker].append((files[index], stamp, digest)) }
                    }
                }
            }
        }
        for worker in stamps {
            for (path, stamp, digest) in worker { updatedStamps.set(stamp, digest: digest, for: path) }
        }
        return digests
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

    /// The SHA-256 of a file's content, from the stamp cache when the file is unchanged, and the
    /// stamp to record when it was hashed (its `sha256` left empty: the digest is the first value).
    /// Called from several threads at once: reads only what does not change during the run.
    private func stampedDigest(of path: String, stats: FolderStat) -> (FileDigest?, LabState.FileStamp?) {
        var info = stat()
        guard stats.read(path, into: &info) else { return (nil, nil) }
        if let recorded = known.digest(of: path, ifStampIs: Self.stamp(info)) { return (recorded, nil) }
        // Hashed through the folder it was stat'ed in, and stamped from the open file: the stamp
        // kept is that of the content hashed, even if the file or its folder moved meanwhile.
        let descriptor = stats.open(path)
        guard descriptor >= 0 else { return (nil, nil) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { return (nil, nil) }
        var hasher = SHA256()
        do throws(FileError) {
            try FileSystem.forEachChunk(of: descriptor, info: info, displayPath: path) { hasher.update(bufferPointer: $0) }
        } catch {
            return (nil, nil)
        }
        let digest = FileDigest(hasher.finalize())
        // A file changed within the last clock tick may change again without its stamp moving:
        // hashed now, but its stamp not kept ("racy", as git says).
        let stamp = Self.stamp(info)
        guard stamp.mtime < racyAfter && stamp.ctime < racyAfter else { return (digest, nil) }
        return (digest, stamp)
    }

    private static func stamp(_ info: stat) -> LabState.FileStamp {
        LabState.FileStamp(
            size: Int64(info.st_size), mtime: nanoseconds(info.st_mtim), ctime: nanoseconds(info.st_ctim),
            inode: UInt64(info.st_ino), sha256: "")
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
