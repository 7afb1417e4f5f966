/// A path as a dictionary or set key, equal to another only when their bytes are: two Strings are
/// equal when their text is canonically equivalent (`é`, and `e` followed by U+0301), but to the
/// file system those are two names, two files or two folders side by side.
public struct PathKey: Hashable, Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public static func == (left: PathKey, right: PathKey) -> Bool {
        left.path.utf8.elementsEqual(right.path.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        var path = path
        path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
