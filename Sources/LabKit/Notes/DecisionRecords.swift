/// The numbered decision records of a lab (`docs/decisions/NNNN-title-slug.md`): which numbers
/// are taken, the next one, and the surgical edit that marks a record superseded.
public enum DecisionRecords {
    /// Where decision records live, relative to the lab root.
    public static let folder = "docs/decisions"

    /// The number a file name carries: `0003-use-postgres.md` → 3; nil for other names.
    public static func number(ofFileName name: String) -> Int? {
        guard name.hasSuffix(".md") else { return nil }
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 4, name.dropFirst(digits.count).first == "-" || name.dropFirst(digits.count) == ".md" else { return nil }
        return Int(digits)
    }

    /// The next free number after every numbered record in `names` (1 for none).
    public static func nextNumber(after names: [String]) -> Int {
        (names.compactMap(number(ofFileName:)).max() ?? 0) + 1
    }

    /// The records numbered `number` among `names`, in name order: more than one after two
    /// branches each added a record.
    public static func fileNames(of number: Int, in names: [String]) -> [String] {
        names.sorted().filter { self.number(ofFileName: $0) == number }
    }

    /// `0007-use-postgres.md`.
    public static func fileName(number: Int, slug: String) -> String {
        "\(padded(number))-\(slug).md"
    }

    /// A number as records show it: four digits at least.
    public static func padded(_ number: Int) -> String {
        let text = String(number)
        return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
    }

    /// `bytes` with the value of the record's status replaced by `status`, every other byte kept:
    /// the `status:` key of its front matter (MADR), else a `Status: …` line (`* Status: …`
    /// of older MADR), else the first paragraph line under a `## Status` heading (Nygard).
    /// Nil when the record has no status to replace.
    public static func settingStatus(_ status: String, in bytes: [UInt8]) -> [UInt8]? {
        guard let target = statusRange(in: bytes) else { return nil }
        return Array(bytes[..<target.lowerBound]) + Array(status.utf8) + Array(bytes[target.upperBound...])
    }

    /// The record's status as written (`accepted`, `superseded by [ADR 0002](0002-b.md)`), found
    /// where `settingStatus` would replace it; nil when it has none.
    public static func status(in bytes: [UInt8]) -> String? {
        statusRange(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Where the value of the record's status is.
    private static func statusRange(in bytes: [UInt8]) -> Range<Int>? {
        let lines = lineRanges(bytes)
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var target: Range<Int>?
        // Front matter: `---` on the first line, up to the next `---`.
        if let first = lines.first, text(first) == "---" {
            for range in lines.dropFirst() {
                let line = text(range)
                if line == "---" || line == "..." { break }
                if line.lowercased().hasPrefix("status:") {
                    target = valueRange(range, in: bytes, afterPrefix: "status:".utf8.count)
                    break
                }
            }
        }
        if target == nil {
            for range in lines {
                let line = text(range)
                var prefix = 0
                for bullet in ["* ", "- "] where line.hasPrefix(bullet) { prefix = 2 }
                if line.dropFirst(prefix).lowercased().hasPrefix("status:") {
                    target = valueRange(range, in: bytes, afterPrefix: prefix + "status:".utf8.count)
                    break
                }
            }
        }
        if target == nil, let heading = lines.firstIndex(where: { text($0).lowercased().trimmingTrailingSpaces() == "## status" }) {
            target = lines[(heading + 1)...].first { !text($0).allSatisfy(\.isWhitespace) && !text($0).hasPrefix("#") }
        }
        return target
    }

    /// The ranges of the lines of `bytes`, without their `\n` or `\r\n`.
    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            ranges.append(start..<end)
            start = newline + 1
        }
        return ranges
    }

    /// The value after a key of `prefix` bytes: spaces after the key and at the end left alone.
    private static func valueRange(_ line: Range<Int>, in bytes: [UInt8], afterPrefix prefix: Int) -> Range<Int> {
        var start = line.lowerBound + prefix
        while start < line.upperBound && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        var end = line.upperBound
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return start..<end
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
