import LabSpec

/// One of N parts of a `lab check` run (`--shard I/N`), for a CI matrix: the selected exercises
/// are split into N shards so that every exercise is in exactly one, the same way on every machine
/// given the same exercises and durations, with the shards' total durations as even as the
/// longest exercise allows.
public struct CheckShard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// More shards than a CI matrix can run is a typo.
    public static let maximumCount = 1024

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notAFraction(String)
        case countOutOfRange(Int)
        case indexOutOfRange(index: Int, count: Int)

        public var description: String {
            switch self {
            case .notAFraction(let text):
                return "'\(text)' is not a shard: write I/N, two whole numbers, e.g. 2/4 for the second of four shards"
            case .countOutOfRange(let count):
                return "\(count) shards: the number of shards must be between 1 and \(CheckShard.maximumCount)"
            case .indexOutOfRange(let index, let count):
                return "there is no shard \(index) of \(count): shards are numbered from 1 to \(count)"
            }
        }
    }

    /// `I/N`, with 1 ≤ I ≤ N.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let digits = { (part: Substring) in !part.isEmpty && part.count <= 9 && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 2, digits(parts[0]), digits(parts[1]), let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .notAFraction(text)
        }
        guard (1...Self.maximumCount).contains(count) else { throw .countOutOfRange(count) }
        guard (1...count).contains(index) else { throw .indexOutOfRange(index: index, count: count) }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's exercises, in their order in `exercises`.
    public func select(_ exercises: [Exercise], durations: [String: Double]) -> [Exercise] {
        let mine = Set(Self.split(exercises.map(\.id), into: count, durations: durations)[index - 1])
        return exercises.filter { mine.contains($0.id) }
    }

    /// `ids` split into `count` shards (each in the order of `ids`).
    ///
    /// Longest first, each to the shard with the least total so far (the lowest-numbered on a tie):
    /// with every duration known, the totals of any two shards then differ by at most the longest
    /// duration. An exercise counts at least `shortest` (a tenth of a second): durations below it
    /// are noise, and exercises that fail or pass in a few milliseconds are spread by their number
    /// (longest first, one of 3 ms to each of three shards and eight of 0.1 ms to the fourth, was
    /// even in time and useless to a CI matrix). An exercise without a recorded duration counts as
    /// the mean of those recorded;
    /// with none recorded, each counts the same, so the shards differ by at most one exercise. Ties
    /// are broken by a hash of the id that is the same on every machine and run (not Swift's
    /// seeded `Hasher`), then by the id itself.
    public static func split(_ ids: [String], into count: Int, durations: [String: Double]) -> [[String]] {
        let count = max(1, count)
        let weight = { (id: String) -> Double? in durations[id].flatMap { $0.isFinite && $0 >= 0 ? max($0, shortest) : nil } }
        let known = ids.compactMap(weight)
        let fallback = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
        let weighed = ids.enumerated().map { offset, id in
            let duration = weight(id) ?? fallback
            return (offset: offset, id: id, weight: duration, hash: stableHash(id))
        }
        let order = weighed.sorted { a, b in
            if a.weight != b.weight { return a.weight > b.weight }
            if a.hash != b.hash { return a.hash < b.hash }
            if a.id != b.id { return a.id < b.id }
            return a.offset < b.offset
        }
        var totals = Array(repeating: 0.0, count: count)
        var assigned = Array(repeating: 0, count: ids.count)
        for entry in order {
            var lightest = 0
            for shard in 1..<count where totals[shard] < totals[lightest] { lightest = shard }
            totals[lightest] += entry.weight
            assigned[entry.offset] = lightest
        }
        var shards = Array(repeating: [String](), count: count)
        for (offset, id) in ids.enumerated() { shards[assigned[offset]].append(id) }
        return shards
    }

    /// The least an exercise counts for in a split, in seconds.
    public static let shortest = 0.1

    /// 64-bit FNV-1a of the id's UTF-8 bytes.
    static func stableHash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
