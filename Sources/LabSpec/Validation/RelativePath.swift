/// Paths inside the lab: relative, normalised, never leaving the lab root.
public enum RelativePath {
    /// `path` with `.` segments and duplicate slashes removed and `..` applied; nil when the path is
    /// absolute, empty, or climbs out of the root.
    public static func normalize(_ path: String) -> String? {
        var text = path
        let (isOutside, isAlreadyNormal) = text.withUTF8 { bytes -> (Bool, Bool) in
            guard let first = bytes.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "~") else { return (true, false) }
            return (false, isNormal(bytes: bytes))
        }
        if isOutside { return nil }
        if isAlreadyNormal { return path }
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(segment)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// No empty, `.` or `..` segment and no trailing slash: already normal, as most paths are.
    /// Read on the path's bytes: walking `String.UTF8View` costs tens of instructions a byte.
    private static func isNormal(bytes: some Sequence<UInt8>) -> Bool {
        var length = 0
        var onlyDots = true
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (onlyDots && length <= 2) { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return length > 0 && !(onlyDots && length <= 2)
    }
}
