import CLabSystem
import Foundation

/// `stat` of many files under one root through an open descriptor of each one's folder: files of
/// one folder asked one after the other, as a walk meets them, cost a lookup of their name each
/// instead of a walk of their whole path from the root. Links are followed, as by stat(2).
///
/// Used by one task at a time.
public final class FolderStat {
    private let root: String
    /// The folder last asked about, relative to the root, byte for byte (`é` and `e` + U+0301 are
    /// equal Strings but two folders), and its descriptor (-1: it could not be opened, so its files
    /// are stat'ed by their whole path).
    private var folder: (path: [UInt8], descriptor: Int32)?

    public init(root: String) {
        self.root = root
    }

    deinit {
        if let folder, folder.descriptor >= 0 { close(folder.descriptor) }
    }

    /// stat(2) of `root/path` (`path` relative, `/`-separated): true when it succeeded.
    public func read(_ path: String, into info: inout stat) -> Bool {
        path.withCString { whole in
            guard let (descriptor, name) = folder(of: whole) else { return stat(root + "/" + path, &info) == 0 }
            return fstatat(descriptor, name, &info, 0) == 0
        }
    }

    /// `root/path` opened for reading through the same folder descriptor as `read`, so that what
    /// is read is the file that was stat'ed even if the folder was moved meanwhile; -1 on failure.
    public func open(_ path: String) -> Int32 {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        return path.withCString { whole in
            guard let (descriptor, name) = folder(of: whole) else { return Glibc.open(root + "/" + path, flags) }
            return openat(descriptor, name, flags)
        }
    }

    /// The descriptor of the folder of the C string `path` and where its last segment starts; nil
    /// when the folder could not be opened. The name is read in place, inside `path`: a file of a
    /// folder already open costs no copy of anything.
    private func folder(of path: UnsafePointer<CChar>) -> (Int32, UnsafePointer<CChar>)? {
        let slash: UnsafePointer<CChar>? = strrchr(path, Int32(UInt8(ascii: "/"))).map { UnsafePointer($0) }
        let parentLength = slash.map { path.distance(to: $0) } ?? 0
        let same = folder.map { folder in
            folder.path.count == parentLength
                && folder.path.withUnsafeBufferPointer { parentLength == 0 || memcmp($0.baseAddress!, path, parentLength) == 0 }
        } ?? false
        if !same {
            if let folder, folder.descriptor >= 0 { close(folder.descriptor) }
            let parent = UnsafeBufferPointer(start: UnsafeRawPointer(path).assumingMemoryBound(to: UInt8.self), count: parentLength)
            let relative = String(decoding: parent, as: UTF8.self)
            folder = (Array(parent), lab_open_folder(relative.isEmpty ? root : root + "/" + relative))
        }
        guard let descriptor = folder?.descriptor, descriptor >= 0 else { return nil }
        return (descriptor, slash.map { $0 + 1 } ?? path)
    }
}
