import LabRuntime
import Foundation

/// Shell-style globs over the lab's files: `*`, `?`, `[abc]`, `[!a-z]` within one path segment, and
/// `**` for any number of folders. As in the shell, wildcards do not match names starting with `.`
/// unless the pattern segment itself starts with `.`.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [Segment]

    enum Segment: Sendable, Hashable {
        case literal(String)
        case wildcard([UInt8])
        case anyFolders
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        // On bytes: `/` and the three wildcards are ASCII, and a walk by Character costs grapheme
        // breaking (a pattern is read for every exercise of every run).
        var segments: [Segment] = []
        var text = pattern
        text.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                defer { start = end + 1 }
                guard end > start else { continue }
                let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if part.count == 1 && part[0] == UInt8(ascii: ".") { continue }
                if part.count == 2 && part[0] == UInt8(ascii: "*") && part[1] == UInt8(ascii: "*") {
                    segments.append(.anyFolders)
                } else if part.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }) {
                    segments.append(.wildcard(Array(part)))
                } else {
                    segments.append(.literal(String(decoding: part, as: UTF8.self)))
                }
            }
        }
        self.segments = segments
    }

    /// Does the relative `path` match? A pattern naming a folder matches every path below it.
    /// Split on `/` bytes, as the pattern and the file system split (a `/` followed by a combining
    /// mark is still a separator).
    public func matches(path: String) -> Bool {
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).map { Array($0)[...] }
        return matches(segments[...], parts[...])
    }

    private func matches(_ pattern: ArraySlice<Segment>, _ parts: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        // A pattern naming a folder covers what is below it, but not its dot files, as the walk.
        guard let segment = pattern.first else { return parts.allSatisfy { $0.first != UInt8(ascii: ".") } }
        switch segment {
        case .anyFolders:
            if matches(pattern.dropFirst(), parts) { return true }
            guard let first = parts.first, first.first != UInt8(ascii: ".") else { return false }
            return matches(pattern, parts.dropFirst())
        case .literal(let name):
            guard let first = parts.first, Array(first) == Array(name.utf8) else { return false }
            return matches(pattern.dropFirst(), parts.dropFirst())
        case .wildcard(let wildcard):
            guard let first = parts.first, Glob.matches(wildcard[...], first) else { return false }
            return matches(pattern.dropFirst(), parts.dropFirst())
        }
    }

    /// Every regular file under `root` the pattern matches, as sorted relative paths.
    public func files(in root: String, lister: DirectoryLister) -> [String] {
        files(in: root, lister: lister, ignoring: nil)
    }

    /// The same, `**` not descending into the folders `ignoring` (the lab's `.gitignore` files)
    /// ignores; a segment that names such a folder literally still enters it.
    func files(in root: String, lister: DirectoryLister, ignoring: IgnoreRules?) -> [String] {
        filesInWalkOrder(in: root, lister: lister, ignoring: ignoring).sorted()
    }

    /// The same files in the order the walk meets them — each folder's entries by name, depth
    /// first — which is the same from run to run: for digests, which need an order, not sorting.
    func filesInWalkOrder(in root: String, lister: DirectoryLister, ignoring: IgnoreRules?) -> [String] {
        // Only a `**` with more segments after it can reach one file by two ways (`**/x/*` meets
        // `x/x/f` as `x/x/f` and as `x/` + `x/f`); a trailing one, as in `src/**`, cannot.
        var found = Found(unique: !segments.dropLast().contains(.anyFolders))
        walk(segments[...], folder: "", root: root, lister: lister, ignoring: ignoring, depth: 0, into: &found)
        return found.ordered
    }

    /// The same, the walk shared by up to `width` workers: the top of the tree is walked here, down
    /// to where it has enough folders to share; those folders are then walked side by side, each
    /// whole, and their files put where the walk met the folder. The same files in the same order
    /// as one walker finds: an up-to-date check of one `src/**` is mostly this walk.
    ///
    /// `ignoring` is asked only here; each worker reads the `.gitignore` rules for itself (the
    /// rules are not shared between threads: they are cached as they are read).
    func filesInWalkOrder(in root: String, lister: DirectoryLister, ignoring: IgnoreRules?, width: Int) -> [String] {
        guard width > 1 else { return filesInWalkOrder(in: root, lister: lister, ignoring: ignoring) }
        let unique = !segments.dropLast().contains(.anyFolders)
        var found = Found(unique: true, deferFrom: 1)
        walk(segments[...], folder: "", root: root, lister: lister, ignoring: ignoring, depth: 0, into: &found)
        // A level deeper while there are too few folders to share out (or their files are few).
        while !found.deferred.isEmpty, found.deferred.count < 8 * width, let limit = found.deferFrom, limit < 16 {
            var deeper = Found(unique: true, deferFrom: limit + 1)
            found.splice { pending in
                walk(pending.rest, folder: pending.folder, root: root, lister: lister, ignoring: pending.ignored ? ignoring : nil,
                     depth: pending.depth, into: &deeper)
            } into: { deeper.ordered.append(contentsOf: $0) }
            found = deeper
        }
        let pending = found.deferred
        var parts = [[String]](repeating: [], count: pending.count)
        parts.withUnsafeMutableBufferPointer { parts in
            // Four runs of folders a worker, taken as workers come free; one set of rules a run.
            ConcurrentFileWork.blocking(ConcurrentFileWork.runs(pending.count, width: 4 * width)) { _, run in
                let rules = IgnoreRules(root: root, lister: lister)
                for index in run {
                    let folder = pending[index]
                    var files = Found(unique: true)
                    walk(folder.rest, folder: folder.folder, root: root, lister: lister, ignoring: folder.ignored ? rules : nil,
                         depth: folder.depth, into: &files)
                    parts[index] = files.ordered
                }
            }
        }
        var index = 0
        var all = Found(unique: unique)
        found.splice { _ in
            for path in parts[index] { all.insert(path) }
            index += 1
        } into: { paths in
            for path in paths { all.insert(path) }
        }
        return all.ordered
    }

    /// Paths found, each once, in the order found.
    private struct Found {
        /// Whether the walk meets each path once at most, so that nothing need be remembered.
        let unique: Bool
        var seen: Set<PathKey> = []
        var ordered: [String] = []
        /// From this depth on, folders are not walked but noted (`deferred`), to be walked later.
        var deferFrom: Int?
        var deferred: [Deferred] = []

        init(unique: Bool, deferFrom: Int? = nil) {
            self.unique = unique
            self.deferFrom = deferFrom
        }

        mutating func insert(_ path: String) {
            if unique || seen.insert(PathKey(path)).inserted { ordered.append(path) }
        }

        /// The paths in order, a deferred folder's walk (`walk`) in its place among them (`paths`).
        func splice(_ walk: (Deferred) -> Void, into paths: (ArraySlice<String>) -> Void) {
            var start = 0
            for folder in deferred {
                paths(ordered[start..<folder.position])
                walk(folder)
                start = folder.position
            }
            paths(ordered[start...])
        }
    }

    /// A folder the walk reached and left for later: the walk it would have made there, and where
    /// among the paths found its files go.
    private struct Deferred {
        var position: Int
        var rest: ArraySlice<Segment>
        var folder: String
        /// Whether `.gitignore` rules applied there (a folder a pattern names is entered whole).
        var ignored: Bool
        var depth: Int
    }

    private func walk(
        _ rest: ArraySlice<Segment>, folder: String, root: String, lister: DirectoryLister, ignoring: IgnoreRules?, depth: Int,
        into found: inout Found
    ) {
        if let limit = found.deferFrom, depth >= limit {
            found.deferred.append(Deferred(position: found.ordered.count, rest: rest, folder: folder, ignored: ignoring != nil, depth: depth))
            return
        }
        func descend(_ rest: ArraySlice<Segment>, _ folder: String) {
            walk(rest, folder: folder, root: root, lister: lister, ignoring: ignoring, depth: depth + 1, into: &found)
        }
        func skipped(_ path: String) -> Bool { ignoring?.ignores(folder: path) ?? false }
        guard let segment = rest.first else {
            // The pattern named this path exactly: a file matches, a folder gives all its files.
            if !folder.isEmpty {
                switch lister.kind(folder, under: root) {
                case .file: found.insert(folder)
                // Named, so entered whole: what `.gitignore` ignores below it included.
                case .directory:
                    walk([.anyFolders], folder: folder, root: root, lister: lister, ignoring: nil, depth: depth + 1, into: &found)
                default: break
                }
            }
            return
        }
        let remaining = rest.dropFirst()
        let base = folder.isEmpty ? root : root + "/" + folder
        switch segment {
        case .literal(let name):
            let path = folder.isEmpty ? name : folder + "/" + name
            if remaining.isEmpty {
                descend(remaining, path)
            } else if lister.kind(path, under: root) == .directory {
                // A folder the pattern names, ignored or not, is walked below by what follows.
                let named = skipped(path) ? nil : ignoring
                walk(remaining, folder: path, root: root, lister: lister, ignoring: named, depth: depth + 1, into: &found)
            }
        case .wildcard(let pattern):
            for entry in lister.entries(base) where Glob.matches(pattern[...], Array(entry.name.utf8)[...]) {
                let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
                if remaining.isEmpty {
                    if entry.kind == .file { found.insert(path) }
                    else if entry.kind == .directory { descend([.anyFolders], path) }
                } else if entry.kind == .directory {
                    descend(remaining, path)
                }
            }
        case .anyFolders:
            // `**` matches zero folders here, or one more folder and stays.
            if remaining.isEmpty {
                for entry in lister.entries(base) where !entry.name.hasPrefix(".") {
                    let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
                    if entry.kind == .file { found.insert(path) }
                    else if entry.kind == .directory, !skipped(path) { descend(rest, path) }
                }
                return
            }
            descend(remaining, folder)
            for entry in lister.entries(base) where entry.kind == .directory && !entry.name.hasPrefix(".") {
                let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
                if !skipped(path) { descend(rest, path) }
            }
        }
    }

    /// Does one path segment match one wildcard segment?
    static func matches(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        if name.first == UInt8(ascii: "."), pattern.first != UInt8(ascii: ".") { return false }
        return match(pattern, name)
    }

    /// The same, with no exception for names starting with `.`: as `.gitignore` patterns match.
    static func wildcardMatches(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        match(pattern, name)
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var n = name.startIndex
        var starP: Int?
        var starN = 0
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starN = n
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    n += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, at: p, name[n]) {
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                } else if c == name[n] {
                    p += 1
                    n += 1
                    continue
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starN += 1
            n = starN
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[...]` at `start`; nil when the bracket is not closed (then it is a literal `[`).
    private static func matchClass(_ pattern: ArraySlice<UInt8>, at start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < pattern.endIndex, pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^") {
            negate = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.endIndex {
            let c = pattern[index]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, index + 1) }
            first = false
            if index + 2 < pattern.endIndex, pattern[index + 1] == UInt8(ascii: "-"), pattern[index + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if byte == c { matched = true }
                index += 1
            }
        }
        return nil
    }
}
