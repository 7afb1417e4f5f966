/// Where a byte sequence stops being valid UTF-8.
public enum UTF8Validation {
    /// The byte offset of the first byte that is not part of valid UTF-8 (overlong forms and
    /// surrogates included), if any.
    public static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes at a time, the common case.
            if index + 8 <= count {
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) }
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            if byte & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
            else if byte & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
            else if byte & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
            else { return index }
            guard index + length <= count else { return index }
            var scalar = UInt32(byte) & (0x7F >> UInt32(length))
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
