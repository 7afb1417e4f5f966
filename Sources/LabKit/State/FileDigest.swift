import Crypto

/// A file content's SHA-256, as 32 bytes rather than 64 hexadecimal characters: an up-to-date check
/// carries one per source file, and a String apiece was thousands of allocations a run.
struct FileDigest: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    init(_ digest: SHA256.Digest) {
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            digest.withUnsafeBytes { target.copyMemory(from: $0) }
        }
    }

    /// Read from its 64 lowercase hexadecimal digits, as `lab` writes it; nil for anything else.
    /// A state holds one per source file: a digit's value is looked up in a table, with no branch.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let digits = hex.baseAddress else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let invalid = Self.values.withUnsafeBufferPointer { values in
            withUnsafeMutableBytes(of: &words) { bytes -> UInt8 in
                var invalid: UInt8 = 0
                for index in 0..<32 {
                    let high = values[Int(digits[2 * index])]
                    let low = values[Int(digits[2 * index + 1])]
                    invalid |= high | low
                    bytes[index] = high << 4 | low & 0x0F
                }
                return invalid
            }
        }
        guard invalid & 0xF0 == 0 else { return nil }
        self.words = words
    }

    /// Each byte's value as a lowercase hexadecimal digit; 0xFF (high bits set) for any other.
    private static let values: [UInt8] = {
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in "0123456789abcdef".utf8.enumerated() { values[Int(digit)] = UInt8(value) }
        return values
    }()

    init?(hex: String) {
        var hex = hex
        guard let digest = hex.withUTF8({ FileDigest(hex: $0) }) else { return nil }
        self = digest
    }

    /// The 64 lowercase hexadecimal digits.
    var hex: String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        appendHex(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the 64 digits to `text`, without a String between.
    func appendHex(to text: inout [UInt8]) {
        let digits = ("0123456789abcdef" as StaticString).utf8Start
        withUnsafeBytes(of: words) { bytes in
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    static func == (left: FileDigest, right: FileDigest) -> Bool {
        left.words.0 == right.words.0 && left.words.1 == right.words.1 && left.words.2 == right.words.2 && left.words.3 == right.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
