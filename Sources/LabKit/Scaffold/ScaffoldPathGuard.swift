import LabRuntime
import Foundation

/// Checks that a path `lab scaffold` will write stays where it belongs: inside the scaffold's
/// `into` folder, which stays inside the lab, whatever symbolic links lie on the way.
struct ScaffoldPathGuard {
    let root: String
    private let realRoot: String
    /// Folders already walked, with the real path of each `into` folder.
    private var checkedFolders: Set<String> = []
    private var realIntos: [String: String] = [:]
    /// The folders found missing, shared with the plan's other look-ups.
    let missing: MissingFolders

    init(root: URL) {
        self.root = root.standardizedFileURL.path
        realRoot = Self.realPath(self.root) ?? self.root
        missing = MissingFolders(root: self.root)
    }

    /// Why `into/path` (both relative to the lab root) cannot be written or removed, or nil.
    /// A missing part is fine: it will be created.
    mutating func problem(with path: String, into: String) -> String? {
        let intoParts = into.pathSegments()
        let parts = path.pathSegments()
        var prefix = ""
        for (index, part) in parts.enumerated() {
            prefix = prefix.isEmpty ? part : prefix + "/" + part
            let isLast = index == parts.count - 1
            if !isLast && checkedFolders.contains(prefix) { continue }
            // A missing folder is fine (it will be created), and so is everything below it.
            if !isLast && missing.isMissing(prefix) { return nil }
            let full = root + "/" + prefix
            switch FileSystem.kind(full) {
            case .missing:
                return nil
            case .directory:
                if isLast { return "'\(prefix)' is a folder, where the template has a file" }
            case .file:
                if !isLast { return "'\(prefix)' is a file, where the template needs a folder" }
            case .symlink:
                guard let real = Self.realPath(full) else {
                    return "'\(prefix)' is a symbolic link that leads nowhere"
                }
                let insideInto = index >= intoParts.count
                let allowed = insideInto ? realInto(into) : realRoot
                guard real == allowed || real.hasPrefix(allowed + "/") else {
                    let outsideLab = !(real == realRoot || real.hasPrefix(realRoot + "/"))
                    return "'\(prefix)' is a symbolic link to '\(real)', outside \(insideInto && !outsideLab ? "'\(into)'" : "the lab")"
                }
                if let kept = keptFolder(real) { return "'\(prefix)' is a symbolic link into '\(kept)', where no scaffold writes" }
                let kind = FileSystem.resolvedKind(full)
                if !isLast && kind != .directory { return "'\(prefix)' leads to a file, where the template needs a folder" }
                if isLast && kind == .directory { return "'\(prefix)' leads to a folder, where the template has a file" }
            case .other:
                return "'\(prefix)' is not a regular file or folder"
            }
            if !isLast { checkedFolders.insert(prefix) }
        }
        return nil
    }

    /// Why the `into` folder itself is unusable, or nil.
    mutating func problem(withInto into: String) -> String? {
        let parts = into.pathSegments()
        var prefix = ""
        for part in parts {
            prefix = prefix.isEmpty ? part : prefix + "/" + part
            let full = root + "/" + prefix
            switch FileSystem.kind(full) {
            case .missing: return nil
            case .directory: continue
            case .symlink:
                guard let real = Self.realPath(full) else { return "'\(prefix)' is a symbolic link that leads nowhere" }
                guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                    return "'\(prefix)' is a symbolic link to '\(real)', outside the lab"
                }
                if let kept = keptFolder(real) { return "'\(prefix)' is a symbolic link into '\(kept)', where no scaffold writes" }
                if FileSystem.resolvedKind(full) != .directory { return "'\(prefix)' is not a folder" }
            default:
                return "'\(prefix)' is not a folder"
            }
        }
        return nil
    }

    /// `.git` or `.lab` when `real` is that folder of the lab or inside it: git's and lab's own,
    /// where a scaffold writes nothing, through a link or not (a hook in `.git/hooks` would run
    /// on the learner's next commit).
    private func keptFolder(_ real: String) -> String? {
        [".git", ".lab"].first { name in
            let folder = realRoot + "/" + name
            return real == folder || real.hasPrefix(folder + "/")
        }
    }

    private mutating func realInto(_ into: String) -> String {
        if let known = realIntos[into] { return known }
        let real = Self.realPath(root + "/" + into) ?? realRoot + "/" + into
        realIntos[into] = real
        return real
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
