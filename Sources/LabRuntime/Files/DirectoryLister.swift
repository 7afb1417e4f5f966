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

    /// The folder whose links `entries` follows to files only when they stay inside it (nil: any).
    private let root: String?

    public init(containedIn root: String? = nil) {
        self.root = root
    }

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
                // With a root, only a link that stays inside it: a file of the lab, not a file
                // anywhere a cloned lab's link points to.
                if kind == .symlink, FileSystem.resolvedKind(folder + "/" + name) == .file,
                    root.map({ staysInside(folder + "/" + name, root: $0) }) ?? true
                {
                    kind = .file
                }
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

    /// What `relative` is below `root`, links followed, when it stays inside `root`; `.missing`
    /// when a link on its way leads out (`sources: [outside/**]` with `outside` a link to `/`
    /// would walk the whole file system, and fingerprint files that are not the lab's). Links
    /// met while listing are not followed into folders at all (`entries`).
    public func kind(_ relative: String, under root: String) -> FileSystem.Kind {
        let path = root + "/" + relative
        let kind = self.kind(path)
        guard kind != .missing else { return kind }
        return staysInside(path, root: root) ? kind : .missing
    }

    /// Whether `path`, its links resolved, is `root` or below it; remembered for the run.
    private func staysInside(_ path: String, root: String) -> Bool {
        if let inside = containment.withLock({ $0.answers[PathKey(path)] }) { return inside }
        let rootReal = containment.withLock { $0.roots[PathKey(root)] } ?? Self.realPath(root)
        let real = Self.realPath(path)
        var inside = false
        if let rootReal, let real { inside = real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") }
        containment.withLock {
            $0.roots[PathKey(root)] = rootReal
            $0.answers[PathKey(path)] = inside
        }
        return inside
    }

    private struct Containment {
        var roots: [PathKey: String?] = [:]
        var answers: [PathKey: Bool] = [:]
    }

    private let containment = Mutex(Containment())

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
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
