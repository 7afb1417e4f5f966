import LabRuntime

/// The folders a lab's `.gitignore` files ignore, as git reads them — for `**`, which does not
/// descend into them: a `cloud/**/*.tf` must not fingerprint the modules `terraform init`
/// downloaded into `.terraform/`, nor a `**/*.py` a `.venv/` or `node_modules/`.
///
/// Each folder's `.gitignore` is read once, when the walk first asks about that folder's children.
/// The rules are git's, for folders: blank lines and `#` comments skipped, `!` re-includes, a
/// trailing `/` means folders only (every rule here is about folders), a `/` at the start or in the
/// middle anchors the pattern at the `.gitignore`'s folder, otherwise it matches a name at any
/// depth; `*`, `?`, `[…]` within a segment, `**` across segments. Later rules win, inner files after
/// outer ones. As in git, a folder whose parent is ignored stays ignored.
final class IgnoreRules {
    private struct Rule {
        /// The folder of the `.gitignore`, relative to the root ("" for the root).
        var base: String
        /// How many path segments `base` has.
        var depth: Int
        var segments: [[UInt8]]
        var anchored: Bool
        var negated: Bool
    }

    private let root: String
    /// The folders already listed, to skip reading a `.gitignore` that a listing shows is not there.
    private let lister: DirectoryLister?
    /// The rules of every `.gitignore` from the root down to a folder, in order, by folder.
    private var chains: [PathKey: [Rule]] = [:]
    /// Answers so far, by folder path relative to the root (byte for byte: see `PathKey`).
    private var answers: [PathKey: Bool] = [:]

    init(root: String, lister: DirectoryLister? = nil) {
        self.root = root
        self.lister = lister
    }

    /// Whether `**` must not descend into `folder` (relative to the root).
    func ignores(folder: String) -> Bool {
        if let known = answers[PathKey(folder)] { return known }
        var answer = false
        let parent = folder.parentPath
        if !parent.isEmpty, ignores(folder: parent) {
            answer = true
        } else {
            let rules = chain(parent)
            if !rules.isEmpty {
                let parts = Array(folder.utf8).split(separator: UInt8(ascii: "/"))
                for rule in rules where Self.matches(rule, folder, parts[...]) { answer = !rule.negated }
            }
        }
        answers[PathKey(folder)] = answer
        return answer
    }

    /// The rules that apply to the children of `folder`: its ancestors' and its own.
    private func chain(_ folder: String) -> [Rule] {
        if let known = chains[PathKey(folder)] { return known }
        var rules = folder.isEmpty ? [] : chain(folder.parentPath)
        rules += self.rules(in: folder)
        chains[PathKey(folder)] = rules
        return rules
    }

    private func rules(in folder: String) -> [Rule] {
        let base = folder.isEmpty ? root : root + "/" + folder
        // Compared without case: on a case-insensitive file system git reads `.GitIgnore` too.
        if let listed = lister?.listed(base),
            !listed.contains(where: { $0.name.utf8.count == 10 && $0.name.lowercased() == ".gitignore" })
        {
            return []
        }
        var rules: [Rule] = []
        if let bytes = try? FileSystem.read(base + "/.gitignore", displayPath: ".gitignore", limit: 1 << 20) {
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
                if let rule = Self.parse(Array(line), base: folder) { rules.append(rule) }
            }
        }
        return rules
    }

    private static func parse(_ line: [UInt8], base: String) -> Rule? {
        var text = line[...]
        if text.last == 0x0D { text = text.dropLast() }
        // Trailing blanks go unless escaped.
        while let last = text.last, last == 0x20, text.dropLast().last != 0x5C { text = text.dropLast() }
        guard let first = text.first, first != UInt8(ascii: "#") else { return nil }
        var negated = false
        if first == UInt8(ascii: "!") {
            negated = true
            text = text.dropFirst()
        } else if first == 0x5C, text.count > 1, text[text.startIndex + 1] == UInt8(ascii: "!") || text[text.startIndex + 1] == UInt8(ascii: "#") {
            text = text.dropFirst()
        }
        while text.last == UInt8(ascii: "/") { text = text.dropLast() }
        guard !text.isEmpty else { return nil }
        let anchored = text.dropLast().contains(UInt8(ascii: "/"))
        let segments = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
        guard !segments.isEmpty else { return nil }
        let depth = base.isEmpty ? 0 : base.utf8.split(separator: UInt8(ascii: "/")).count
        return Rule(base: base, depth: depth, segments: segments, anchored: anchored, negated: negated)
    }

    private static func matches(_ rule: Rule, _ folder: String, _ parts: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        if !rule.base.isEmpty {
            let base = rule.base.utf8
            guard folder.utf8.starts(with: base),
                folder.utf8.dropFirst(base.count).first == UInt8(ascii: "/")
            else { return false }
        }
        let relative = parts.dropFirst(rule.depth)
        guard rule.anchored else {
            guard rule.segments.count == 1, let name = relative.last else { return false }
            return Glob.wildcardMatches(rule.segments[0][...], name)
        }
        return matchSegments(rule.segments[...], relative)
    }

    private static let anyFolders = Array("**".utf8)

    private static func matchSegments(_ pattern: ArraySlice<[UInt8]>, _ parts: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        guard let segment = pattern.first else { return parts.isEmpty }
        if segment == Self.anyFolders {
            if matchSegments(pattern.dropFirst(), parts) { return true }
            return !parts.isEmpty && matchSegments(pattern, parts.dropFirst())
        }
        guard let part = parts.first, Glob.wildcardMatches(segment[...], part) else { return false }
        return matchSegments(pattern.dropFirst(), parts.dropFirst())
    }
}
