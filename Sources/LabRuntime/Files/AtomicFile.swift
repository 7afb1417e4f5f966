import Foundation
import SystemPackage

/// Writes files so that a reader, or a `lab` killed at any moment, sees either the old content or
/// the new one: a temporary file in the same folder, then `rename`.
///
/// A `lab` killed between creating the temporary file (`.NAME.lab-XXXXXX`) and renaming it leaves
/// that file behind: never under the real name, ignored by git (`lab init`'s `.gitignore`), and
/// removed by the next `lab` that writes NAME under the lab lock (`removingLeftovers`).
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`, keeping an existing file's mode.
    ///
    /// - Parameters:
    ///   - path: where to write, checked against its lab's no-escape rule (or chosen by the user).
    ///   - mode: the mode for a new file (an existing file keeps its own unless `forceMode`).
    ///   - durable: `fsync` before the rename, for files the learner cares about.
    ///   - removingLeftovers: first remove the temporary files of earlier writes of this file that
    ///     were killed; only for callers holding the lab lock, since every writer of a lab's files
    ///     holds it, so such a file belongs to a process that died.
    public static func write(
        _ bytes: [UInt8], to path: ResolvedPath, mode: mode_t? = nil, forceMode: Bool = false,
        durable: Bool = true, removingLeftovers: Bool = false
    ) throws(FileError) {
        try write(to: path, mode: mode, forceMode: forceMode, durable: durable, removingLeftovers: removingLeftovers) { file in
            try file.writeCompletely(bytes)
        }
    }

    /// The same, with the content written piece by piece through `BufferedFileWriter`: for a large
    /// file made of many parts, which then never exists whole in memory.
    public static func write(
        to path: ResolvedPath, mode: mode_t? = nil, forceMode: Bool = false, durable: Bool = true, removingLeftovers: Bool = false,
        pieces: (inout BufferedFileWriter) throws -> Void
    ) throws(FileError) {
        try write(to: path, mode: mode, forceMode: forceMode, durable: durable, removingLeftovers: removingLeftovers) { file in
            var writer = BufferedFileWriter(file)
            try pieces(&writer)
            try writer.flush()
        }
    }

    /// Writes the temporary file with `content` (which throws an `Errno`), then renames it into place.
    private static func write(
        to path: ResolvedPath, mode: mode_t?, forceMode: Bool, durable: Bool, removingLeftovers: Bool,
        content: (FileDescriptor) throws -> Void
    ) throws(FileError) {
        let shown = path.display
        let target = resolvedTarget(path.absolute)
        if removingLeftovers { removeLeftovers(of: target) }
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileError("write", shown, reason: "it is a directory")
        }
        // A device, a FIFO or a socket would be replaced by a regular file, not written to.
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            throw FileError("write", shown, reason: "it is not a regular file (a device, a FIFO or a socket)")
        }
        let finalMode: mode_t
        if exists && !forceMode {
            finalMode = info.st_mode & 0o7777
        } else if let mode {
            finalMode = mode
        } else {
            finalMode = 0o666 & ~processUmask
        }

        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array((folder.isEmpty ? "." : folder).utf8CString.dropLast())
        template += Array("/.\(name)\(temporarySuffix)XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw FileError("write", shown, errno: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        let file = FileDescriptor(rawValue: descriptor)
        do {
            try file.closeAfter {
                try content(file)
                if fchmod(descriptor, finalMode) != 0 { throw Errno(rawValue: errno) }
                if durable && fsync(descriptor) != 0 { throw Errno(rawValue: errno) }
            }
        } catch let error as Errno {
            throw FileError("write", shown, errno: error.rawValue)
        } catch {
            throw FileError("write", shown, reason: "\(error)")
        }
        guard rename(temporary, target) == 0 else { throw FileError("write", shown, errno: errno) }
        succeeded = true
    }

    /// The process's umask, read once: `umask()` can only be read by setting it, which would race
    /// with other threads creating files, so Linux's /proc answer is preferred.
    static let processUmask: mode_t = {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let value = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        {
            return value
        }
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
    /// Removes the temporary files killed writes of `path` left beside it (see the type's comment).
    /// Callers hold the lab lock.
    public static func removeLeftovers(of path: ResolvedPath) {
        removeLeftovers(of: path.absolute)
    }

    static func removeLeftovers(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = "." + (path as NSString).lastPathComponent + temporarySuffix
        guard let names = FileSystem.list(folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 && isLeftover(name) {
            unlink((folder.isEmpty ? "" : folder + "/") + name)
        }
    }

    /// Removes every temporary file killed writes left in `folder` (not below it). Callers hold the lab lock.
    public static func removeLeftovers(inFolder folder: ResolvedPath) {
        removeLeftovers(inFolder: folder.absolute)
    }

    static func removeLeftovers(inFolder folder: String) {
        guard let names = FileSystem.list(folder) else { return }
        for name in names where isLeftover(name) {
            unlink(folder + "/" + name)
        }
    }

    /// Whether a file name is one of this type's temporary names: `.NAME.lab-XXXXXX`.
    public static func isLeftover(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let suffix = Array(temporarySuffix.utf8)
        // The dot, a name of at least one byte, `.lab-`, six random characters.
        guard bytes.count >= 1 + 1 + suffix.count + 6, bytes[0] == UInt8(ascii: "."),
            Array(bytes[(bytes.count - 6 - suffix.count)..<(bytes.count - 6)]) == suffix
        else { return false }
        return bytes.suffix(6).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    private static let temporarySuffix = ".lab-"

    /// A symbolic link is written through: the file it points to is replaced, the link stays.
    static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
            let resolved = realpath(path, nil)
        else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
