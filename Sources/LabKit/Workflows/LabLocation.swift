import Foundation
import LabRuntime
import LabSpec
import Synchronization

/// Where a command finds its lab: the folder it works from (`-C DIR`), and the lab file when
/// one is named (`--lab FILE`); otherwise `lab.yml` is searched upward, the way git finds `.git`.
public struct LabLocation: Sendable {
    public var workingDirectory: URL
    public var labFile: String?

    public init(workingDirectory: URL, labFile: String? = nil) {
        self.workingDirectory = workingDirectory
        self.labFile = labFile
    }

    /// Finds and reads `lab.yml`, diagnostics included whatever they are.
    func openProject(exercisesAsRead: Bool = false) throws(LabError) -> LabProject {
        let file = try LabProject.locate(explicit: labFile, from: workingDirectory)
        let project = try LabProject.open(labFile: file, workingDirectory: workingDirectory, exercisesAsRead: exercisesAsRead)
        ProcessLifetime.keep(project)
        return project
    }

    /// The project and its lab; `lab.yml`'s errors are thrown as `.invalidLab`.
    func openLab() throws(LabError) -> (LabProject, Lab) {
        let project = try openProject()
        return (project, try project.validLab())
    }

    /// The lab's outline and its root's no-escape rule, for `lab status` and `lab list`: the outline kept in
    /// `.lab/cache/` when this build kept one for `lab.yml` as it is now (`OutlineCache`), else
    /// `lab.yml` read whole, and its outline kept when it has no errors. Errors are thrown as
    /// `openLab` throws them.
    func openOutline() throws(LabError) -> (files: ContainedRoot, outline: LabOutline) {
        let file = try LabProject.read(labFile: LabProject.locate(explicit: labFile, from: workingDirectory), workingDirectory: workingDirectory)
        let files = ContainedRoot(file.url.deletingLastPathComponent().path)
        let cache = OutlineCache(files: files)
        let key = file.stamp.flatMap { cache.key(labFile: file.bytes, inode: $0.inode) }
        if let key, let outline = cache.load(key: key) {
            cache.keepIgnored()
            return (files, outline)
        }
        let project = LabProject.open(file)
        ProcessLifetime.keep(project)
        let outline = LabOutline(try project.validLab())
        if let key { cache.store(outline, key: key) }
        return (project.files, outline)
    }

    /// The project and its lab read while holding the lab's lock, for workflows that edit what
    /// they read: their edit starts from what is on disk, not from what another `lab` changed
    /// while this one waited for the lock. A broken `lab.yml` is reported without touching `.lab/`.
    func openLabLocked() throws(LabError) -> (LabProject, Lab, LabLock) {
        let (first, _) = try openLab()
        let lock = try first.lock()
        let (project, lab) = try openLab()
        return (project, lab, lock)
    }
}

extension LabLocation {
    /// The lab as `lab.yml` holds it now, for a workflow that took the lock after reading it:
    /// `project` and `lab` themselves unless the file changed since (another `lab` started or
    /// finished a phase meanwhile), or when it no longer reads.
    func current(_ project: LabProject, _ lab: Lab) -> (LabProject, Lab) {
        guard project.labFileStamp == nil || FileSystem.stamp(project.labFile.path) != project.labFileStamp,
            let reopened = try? openLab()
        else { return (project, lab) }
        return reopened
    }
}

extension LabProject {
    /// The lab, or `lab.yml`'s errors thrown as `.invalidLab`.
    func validLab() throws(LabError) -> Lab {
        guard let lab else {
            throw .invalidLab(diagnostics: diagnostics.filter { $0.severity == .error }, sources: [loaded.source])
        }
        return lab
    }

    /// Takes the lab's lock (see `LabLock`): for workflows only.
    func lock() throws(LabError) -> LabLock {
        do {
            return try LabLock.acquire(root: root, files: files)
        } catch {
            throw .file(error)
        }
    }
}

/// Values held until the process exits: freeing a large YAML tree node by node just before exit
/// would cost more than parsing it did, and the kernel frees it anyway.
enum ProcessLifetime {
    private static let held = Mutex<[any Sendable]>([])

    static func keep(_ object: any Sendable) {
        held.withLock { $0.append(object) }
    }
}
