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
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &words) { target in
            for index in 0..<32 {
                guard let high = Self.value(of: hex[2 * index]), let low = Self.value(of: hex[2 * index + 1]) else { return false }
                target[index] = high << 4 | low
            }
            return true
        }
        guard valid else { return nil }
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
        withUnsafeBytes(of: words) { bytes in
            for byte in bytes {
                text.append(Self.digits[Int(byte >> 4)])
                text.append(Self.digits[Int(byte & 0x0F)])
            }
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func value(of digit: UInt8) -> UInt8? {
        if digit &- UInt8(ascii: "0") < 10 { return digit &- UInt8(ascii: "0") }
        if digit &- UInt8(ascii: "a") < 6 { return digit &- UInt8(ascii: "a") + 10 }
        return nil
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
