import Foundation
import LabRuntime
import LabSpec

/// The outline of a lab (`LabOutline`) that `lab status` and `lab list` keep in
/// `.lab/cache/outline-BUILD` between runs: on this repository, reading and validating the
/// 105 KB `lab.yml` was most of what `lab status` did.
///
/// The file is keyed by a SHA-256 of the running build's ID (`BuildIdentity`), of the libyaml it
/// runs with, of `lab.yml`'s inode number and of its bytes. A change to any of them, however small
/// and whenever it is made (the same size, the same modification time), and the file is read as
/// absent; so are a file of another layout, a damaged one, one that is not a regular file, and one
/// reached through a symbolic link. The inode number is what a lab cloned from a stranger cannot
/// know in advance: an outline forged for its `lab.yml` and committed never matches. The values
/// read are checked as `lab.yml`'s decoder checks them (positive phase ids, durations it accepts).
/// Only a `lab.yml` without errors is kept, so a kept outline always stands for a valid lab, and
/// what is printed from it is what would be printed from `lab.yml` itself. Keeping it is best
/// effort, and only where `.lab/` is already a folder of the lab (`lab status` creates no `.lab/`
/// beside a file named with `--lab`): a lab that cannot be written to (read-only, a full disk),
/// or whose `.lab`, `.lab/cache` or outline is a symbolic link, even one that stays inside the lab,
/// is read whole each time, and nothing is reported.
///
/// `.lab/cache/` holds a `.gitignore` of `*`, as pytest's and ruff's caches do, so that the
/// folder never shows in `git status`, whatever the lab's own `.gitignore` says.
public struct OutlineCache: Sendable {
    public static let folder = ".lab/cache"
    /// The start of every outline's file name; the build's ID follows.
    static let prefix = "outline-"
    /// How many builds' outlines a lab keeps: the running build's, and the others kept most
    /// recently. Builds used side by side (a release and a debug build, an old and a new version
    /// compared) each find their own instead of replacing each other's at every run.
    static let buildsKept = 4
    /// The first bytes of the file: what it is, and the version of its layout.
    static let magic = Array("lab outline 1\n".utf8)
    /// Far more than any outline: 10,000 exercises take about 400 KB.
    static let readLimit = 32 << 20

    let files: ContainedRoot
    /// The running build's ID (nil: nothing is kept or read).
    let build: [UInt8]?

    public init(files: ContainedRoot, build: [UInt8]? = BuildIdentity.bytes) {
        self.files = files
        self.build = build
    }

    /// This build's file, relative to the lab root: `.lab/cache/outline-` and the first 8 bytes
    /// of the build's ID in hex.
    var path: String? {
        build.map { Self.folder + "/" + Self.prefix + ContentDigest.hex($0.prefix(8)) }
    }

    /// The key of the outline this build derives from `labFile` (`lab.yml`'s bytes) read from
    /// the file with this inode number; nil when the build cannot tell who it is.
    public func key(labFile: [UInt8], inode: UInt64) -> [UInt8]? {
        Self.key(labFile: labFile, inode: inode, build: build)
    }

    static func key(labFile: [UInt8], inode: UInt64, build: [UInt8]?, libyaml: String = LibyamlVersion.text) -> [UInt8]? {
        guard let build else { return nil }
        var builder = ContentDigest.Builder()
        builder.add(build)
        builder.add(libyaml)
        builder.add(withUnsafeBytes(of: inode.littleEndian) { Array($0) })
        builder.add(labFile)
        return builder.finishBytes()
    }

    /// `relative` resolved, when no component of it is a symbolic link (not even one that stays
    /// inside the lab): the outline's files are read and written only where they are named.
    private func plain(_ relative: String, for action: String) -> ResolvedPath? {
        (try? files.resolveWithoutLinks(relative, for: action)) ?? nil
    }

    /// The kept outline when its key is `key`; nil otherwise, or when there is none to read.
    public func load(key: [UInt8]) -> LabOutline? {
        var mode: mode_t = 0
        guard let relative = path, let path = plain(relative, for: "read"),
            let bytes = try? FileSystem.read(path.absolute, displayPath: path.display, limit: Self.readLimit, mode: &mode, followingLinks: false)
        else { return nil }
        return Self.decode(bytes, key: key)
    }

    /// Keeps `outline` under `key`, replacing what this build kept; any failure is ignored.
    public func store(_ outline: LabOutline, key: [UInt8]) {
        guard let relative = path, let labFolder = plain(".lab", for: "write"), FileSystem.kind(labFolder.absolute) == .directory,
            let folder = plain(Self.folder, for: "write"), let file = plain(relative, for: "write"),
            let ignore = plain(Self.folder + "/.gitignore", for: "write")
        else { return }
        do {
            if FileSystem.kind(folder.absolute) == .missing { try FileSystem.createDirectory(folder) }
            guard FileSystem.kind(folder.absolute) == .directory, [.missing, .file].contains(FileSystem.kind(file.absolute)) else { return }
            switch FileSystem.kind(ignore.absolute) {
            case .missing: try Self.writeIgnore(ignore)
            case .file: break
            default: return
            }
            // Leftovers of killed writes go first, as a lock holder's would. Without the lock,
            // one may be another run's write in progress: its rename then fails, and being a
            // cache, nothing is lost.
            try AtomicFile.write(Self.encode(outline, key: key), to: file, durable: false, removingLeftovers: true)
        } catch {
            return
        }
        removeOtherBuilds(in: folder, keeping: (relative as NSString).lastPathComponent)
    }

    /// Puts the folder's `.gitignore` back when it went missing: a run that finds its outline
    /// writes nothing else, and without it git would show the folder. One `lstat` when it is there.
    public func keepIgnored() {
        let base = files.realPath == "/" ? "" : files.realPath
        guard FileSystem.kind(base + "/" + Self.folder + "/.gitignore") == .missing,
            let folder = plain(Self.folder, for: "write"), FileSystem.kind(folder.absolute) == .directory,
            let ignore = plain(Self.folder + "/.gitignore", for: "write")
        else { return }
        try? Self.writeIgnore(ignore)
    }

    private static func writeIgnore(_ path: ResolvedPath) throws(FileError) {
        try AtomicFile.write(Array("# Made by lab: what lab keeps here can be remade, and git ignores it.\n*\n".utf8), to: path, durable: false)
    }

    /// Whether `name` is an outline's file name: the prefix and 16 lower-case hex digits.
    static func isOutlineName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let prefix = Array(Self.prefix.utf8)
        return bytes.count == prefix.count + 16 && bytes.starts(with: prefix)
            && bytes[prefix.count...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Removes the outlines of other builds beyond the `buildsKept - 1` kept most recently: regular
    /// files with an outline's name that start as an outline does, and nothing else.
    private func removeOtherBuilds(in folder: ResolvedPath, keeping own: String) {
        guard let names = FileSystem.list(folder.absolute) else { return }
        var others: [(name: String, modified: Int64)] = []
        for name in names where Self.isOutlineName(name) && name != own {
            let path = folder.absolute + "/" + name
            guard FileSystem.kind(path) == .file, Self.startsAsAnOutline(path), let stamp = FileSystem.stamp(path) else { continue }
            others.append((name, stamp.modified))
        }
        guard others.count > Self.buildsKept - 1 else { return }
        others.sort { ($0.modified, $0.name) > ($1.modified, $1.name) }
        for other in others.dropFirst(Self.buildsKept - 1) {
            guard let path = plain(Self.folder + "/" + other.name, for: "remove") else { continue }
            try? FileSystem.remove(path)
        }
    }

    /// Whether the regular file at `path` begins with `magic`: read without following a link.
    static func startsAsAnOutline(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: magic.count)
        let count = head.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        return count == magic.count && head == magic
    }

    // MARK: - The file's layout

    // `magic`, the 32-byte key, then the outline: integers little-endian (UInt32 counts and
    // lengths, Int64 numbers), strings as a length and their UTF-8 bytes, an optional string as a
    // byte 0 (none) or 1 and the string. Nothing follows the last phase.

    static func encode(_ outline: LabOutline, key: [UInt8]) -> [UInt8] {
        var writer = Writer()
        writer.bytes += magic
        writer.bytes += key
        writer.string(outline.name)
        writer.count(outline.reviewIntervals.count)
        for interval in outline.reviewIntervals {
            writer.integer(interval.components.seconds)
            writer.integer(interval.components.attoseconds)
        }
        writer.count(outline.phases.count)
        for phase in outline.phases {
            writer.integer(Int64(phase.id))
            writer.string(phase.title)
            if let weeks = phase.weeks {
                writer.bytes.append(1)
                writer.string(weeks)
            } else {
                writer.bytes.append(0)
            }
            writer.bytes.append(statusCode(phase.status))
            writer.string(phase.doc)
            writer.count(phase.exercises.count)
            for exercise in phase.exercises {
                writer.string(exercise.id)
                writer.string(exercise.title)
                writer.integer(Int64(exercise.phase))
                writer.bytes.append(exercise.isManual ? 1 : 0)
            }
        }
        return writer.bytes
    }

    /// The outline `bytes` hold under `key`; nil for any other key, layout or damage.
    static func decode(_ bytes: [UInt8], key: [UInt8]) -> LabOutline? {
        var reader = Reader(bytes: bytes)
        guard reader.take(magic.count).map({ $0.elementsEqual(magic) }) == true,
            reader.take(key.count).map({ $0.elementsEqual(key) }) == true,
            let name = reader.string(),
            let intervalCount = reader.count(eachAtLeast: 16)
        else { return nil }
        var intervals: [Duration] = []
        intervals.reserveCapacity(intervalCount)
        for _ in 0..<intervalCount {
            // As `lab.yml` writes durations: under DurationText's maximum, whole attoseconds.
            guard let seconds = reader.integer(), let attoseconds = reader.integer(), seconds >= 0, seconds < 1_000_000_000,
                attoseconds >= 0, attoseconds < 1_000_000_000_000_000_000
            else { return nil }
            intervals.append(Duration(secondsComponent: seconds, attosecondsComponent: attoseconds))
        }
        // A phase takes at least 8 + 4 + 1 + 1 + 4 + 4 bytes, an exercise 4 + 4 + 8 + 1.
        guard let phaseCount = reader.count(eachAtLeast: 22) else { return nil }
        var phases: [LabOutline.Phase] = []
        phases.reserveCapacity(phaseCount)
        for _ in 0..<phaseCount {
            guard let id = reader.int(), id > 0, let title = reader.string(), let hasWeeks = reader.byte(), hasWeeks <= 1 else { return nil }
            var weeks: String?
            if hasWeeks == 1 {
                guard let text = reader.string() else { return nil }
                weeks = text
            }
            guard let code = reader.byte(), let status = status(code), let doc = reader.string(),
                let exerciseCount = reader.count(eachAtLeast: 17)
            else { return nil }
            var exercises: [LabOutline.Exercise] = []
            exercises.reserveCapacity(exerciseCount)
            for _ in 0..<exerciseCount {
                guard let exerciseID = reader.string(), let exerciseTitle = reader.string(), let phase = reader.int(), phase == id,
                    let manual = reader.byte(), manual <= 1
                else { return nil }
                exercises.append(LabOutline.Exercise(id: exerciseID, title: exerciseTitle, phase: phase, isManual: manual == 1))
            }
            phases.append(LabOutline.Phase(id: id, title: title, weeks: weeks, status: status, doc: doc, exercises: exercises))
        }
        guard reader.atEnd else { return nil }
        return LabOutline(name: name, reviewIntervals: intervals, phases: phases)
    }

    static func statusCode(_ status: PhaseStatus) -> UInt8 {
        switch status {
        case .pending: 0
        case .inProgress: 1
        case .done: 2
        }
    }

    static func status(_ code: UInt8) -> PhaseStatus? {
        switch code {
        case 0: .pending
        case 1: .inProgress
        case 2: .done
        default: nil
        }
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) {
            var little = UInt32(truncatingIfNeeded: value).littleEndian
            withUnsafeBytes(of: &little) { bytes += $0 }
        }

        mutating func integer(_ value: Int64) {
            var little = value.littleEndian
            withUnsafeBytes(of: &little) { bytes += $0 }
        }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                count(utf8.count)
                bytes += utf8
            }
        }
    }

    /// Reads what `Writer` wrote, checking every length against what is left: a damaged file
    /// reads as nil, never as a crash or a huge allocation.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ length: Int) -> ArraySlice<UInt8>? {
            guard length >= 0, bytes.count - offset >= length else { return nil }
            defer { offset += length }
            return bytes[offset..<(offset + length)]
        }

        mutating func byte() -> UInt8? {
            take(1)?.first
        }

        mutating func uint32() -> UInt32? {
            little(4).flatMap { UInt32(exactly: $0) }
        }

        mutating func integer() -> Int64? {
            little(8).map { Int64(bitPattern: $0) }
        }

        /// The next `size` bytes as a little-endian number.
        private mutating func little(_ size: Int) -> UInt64? {
            guard bytes.count - offset >= size else { return nil }
            var value: UInt64 = 0
            for index in stride(from: offset + size - 1, through: offset, by: -1) {
                value = value << 8 | UInt64(bytes[index])
            }
            offset += size
            return value
        }

        /// An `Int64` that fits `Int`.
        mutating func int() -> Int? {
            integer().flatMap { Int(exactly: $0) }
        }

        /// A count of items of at least `size` bytes each, refused when what is left cannot hold them.
        mutating func count(eachAtLeast size: Int) -> Int? {
            guard let value = uint32() else { return nil }
            let count = Int(value)
            return count <= (bytes.count - offset) / size ? count : nil
        }

        mutating func string() -> String? {
            guard let length = uint32(), let slice = take(Int(length)) else { return nil }
            return String(validating: slice, as: UTF8.self)
        }
    }
}
