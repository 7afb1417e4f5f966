import Foundation

/// A path as a dictionary or set key, equal to another only when their bytes are: two Strings are
/// equal when their text is canonically equivalent (`é`, and `e` followed by U+0301), but to the
/// file system those are two names, two files or two folders side by side.
public struct PathKey: Hashable, Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public static func == (left: PathKey, right: PathKey) -> Bool {
        sameBytes(left.path, right.path)
    }

    public func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether two texts have the same UTF-8 bytes: one `memcmp` (a walk by `elementsEqual` cost
    /// a tenth of an up-to-date check).
    public static func sameBytes(_ left: some StringProtocol, _ right: some StringProtocol) -> Bool {
        let compared = left.utf8.withContiguousStorageIfAvailable { left in
            right.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return (compared ?? nil) ?? left.utf8.elementsEqual(right.utf8)
    }
}
