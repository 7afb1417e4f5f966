import CLabSystem
import Foundation

/// `stat` of many files under one root through an open descriptor of each one's folder: files of
/// one folder asked one after the other, as a walk meets them, cost a lookup of their name each
/// instead of a walk of their whole path from the root. Links are followed, as by stat(2).
///
/// Used by one task at a time.
public final class FolderStat {
    private let root: String
    /// The folder last asked about, relative to the root, and its descriptor (-1: it could not be
    /// opened, so its files are stat'ed by their whole path).
    private var folder: (path: Substring, descriptor: Int32)?

    public init(root: String) {
        self.root = root
    }

    deinit {
        if let folder, folder.descriptor >= 0 { close(folder.descriptor) }
    }

    /// stat(2) of `root/path` (`path` relative, `/`-separated): true when it succeeded.
    public func read(_ path: String, into info: inout stat) -> Bool {
        let (descriptor, name) = folder(of: path)
        guard let descriptor else { return stat(root + "/" + path, &info) == 0 }
        return name.withCString { fstatat(descriptor, $0, &info, 0) } == 0
    }

    /// `root/path` opened for reading through the same folder descriptor as `read`, so that what
    /// is read is the file that was stat'ed even if the folder was moved meanwhile; -1 on failure.
    public func open(_ path: String) -> Int32 {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        let (descriptor, name) = folder(of: path)
        guard let descriptor else { return Glibc.open(root + "/" + path, flags) }
        return name.withCString { openat(descriptor, $0, flags) }
    }

    /// The descriptor of the folder of `path` (nil: it could not be opened) and the last segment.
    private func folder(of path: String) -> (Int32?, Substring) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let parent = slash.map { path[..<$0] } ?? ""
        // Byte for byte: `é` and `e` + U+0301 are equal Strings but two folders.
        if folder.map({ !PathKey.sameBytes($0.path, parent) }) ?? true {
            if let folder, folder.descriptor >= 0 { close(folder.descriptor) }
            folder = (parent, lab_open_folder(parent.isEmpty ? root : root + "/" + parent))
        }
        let name = slash.map { path[path.utf8.index(after: $0)...] } ?? path[...]
        guard let descriptor = folder?.descriptor, descriptor >= 0 else { return (nil, name) }
        return (descriptor, name)
    }
}
