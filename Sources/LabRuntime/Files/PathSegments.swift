extension String {
    /// The parts of a path between its slashes, split on the byte as the kernel splits a path — not
    /// on grapheme clusters as `split(separator: "/")` does, which costs ten times as much and
    /// would keep a slash followed by a combining mark inside a part.
    ///
    /// Empty parts (from `//` or a slash at either end) are left out unless `keepingEmpty`.
    public func pathSegments(keepingEmpty: Bool = false) -> [String] {
        var text = self
        return text.withUTF8 { bytes in
            var parts: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if keepingEmpty || index > start {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
            return parts
        }
    }
}

extension String {
    /// A relative path without its last part, as `lab` records paths (no trailing slash): `a/b`
    /// for `a/b/c`, "" for `c`. Byte-wise, like `pathSegments`.
    public var parentPath: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(self[..<slash])
    }
}
