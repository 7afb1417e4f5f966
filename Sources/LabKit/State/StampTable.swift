import Foundation

/// The stamps of the state's source files, path by path: what an up-to-date `lab check` compares
/// every file with. Thousands are read at every such check, so they are kept without an object
/// apiece — the paths' bytes in one buffer, the stamps in one array, an open-addressing index on
/// the paths — and read straight from the state file's lines (`add(line:)`); a dictionary of
/// Strings cost a third of a check of 4,000 files, in allocations made and freed.
///
/// Paths are compared byte for byte: `é` and `e` + U+0301 are two files, as on disk.
public struct StampTable: Sendable {
    private struct Entry {
        var pathStart: Int
        var pathCount: Int
        var hash: Int
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var inode: UInt64
        var digest: FileDigest
    }

    private var pathBytes: [UInt8] = []
    private var entries: [Entry] = []
    /// A power of two many, at most half full: 0 is free, `n` is `entries[n - 1]`.
    private var slots: [Int32] = []

    public init() {}

    init(minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
        pathBytes.reserveCapacity(minimumCapacity * 32)
        slots = Array(repeating: 0, count: Self.slotCount(for: minimumCapacity))
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(path: String) -> LabState.FileStamp? {
        guard let index = index(of: path) else { return nil }
        let entry = entries[index]
        return LabState.FileStamp(size: entry.size, mtime: entry.mtime, ctime: entry.ctime, inode: entry.inode, sha256: entry.digest.hex)
    }

    /// Records `stamp` for `path`, in place of the one it had. A stamp whose digest is not
    /// SHA-256's 64 lowercase hexadecimal digits is not kept: it could not be read back.
    public mutating func set(_ stamp: LabState.FileStamp, for path: String) {
        guard let digest = FileDigest(hex: stamp.sha256) else { return }
        set(stamp, digest: digest, for: path)
    }

    /// Records `stamp` for `path` with the digest `digest` (the stamp's own `sha256` is not read):
    /// for a file just hashed, whose digest need not go through its hexadecimal text.
    mutating func set(_ stamp: LabState.FileStamp, digest: FileDigest, for path: String) {
        var path = path
        path.withUTF8 { insert(path: $0, size: stamp.size, mtime: stamp.mtime, ctime: stamp.ctime, inode: stamp.inode, digest: digest) }
    }

    /// Records every stamp of `other`, in place of the ones its paths had here.
    public mutating func merge(_ other: StampTable) {
        other.pathBytes.withUnsafeBufferPointer { bytes in
            for entry in other.entries {
                insert(
                    path: UnsafeBufferPointer(rebasing: bytes[entry.pathStart..<(entry.pathStart + entry.pathCount)]), size: entry.size,
                    mtime: entry.mtime, ctime: entry.ctime, inode: entry.inode, digest: entry.digest)
            }
        }
    }

    /// The recorded digest of `path`'s content, when its stamp is still `current` (size, times and
    /// inode; the digest of `current` is not looked at).
    func digest(of path: String, ifStampIs current: LabState.FileStamp) -> FileDigest? {
        guard let index = index(of: path) else { return nil }
        let entry = entries[index]
        guard entry.size == current.size, entry.mtime == current.mtime, entry.ctime == current.ctime, entry.inode == current.inode
        else { return nil }
        return entry.digest
    }

    // MARK: Lines

    /// One line of the state's `files`, `SIZE MTIME CTIME INODE SHA256 PATH`, read in; a line of
    /// another shape is skipped (false). A path seen before takes the later stamp.
    @discardableResult
    mutating func add(line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let parsed = Self.parse(line: line) else { return false }
        insert(
            path: UnsafeBufferPointer(rebasing: line[parsed.path]), size: parsed.size, mtime: parsed.mtime, ctime: parsed.ctime,
            inode: parsed.inode, digest: parsed.digest)
        return true
    }

    /// The lines of every stamp, in the byte order of their paths, so the file is stable.
    var lines: [String] {
        let order = pathBytes.withUnsafeBufferPointer { bytes in
            entries.indices.sorted { left, right in
                let (a, b) = (entries[left], entries[right])
                let common = min(a.pathCount, b.pathCount)
                let compared = common == 0 ? 0 : memcmp(bytes.baseAddress! + a.pathStart, bytes.baseAddress! + b.pathStart, common)
                return compared != 0 ? compared < 0 : a.pathCount < b.pathCount
            }
        }
        return order.map { index in
            let entry = entries[index]
            var line = Array("\(entry.size) \(entry.mtime) \(entry.ctime) \(entry.inode) ".utf8)
            line.reserveCapacity(line.count + 65 + entry.pathCount)
            entry.digest.appendHex(to: &line)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: pathBytes[entry.pathStart..<(entry.pathStart + entry.pathCount)])
            return String(decoding: line, as: UTF8.self)
        }
    }

    struct ParsedLine {
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var inode: UInt64
        var digest: FileDigest
        /// Where the path is in the line: the rest of it.
        var path: Range<Int>
    }

    /// `SIZE MTIME CTIME INODE SHA256 PATH` read; nil when the line does not have that shape.
    /// Byte by byte, in one pass.
    static func parse(line bytes: UnsafeBufferPointer<UInt8>) -> ParsedLine? {
        var index = 0
        var numbers: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for field in 0..<4 {
            let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let start = index
            // Leading zeros add nothing (`lab` writes none, but they read as before).
            while index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] &- UInt8(ascii: "0") < 10 { index += 1 }
            let digits = index
            var value: UInt64 = 0
            // Nineteen digits always fit; a twentieth is checked; with a twenty-first (past leading
            // zeros) the number never fits.
            let fast = min(bytes.count, digits + 19)
            while index < fast {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                value = value &* 10 &+ UInt64(digit)
                index += 1
            }
            if index == digits + 19, index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
                let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
                let (sum, carried) = times.addingReportingOverflow(UInt64(digit))
                guard !overflowed, !carried else { return nil }
                value = sum
                index += 1
            }
            guard index < bytes.count, index > start, bytes[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            if negative {
                // Down to Int64.min, whose negation does not fit in an Int64: wrapping gives it.
                guard value <= UInt64(1) << 63 else { return nil }
                value = UInt64(bitPattern: 0 &- Int64(bitPattern: value))
            }
            switch field {
            case 0: numbers.0 = value
            case 1: numbers.1 = value
            case 2: numbers.2 = value
            default: numbers.3 = value
            }
        }
        // The digest in lowercase hexadecimal, as written, a space, and a path of one byte or more.
        guard index + 65 < bytes.count, bytes[index + 64] == UInt8(ascii: " "),
            let digest = FileDigest(hex: UnsafeBufferPointer(rebasing: bytes[index..<(index + 64)]))
        else { return nil }
        return ParsedLine(
            size: Int64(bitPattern: numbers.0), mtime: Int64(bitPattern: numbers.1), ctime: Int64(bitPattern: numbers.2),
            inode: numbers.3, digest: digest, path: (index + 65)..<bytes.count)
    }

    // MARK: The index

    private func index(of path: String) -> Int? {
        if let found = path.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) { return found }
        return Array(path.utf8).withUnsafeBufferPointer { index(of: $0) }
    }

    private func index(of path: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !slots.isEmpty else { return nil }
        let hash = Self.hash(path)
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if entries[index].hash == hash, has(path, at: index) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private func has(_ path: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let entry = entries[index]
        guard entry.pathCount == path.count else { return false }
        guard entry.pathCount > 0 else { return true }
        return pathBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + entry.pathStart, path.baseAddress!, path.count) == 0 }
    }

    private mutating func insert(
        path: UnsafeBufferPointer<UInt8>, size: Int64, mtime: Int64, ctime: Int64, inode: UInt64, digest: FileDigest
    ) {
        if let known = index(of: path) {
            entries[known].size = size
            entries[known].mtime = mtime
            entries[known].ctime = ctime
            entries[known].inode = inode
            entries[known].digest = digest
            return
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(path)
        entries.append(Entry(
            pathStart: pathBytes.count, pathCount: path.count, hash: hash, size: size, mtime: mtime, ctime: ctime, inode: inode,
            digest: digest))
        pathBytes.append(contentsOf: path)
        place(entries.count - 1, hash: hash)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: Self.slotCount(for: max(entries.count + 1, slots.count)))
        for (index, entry) in entries.enumerated() { place(index, hash: entry.hash) }
    }

    private mutating func place(_ index: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    /// Enough slots for `count` entries at most half full.
    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < count * 2 { slots *= 2 }
        return slots
    }

    /// Seeded per process, as Swift's dictionaries are: a state file made to collide cannot make
    /// reading it quadratic.
    private static func hash(_ path: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(path))
        return hasher.finalize()
    }
}

extension StampTable: Equatable {
    /// The same paths with the same stamps, however they were added.
    public static func == (left: StampTable, right: StampTable) -> Bool {
        guard left.count == right.count else { return false }
        return left.pathBytes.withUnsafeBufferPointer { bytes in
            left.entries.allSatisfy { entry in
                guard let index = right.index(of: UnsafeBufferPointer(rebasing: bytes[entry.pathStart..<(entry.pathStart + entry.pathCount)]))
                else { return false }
                let other = right.entries[index]
                return other.size == entry.size && other.mtime == entry.mtime && other.ctime == entry.ctime && other.inode == entry.inode
                    && other.digest == entry.digest
            }
        }
    }
}

extension StampTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, LabState.FileStamp)...) {
        self.init(minimumCapacity: elements.count)
        for (path, stamp) in elements { set(stamp, for: path) }
    }
}
