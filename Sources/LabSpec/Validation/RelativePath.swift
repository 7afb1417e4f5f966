/// Paths inside the lab: relative, normalised, never leaving the lab root.
public enum RelativePath {
    /// `path` with `.` segments and duplicate slashes removed and `..` applied; nil when the path is
    /// absolute, empty, or climbs out of the root.
    public static func normalize(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~") else { return nil }
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
}
