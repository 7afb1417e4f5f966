import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a file with its path as shown in messages, and a line index for showing source lines.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    private let lineIndex = LineIndex()

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Byte offset of the start of each line; a line ends at `\n`, `\r\n` or a lone `\r`. Found
    /// the first time it is asked for: a file read without a problem to show never needs it
    /// (the 112,000 lines of a 4.7 MB `lab.yml` took 1.2 ms to index).
    public var lineStarts: [Int] { lineIndex.starts(of: bytes) }

    /// The line index of a file, made once, by whichever thread first asks.
    private final class LineIndex: Sendable {
        private let starts = Mutex<[Int]?>(nil)

        func starts(of bytes: [UInt8]) -> [Int] {
            starts.withLock { starts in
                if let starts { return starts }
                let made = Self.lineStarts(of: bytes)
                starts = made
                return made
            }
        }

        private static func lineStarts(of bytes: [UInt8]) -> [Int] {
            var starts = [0]
            starts.reserveCapacity(bytes.count / 32 + 1)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let count = buffer.count
                if memchr(base, 0x0D, count) == nil {
                    // No carriage return: every line ends at a newline, found with memchr.
                    var offset = 0
                    while offset < count, let found = memchr(base + offset, 0x0A, count - offset) {
                        offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                        starts.append(offset)
                    }
                    return
                }
                var index = 0
                while index < count {
                    let byte = buffer[index]
                    if byte == 0x0A {
                        starts.append(index + 1)
                    } else if byte == 0x0D {
                        if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                        starts.append(index + 1)
                    }
                    index += 1
                }
            }
            return starts
        }
    }

    /// The text of a 1-based line without its terminator; invalid UTF-8 is replaced.
    public func line(_ number: Int) -> String? {
        let lineStarts = lineStarts
        guard number >= 1, number <= lineStarts.count else { return nil }
        var start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, end) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The mark of a byte offset; the column counts characters (Unicode scalars) from the line start.
    public func mark(atByte offset: Int) -> Mark {
        let clamped = max(0, min(offset, bytes.count))
        let lineStarts = lineStarts
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return mark(atByte: clamped, line: low + 1, lineStart: lineStarts[low])
    }

    /// The mark of byte `offset` on line `line`, which starts at byte `lineStart`: for a caller
    /// that knows the line without the index.
    func mark(atByte offset: Int, line: Int, lineStart: Int) -> Mark {
        var column = 1
        var index = lineStart
        // A byte order mark is not a character of the first line.
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = min(3, offset) }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Mark(line: line, column: column, offset: offset)
    }

    public func location(_ mark: Mark?) -> Diagnostic.Location {
        Diagnostic.Location(file: path, mark: mark)
    }
}
