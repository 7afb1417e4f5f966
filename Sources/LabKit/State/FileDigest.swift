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
    /// A state holds one per source file, so sixteen digits are gathered into a word at a time.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let digits = hex.baseAddress else { return nil }
        var invalid: UInt8 = 0
        func word(_ start: Int) -> UInt64 {
            var value: UInt64 = 0
            for offset in start..<(start + 16) {
                let nibble = Self.nibble(digits[offset])
                invalid |= nibble
                value = value << 4 | UInt64(nibble & 0x0F)
            }
            // The first digit is the first byte's high half: in memory, the bytes in order.
            return UInt64(bigEndian: value)
        }
        let words = (word(0), word(16), word(32), word(48))
        guard invalid & 0xF0 == 0 else { return nil }
        self.words = words
    }

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

    /// A lowercase hexadecimal digit's value; 0xFF (high bits set) for any other byte.
    @inline(__always)
    private static func nibble(_ digit: UInt8) -> UInt8 {
        let decimal = digit &- UInt8(ascii: "0")
        if decimal < 10 { return decimal }
        let letter = digit &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xFF
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
