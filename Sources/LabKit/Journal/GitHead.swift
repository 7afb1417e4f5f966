import Foundation
import LabRuntime

/// The commit a lab's git `HEAD` points at, read from the repository's files — no `git` process
/// is started (no command but `lab check` runs a program). Nil when the lab is not in a git
/// repository, the branch has no commit yet, or anything is unexpected.
public enum GitHead {
    /// The first seven hex digits of `HEAD`'s commit for a lab rooted at `root`.
    public static func shortCommit(root: String) -> String? {
        guard let gitDirectory = gitDirectory(above: root), let head = readText(gitDirectory + "/HEAD") else { return nil }
        let common = readText(gitDirectory + "/commondir").map { path in
            path.hasPrefix("/") ? path : gitDirectory + "/" + path
        } ?? gitDirectory
        var commit: String?
        if head.hasPrefix("ref: ") {
            let reference = String(head.dropFirst("ref: ".count))
            guard !reference.contains(".."), reference.hasPrefix("refs/") else { return nil }
            commit = readText(gitDirectory + "/" + reference) ?? readText(common + "/" + reference)
                ?? packedReference(reference, in: common)
        } else {
            commit = head
        }
        guard let commit, commit.count >= 40, commit.allSatisfy(\.isHexDigit) else { return nil }
        return String(commit.prefix(7)).lowercased()
    }

    /// The git folder of the repository holding `root`: the first `.git` folder upward, or the
    /// folder a `.git` file (a worktree, a submodule) names.
    static func gitDirectory(above root: String) -> String? {
        var folder = URL(fileURLWithPath: root).standardizedFileURL.path
        while true {
            let candidate = folder == "/" ? "/.git" : folder + "/.git"
            switch FileSystem.resolvedKind(candidate) {
            case .directory:
                return candidate
            case .file:
                guard let text = readText(candidate), text.hasPrefix("gitdir: ") else { return nil }
                let path = String(text.dropFirst("gitdir: ".count))
                return path.hasPrefix("/") ? path : folder + "/" + path
            default:
                break
            }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// `reference`'s commit in `packed-refs`.
    static func packedReference(_ reference: String, in folder: String) -> String? {
        guard let bytes = try? FileSystem.read(folder + "/packed-refs", limit: ReadLimits.document) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == reference { return String(parts[0]) }
        }
        return nil
    }

    /// A small regular file's first line, without the blanks (spaces, tabs, a carriage return)
    /// around it. Trimmed on its bytes: Foundation's `trimmingCharacters` set up its character
    /// sets on first use, a million instructions of every check that recorded a pass.
    static func readText(_ path: String) -> String? {
        guard let bytes = try? FileSystem.read(path, limit: 64 << 10) else { return nil }
        var line = bytes[..<(bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex)]
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while let first = line.first, isBlank(first) { line = line.dropFirst() }
        while let last = line.last, isBlank(last) { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
