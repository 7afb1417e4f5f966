import LabRuntime
import Foundation
import LabSpec

/// `lab check --watch`: notices when a file the selected exercises' `sources` match (or
/// `lab.yml`) is added, removed or changed, by polling file stamps — a few `stat` calls every
/// quarter second, so an idle watch costs next to nothing.
public struct SourceWatcher: Sendable {
    let root: URL
    let labFile: URL
    public var interval: Duration = .milliseconds(250)
    public var settle: Duration = .milliseconds(200)

    public init(root: URL, labFile: URL) {
        self.root = root
        self.labFile = labFile
    }

    /// What a change touched: paths relative to the lab root.
    public struct Change: Sendable {
        public var paths: [String]
        public var labFileChanged: Bool
    }

    public struct Stamp: Sendable, Equatable {
        var size: Int64
        var mtime: Int64
        var inode: UInt64
    }

    /// The stamps of every watched file; `lab.yml` under its own key.
    public func snapshot(_ exercises: [Exercise]) -> [String: Stamp] {
        let lister = DirectoryLister(containedIn: root.path)
        var files: Set<String> = []
        for exercise in exercises {
            for pattern in exercise.sources { files.formUnion(Glob(pattern).files(in: root.path, lister: lister)) }
        }
        var stamps: [String: Stamp] = [:]
        for file in files { stamps[file] = stamp(root.path + "/" + file) }
        stamps[Self.labFileKey] = stamp(labFile.path)
        return stamps
    }

    static let labFileKey = "\u{0}lab.yml"

    private func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(size: Int64(info.st_size), mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
    }

    /// Waits until something changes and stays unchanged for `settle`; nil when cancelled.
    public func waitForChange(from snapshot: [String: Stamp], exercises: [Exercise]) async -> Change? {
        var previous = snapshot
        var pending: Set<String> = []
        var quietSince: ContinuousClock.Instant?
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return nil }
            let current = self.snapshot(exercises)
            let changed = Set(previous.keys).union(current.keys).filter { previous[$0] != current[$0] }
            previous = current
            if !changed.isEmpty {
                pending.formUnion(changed)
                quietSince = .now
            } else if let since = quietSince, !pending.isEmpty, ContinuousClock.now - since >= settle {
                return Change(paths: pending.filter { $0 != Self.labFileKey }.sorted(), labFileChanged: pending.contains(Self.labFileKey))
            }
        }
        return nil
    }

    /// Whether a changed path concerns an exercise.
    public func matches(_ path: String, _ exercise: Exercise) -> Bool {
        exercise.sources.contains { Glob($0).matches(path: path) }
    }
}
