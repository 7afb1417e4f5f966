/// Generates files and random edits of them for the differential tests of diffs and merges, from a
/// seed, so that a failing case can be replayed.
///
/// Lines come from a small vocabulary so that repeats (and thus ambiguous alignments) are common;
/// some lines hold no letter or digit, which is what git's conflict joining looks at.
struct GeneratedEdits {
    private var random: SplitMix64

    static let vocabulary = [
        "alpha", "beta", "gamma", "delta", "}", "", "    return x", "{", "epsilon", "# note", "zeta", "--",
    ]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// `count` random lines, without terminators.
    mutating func lines(count: Int) -> [String] {
        (0..<count).map { _ in Self.vocabulary.randomElement(using: &random) ?? "" }
    }

    /// `lines` with a number in `edits` of random insertions, deletions and replacements, each of one
    /// to three lines. New lines come from the vocabulary, or, with a `tag`, are lines only this side
    /// writes (`TAG 17`), so that two sides' edits of one base never coincide by chance.
    mutating func edit(_ lines: [String], edits: ClosedRange<Int>, tag: String? = nil) -> [String] {
        var lines = lines
        for _ in 0..<Int.random(in: edits, using: &random) {
            let position = Int.random(in: 0...lines.count, using: &random)
            let length = Int.random(in: 1...3, using: &random)
            let end = min(position + length, lines.count)
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                lines.insert(contentsOf: newLines(count: length, tag: tag), at: position)
            case 1:
                lines.removeSubrange(position..<end)
            default:
                lines.replaceSubrange(position..<end, with: newLines(count: Int.random(in: 1...3, using: &random), tag: tag))
            }
        }
        return lines
    }

    private mutating func newLines(count: Int, tag: String?) -> [String] {
        guard let tag else { return lines(count: count) }
        return (0..<count).map { _ in "\(tag) \(Int.random(in: 0...99, using: &random))" }
    }

    /// A number in `range`.
    mutating func number(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    /// True with the given chance.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    /// The bytes of `lines`, each ended by `ending`, the last one left unterminated when asked.
    static func bytes(_ lines: [String], ending: String = "\n", finalNewline: Bool = true) -> [UInt8] {
        var text = lines.map { $0 + ending }.joined()
        if !finalNewline, !lines.isEmpty {
            text.removeLast()  // "\r\n" is one Character, so this drops the whole ending.
        }
        return Array(text.utf8)
    }
}
