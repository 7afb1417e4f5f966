import Foundation

/// The `files` array of a state file as `lab` writes it — `\n "files": [`, then one stamp a line,
/// `  "SIZE MTIME CTIME INODE SHA256 PATH",`, then `\n ]` — found and read in place: a state holds
/// a line per source file, and reading thousands of them through the JSON tree (a string, an
/// array slot, a second parse) cost most of loading it.
///
/// Only the top-level array, and only lines whose string has no escape, are read this way; anything
/// else (an escaped path, other spacing, a hand-edited file) makes `init` return nil, and the whole
/// file is read as JSON. The rest of the file, with the array emptied, is still read as JSON:
/// `remainder`; a remainder with more than one `files` key is read again whole (which key wins
/// is the JSON reader's to say).
struct StampLines {
    /// The file with the array's lines taken out (`"files": [ ]`).
    let remainder: [UInt8]
    private let bytes: [UInt8]
    /// Where each line's string lies in `bytes`.
    private let strings: [Range<Int>]

    private static let key = Array("\n \"files\": [\n".utf8)

    init?(_ bytes: [UInt8]) {
        let found: (remainder: [UInt8], strings: [Range<Int>])? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let keyEnd = Self.end(of: Self.key, in: buffer),
                Self.isTopLevel(keyEnd - Self.key.count, in: buffer)
            else { return nil }
            let open = keyEnd - 2  // the `[`
            var strings: [Range<Int>] = []
            var index = keyEnd
            while true {
                // `  "`, the string up to its closing quote without a backslash, then `,\n` or `\n ]`.
                guard index + 3 <= buffer.count, buffer[index] == 0x20, buffer[index + 1] == 0x20,
                    buffer[index + 2] == UInt8(ascii: "\"")
                else { return nil }
                let start = index + 3
                guard let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), buffer.count - start) else { return nil }
                let end = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                guard memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil else { return nil }
                strings.append(start..<end)
                index = end + 1
                guard index + 2 < buffer.count else { return nil }
                if buffer[index] == UInt8(ascii: ","), buffer[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                guard buffer[index] == 0x0A, buffer[index + 1] == 0x20, buffer[index + 2] == UInt8(ascii: "]") else { return nil }
                // Keep `[` and, from the newline on, ` ]`: an empty array.
                var remainder: [UInt8] = []
                remainder.reserveCapacity(open + 1 + buffer.count - index)
                remainder.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<(open + 1)]))
                remainder.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index...]))
                return (remainder, strings)
            }
        }
        guard let found else { return nil }
        self.bytes = bytes
        remainder = found.remainder
        strings = found.strings
    }

    /// The stamps of the lines that have a stamp's shape, later lines winning, as the JSON reading
    /// takes them.
    func stamps() -> [String: LabState.FileStamp] {
        var files: [String: LabState.FileStamp] = [:]
        files.reserveCapacity(strings.count)
        bytes.withUnsafeBufferPointer { buffer in
            for range in strings {
                if let (path, stamp) = LabState.stamp(bytes: UnsafeBufferPointer(rebasing: buffer[range])) { files[path] = stamp }
            }
        }
        return files
    }

    /// Whether `offset` lies directly in the top-level object, outside any string: strings are
    /// skipped as the JSON reader reads them (a backslash takes the next byte with it).
    private static func isTopLevel(_ offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var depth = 0
        var index = 0
        while index < offset {
            switch buffer[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < offset, buffer[index] != UInt8(ascii: "\"") {
                    index += buffer[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < offset else { return false }
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            index += 1
        }
        return depth == 1
    }

    /// The index just after the first occurrence of `needle` (which starts with a newline).
    private static func end(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var from = 0
        while from < buffer.count, let found = memchr(base + from, Int32(needle[0]), buffer.count - from) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if at + needle.count <= buffer.count, memcmp(base + at, needle, needle.count) == 0 { return at + needle.count }
            from = at + 1
        }
        return nil
    }
}
