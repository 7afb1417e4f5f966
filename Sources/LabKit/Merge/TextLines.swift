/// A file's bytes seen as lines that keep their own terminators, split the way git's xdiff splits them.
///
/// Only `\n` ends a line; a `\r` before it stays part of the line, so `a\r\n` and `a\n` are different
/// lines, and a last line without a terminator differs from the same text with one. That is exactly
/// what `git merge-file` compares, which is what keeps our results byte for byte equal to git's.
struct TextLines: Sendable {
    /// The whole file.
    let bytes: [UInt8]

    /// Where each line starts, followed by `bytes.count`: line `i` is `bounds[i]..<bounds[i + 1]`.
    private let bounds: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var bounds = [0]
        bounds.reserveCapacity(bytes.count / 32 + 2)
        bytes.withUnsafeBufferPointer { bytes in
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "\n") {
                bounds.append(offset + 1)
            }
        }
        if bounds.last != bytes.count {
            bounds.append(bytes.count)
        }
        self.bounds = bounds
    }

    /// The number of lines; an empty file has none.
    var count: Int { bounds.count - 1 }

    /// The byte range of line `index`, terminator included.
    func range(of index: Int) -> Range<Int> {
        bounds[index]..<bounds[index + 1]
    }

    /// The bytes of lines `lines`, terminators included.
    func bytes(of lines: Range<Int>) -> ArraySlice<UInt8> {
        guard !lines.isEmpty else { return [] }
        return bytes[bounds[lines.lowerBound]..<bounds[lines.upperBound]]
    }

    /// The bytes of line `index`, terminator included.
    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[range(of: index)]
    }

    /// Whether line `index` ends in `\n` (only the last line of a file may not).
    func hasTerminator(_ index: Int) -> Bool {
        let range = range(of: index)
        return !range.isEmpty && bytes[range.upperBound - 1] == UInt8(ascii: "\n")
    }

    /// Whether line `index` ends in `\r\n`.
    func endsInCRLF(_ index: Int) -> Bool {
        let range = range(of: index)
        return range.count > 1 && bytes[range.upperBound - 1] == UInt8(ascii: "\n")
            && bytes[range.upperBound - 2] == UInt8(ascii: "\r")
    }
}
