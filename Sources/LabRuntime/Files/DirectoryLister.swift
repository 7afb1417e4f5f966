import Foundation
import Synchronization

/// Lists folders once per run and remembers what it saw, so many globs over one tree stay cheap.
public final class DirectoryLister: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var kind: FileSystem.Kind

        public init(name: String, kind: FileSystem.Kind) {
            self.name = name
            self.kind = kind
        }
    }

    // Keyed byte for byte: `é` and `e` + U+0301 are two folders (see `PathKey`).
    private let cache = Mutex<[PathKey: [Entry]]>([:])
    private let kinds = Mutex<[PathKey: FileSystem.Kind]>([:])

    public init() {}

    public func entries(_ folder: String) -> [Entry] {
        if let cached = cache.withLock({ $0[PathKey(folder)] }) { return cached }
        var entries: [Entry] = []
        // A folder that cannot be listed is not remembered as empty: its files may still be
        // opened by name (a `.gitignore` in an execute-only folder).
        guard let directory = opendir(folder) else { return [] }
        do {
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                var kind = FileSystem.listedKind(entry.pointee.d_type) ?? FileSystem.kind(folder + "/" + name)
                // A link to a file counts as the file; a link to a folder is not walked into, so a
                // link to an ancestor cannot loop.
                if kind == .symlink, FileSystem.resolvedKind(folder + "/" + name) == .file { kind = .file }
                entries.append(Entry(name: name, kind: kind))
            }
        }
        entries.sort { $0.name < $1.name }
        cache.withLock { $0[PathKey(folder)] = entries }
        return entries
    }

    /// What `entries` listed of `folder` so far, without listing it.
    public func listed(_ folder: String) -> [Entry]? {
        cache.withLock { $0[PathKey(folder)] }
    }

    /// What `path` is, links followed; looked up once per run, as folders are listed once: the
    /// folder every pattern starts with (`src` of `src/a/*`, `src/b/*`, …) is not asked again.
    public func kind(_ path: String) -> FileSystem.Kind {
        if let known = kinds.withLock({ $0[PathKey(path)] }) { return known }
        let kind = FileSystem.resolvedKind(path)
        kinds.withLock { $0[PathKey(path)] = kind }
        return kind
    }
}
