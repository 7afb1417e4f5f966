/// Where well-formed UTF-8 stops within a line: cmark-gfm's pattern scanners match "any character" only as valid UTF-8.
///
/// Its generated scanners run in UTF-8 mode, so a class such as "anything but a backtick" does not
/// match a byte that is not part of a well-formed sequence: an info string, an attribute value, a
/// table cell or the text before an HTML block's end marker that holds such a byte does not match.
/// Surrogate code points are accepted as the scanners accept them; a NUL byte counts as the
/// replacement character the parser reads in its place.
enum WellFormedUTF8 {
    /// The first index in `range` of `bytes` where no well-formed sequence starts, or `range.upperBound`.
    static func firstInvalid(in bytes: [UInt8], _ range: Range<Int>) -> Int {
        var position = range.lowerBound
        while position < range.upperBound {
            guard let length = sequenceLength(in: bytes, at: position, limit: range.upperBound) else {
                return position
            }
            position += length
        }
        return range.upperBound
    }

    static func isValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        firstInvalid(in: bytes, range) == range.upperBound
    }

    /// The length of the well-formed sequence starting at `index` and ending before `limit`, if one does.
    static func sequenceLength(in bytes: [UInt8], at index: Int, limit: Int) -> Int? {
        let limit = min(limit, bytes.count)
        guard index >= 0, index < limit else { return nil }
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < limit && range.contains(bytes[index + offset])
        }
        switch bytes[index] {
        case 0x00...0x7F:
            return 1
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
