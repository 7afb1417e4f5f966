/// The last bytes a process wrote to one output stream, with the count of everything it wrote.
public struct OutputTail: Sendable, Equatable {
    /// The kept bytes, oldest first.
    public var bytes: [UInt8]
    /// Every byte the stream carried, kept or not.
    public var totalBytes: Int

    public init(bytes: [UInt8] = [], totalBytes: Int? = nil) {
        self.bytes = bytes
        self.totalBytes = max(totalBytes ?? bytes.count, bytes.count)
    }

    public static let empty = OutputTail()

    /// The tail with `more` written after it, still no longer than `limit` bytes.
    public func appending(_ more: [UInt8], limit: Int) -> OutputTail {
        let all = bytes + more
        return OutputTail(bytes: Array(all.suffix(max(0, limit))), totalBytes: totalBytes + more.count)
    }

    /// Whether earlier bytes were dropped to keep the tail bounded.
    public var isTruncated: Bool { totalBytes > bytes.count }

    /// The kept bytes as UTF-8, invalid sequences replaced by U+FFFD.
    ///
    /// A truncated tail usually starts inside a multi-byte character; its leading continuation
    /// bytes are skipped so that the text does not start with a replacement character.
    public var text: String {
        var start = 0
        if isTruncated {
            // At most three continuation bytes can follow a character's first byte.
            while start < min(bytes.count, 3), bytes[start] & 0b1100_0000 == 0b1000_0000 {
                start += 1
            }
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
