import Foundation

/// Numbers distinct lines so that the diff compares small integers instead of bytes.
///
/// One classifier is shared by every file of a merge, so equal lines get equal numbers across the
/// base, ours and theirs, and comparing two lines of any of them is comparing two integers.
struct LineClassifier {
    /// A line as a dictionary key, hashed once with FNV-1a: hashing an `ArraySlice` byte by byte
    /// through `Hasher` costs several times more than the whole rest of a merge.
    private struct Key: Hashable {
        let line: ArraySlice<UInt8>
        let digest: UInt64

        init(_ line: ArraySlice<UInt8>) {
            self.line = line
            digest = line.withUnsafeBufferPointer { bytes in
                var digest: UInt64 = 0xCBF2_9CE4_8422_2325
                for byte in bytes {
                    digest = (digest ^ UInt64(byte)) &* 0x0100_0000_01B3
                }
                return digest
            }
        }

        static func == (left: Key, right: Key) -> Bool {
            guard left.digest == right.digest, left.line.count == right.line.count else { return false }
            return left.line.withUnsafeBufferPointer { leftBytes in
                right.line.withUnsafeBufferPointer { rightBytes in
                    guard let left = leftBytes.baseAddress, let right = rightBytes.baseAddress else { return true }
                    return memcmp(left, right, leftBytes.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }
    }

    private var numbers: [Key: Int] = [:]

    /// The class number of each line of `lines`, in order.
    mutating func classify(_ lines: TextLines) -> [Int] {
        var classes: [Int] = []
        classes.reserveCapacity(lines.count)
        for index in 0..<lines.count {
            let key = Key(lines[index])
            if let number = numbers[key] {
                classes.append(number)
            } else {
                let number = numbers.count
                numbers[key] = number
                classes.append(number)
            }
        }
        return classes
    }
}
