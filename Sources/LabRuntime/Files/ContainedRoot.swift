import Foundation

/// The no-escape rule of a folder — a lab's root: every path below it that `lab` writes, creates,
/// renames onto, deletes or reads as a document or template is resolved component by component,
/// symbolic links followed, and refused when one leads out of the folder. A link that stays inside
/// is followed.
///
/// The check is made when a path is resolved; callers resolve every path of a run before its first
/// write. A link planted between that check and the write (by another process, on purpose) is not
/// caught: the rule guards against what a cloned repository holds, not against a concurrent attacker.
public struct ContainedRoot: Sendable {
    /// The folder as given, absolute and standardised.
    public let path: String
    /// The folder with every symbolic link resolved: what paths must stay under.
    public let realPath: String

    /// Symbolic links followed in one resolution at most, as the kernel's own limit (ELOOP).
    static let maximumLinks = 40

    public init(_ path: String) {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = standardized
        realPath = Self.canonical(standardized)
    }

    /// A path below the root, resolved and checked.
    ///
    /// - Parameters:
    ///   - relative: the path relative to the root (`docs/phases/phase-01.md`).
    ///   - action: what is about to happen, for the message (`write`, `remove`, `read`).
    /// - Throws: a `FileError` naming the path and where its link leads when a component (or the
    ///   path itself) is a symbolic link out of the root, or when links loop.
    public func resolve(_ relative: String, for action: String = "write") throws(FileError) -> ResolvedPath {
        ResolvedPath(absolute: try walk(relative, for: action).resolved, display: relative)
    }

    /// Checks every path of `paths` as `resolve` would, resolving each folder among them once: for
    /// the hundreds of paths of one plan. Throws what `resolve` throws for the first that leads out.
    public func check(_ paths: [String], for action: String = "write") throws(FileError) {
        // By bytes: `é` and `e` + U+0301 are one String but two folders, one of them maybe a link out.
        var folders: [PathKey: Walked] = [:]
        for relative in paths {
            let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
            let folder = PathKey(slash.map { String(relative[..<$0]) } ?? "")
            let name = slash.map { String(relative[relative.utf8.index(after: $0)...]) } ?? relative
            // Only a plain last component is resolved from its folder's result; anything else whole.
            guard !name.isEmpty, name != ".", name != ".." else {
                _ = try walk(relative, for: action)
                continue
            }
            var walked: Walked
            if let known = folders[folder] {
                walked = known
            } else {
                do {
                    walked = try walk(folder.path, for: action)
                } catch {
                    // The message names the whole path, as `resolve` would.
                    _ = try walk(relative, for: action)
                    throw error
                }
                folders[folder] = walked
            }
            if let next = Self.follow([name], from: walked.resolved, links: &walked.links, absent: &walked.absent), contains(next),
                action == "read" || !isInsideGit(next)
            {
                continue
            }
            _ = try walk(relative, for: action)
        }
    }

    /// Where a path led: the resolved path, the links followed on the way, and whether some
    /// component of it does not exist.
    private struct Walked {
        var resolved: String
        var links: Int
        var absent: Bool
    }

    private func walk(_ relative: String, for action: String) throws(FileError) -> Walked {
        let original = Self.components(relative)
        var resolved = realPath
        var links = 0
        var absent = false
        for (index, component) in original.enumerated() {
            guard let next = Self.follow([component], from: resolved, links: &links, absent: &absent) else {
                throw FileError(action, relative, reason: "too many levels of symbolic links")
            }
            resolved = next
            guard contains(resolved) else {
                let shown = original[...index].joined(separator: "/")
                let absolute = path == "/" ? "/" + shown : path + "/" + shown
                var info = stat()
                let isLink = lstat(absolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                let reason: String
                if !isLink {
                    reason = "it leads out of the lab"
                } else if index == original.count - 1 {
                    reason = "it is a symbolic link to '\(resolved)', outside the lab"
                } else {
                    reason = "'\(shown)' is a symbolic link to '\(resolved)', outside the lab"
                }
                throw FileError(action, relative, reason: reason)
            }
        }
        // Inside the lab, but where git keeps the repository: a hook written there runs at the next
        // `git commit`. A path lab writes never leads there, whatever link a cloned lab holds.
        if action != "read", isInsideGit(resolved) {
            throw FileError(
                action, relative,
                reason: action == Self.copyFrom
                    ? "it leads into '.git', where git keeps the repository: lab copies nothing out of it (its config can hold credentials)"
                    : "it leads into '.git', where git keeps the repository: lab writes nothing there")
        }
        return Walked(resolved: resolved, links: links, absent: absent)
    }

    /// The action of reading what lab copies into the lab's files (a template): refused inside
    /// `.git` as a write is, since the copy would carry git's config — a remote URL with a token,
    /// an auth header — into files the learner commits.
    public static let copyFrom = "copy from"

    /// Whether a canonical path below the root is the root's `.git` or inside it (the name
    /// compared without case, as git does on a file system that ignores it).
    func isInsideGit(_ canonicalPath: String) -> Bool {
        let prefix = realPath == "/" ? "/" : realPath + "/"
        guard canonicalPath.hasPrefix(prefix) else { return false }
        let first = canonicalPath.dropFirst(prefix.count).prefix { $0 != "/" }
        return first.count == 4 && first.lowercased() == ".git"
    }

    /// `components` resolved one by one from the canonical folder `base`: links followed (their
    /// targets resolved the same way), `.` and `..` folded, missing components kept as written.
    /// Nil when more than `maximumLinks` links were followed.
    ///
    /// `absent` is true once a component does not exist (or is not a folder): nothing below it
    /// exists either, so the components after it are not looked up. `..` looks again.
    private static func follow(_ components: [String], from base: String, links: inout Int, absent: inout Bool) -> String? {
        var resolved = base
        for component in components {
            switch component {
            case ".": continue
            case "..":
                resolved = (resolved as NSString).deletingLastPathComponent
                absent = false
                continue
            default: break
            }
            let candidate = resolved == "/" ? "/" + component : resolved + "/" + component
            if absent {
                resolved = candidate
                continue
            }
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                absent = errno == ENOENT || errno == ENOTDIR
                resolved = candidate
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFLNK else {
                resolved = candidate
                continue
            }
            links += 1
            guard links <= maximumLinks, let target = readLink(candidate) else { return nil }
            guard let followed = follow(Self.components(target), from: target.hasPrefix("/") ? "/" : resolved, links: &links, absent: &absent) else {
                return nil
            }
            resolved = followed
        }
        return resolved
    }

    /// A path the user named on the command line (`--output FILE`, absolute): written where it
    /// points when its folder is outside this root — the user's own files — but by the root's
    /// rules when its folder is inside: a report path the documentation suggests (`report.xml`)
    /// may be a link a cloned lab planted, out of it or into `.git`, and is refused as any write
    /// of the lab's would be.
    public func resolveChosen(_ absolute: String, display: String) throws(FileError) -> ResolvedPath {
        let folder = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        guard let real = realpath(folder.isEmpty ? "/" : folder, nil) else { return .chosenByUser(absolute, display: display) }
        let canonicalFolder = String(cString: real)
        free(real)
        guard contains(canonicalFolder) else { return .chosenByUser(absolute, display: display) }
        let inside = canonicalFolder == realPath ? "" : String(canonicalFolder.dropFirst(realPath == "/" ? 1 : realPath.count + 1))
        let resolved = try resolve(inside.isEmpty ? name : inside + "/" + name)
        return ResolvedPath(absolute: resolved.absolute, display: display)
    }

    /// Whether an absolute, canonical path is the root or below it.
    public func contains(_ canonicalPath: String) -> Bool {
        canonicalPath == realPath || canonicalPath.hasPrefix(realPath == "/" ? "/" : realPath + "/")
    }

    /// Whether an absolute path, once its links are resolved, is the root or below it.
    public func holds(absolutePath: String) -> Bool {
        contains(Self.canonical(absolutePath))
    }

    /// `relative` resolved, when no component of it is a symbolic link, not even one that stays
    /// inside the root; nil when one is. Throws what `resolve` throws.
    public func resolveWithoutLinks(_ relative: String, for action: String = "write") throws(FileError) -> ResolvedPath? {
        let resolved = try resolve(relative, for: action)
        return resolved.absolute == (realPath == "/" ? "" : realPath) + "/" + relative ? resolved : nil
    }

    /// The path of `relative` under the root as given, unresolved: for reading plain files such as
    /// sources, where links out of the lab are allowed.
    public func absolute(_ relative: String) -> String {
        relative.isEmpty || relative == "." ? path : path + "/" + relative
    }

    static func components(_ path: String) -> [String] {
        path.pathSegments()
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` with every symbolic link of its existing part resolved and `.`/`..` folded; the part
    /// that does not exist is kept as written.
    static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var parts = components(path)
        var missing: [String] = []
        while let last = parts.popLast() {
            missing.insert(last, at: 0)
            let prefix = "/" + parts.joined(separator: "/")
            if let resolved = realpath(prefix, nil) {
                defer { free(resolved) }
                var base = String(cString: resolved)
                for component in missing {
                    switch component {
                    case ".": continue
                    case "..": base = (base as NSString).deletingLastPathComponent
                    default: base = base == "/" ? "/" + component : base + "/" + component
                    }
                }
                return base
            }
        }
        return path
    }
}

/// A path that passed its root's no-escape rule (or names a place the user chose explicitly):
/// the only kind of path the file layer writes to.
public struct ResolvedPath: Sendable, Equatable {
    /// Where the writes go: symbolic links inside the lab already followed.
    public let absolute: String
    /// How messages name it: relative to the lab root, or as the user wrote it.
    public let display: String

    init(absolute: String, display: String) {
        self.absolute = absolute
        self.display = display
    }

    /// A path the user named explicitly on the command line (`--output FILE`): written where it
    /// points, wherever that is.
    public static func chosenByUser(_ absolute: String, display: String) -> ResolvedPath {
        ResolvedPath(absolute: absolute, display: display)
    }

    /// The folder holding this path.
    public var parent: ResolvedPath {
        ResolvedPath(absolute: (absolute as NSString).deletingLastPathComponent, display: (display as NSString).deletingLastPathComponent)
    }
}
