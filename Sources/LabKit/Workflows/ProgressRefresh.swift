import Foundation
import LabRuntime
import LabSpec

/// What a workflow that changed the lab's progress redraws before it lets go of the lock: the
/// README's phase table (between its markers, nothing else) and the pictures the lab has in
/// `assets/`, each from what is on disk now and written only when its bytes change. A lab without
/// pictures gets none (`lab pictures` draws them).
enum ProgressRefresh {
    /// Every path a refresh may write, to resolve before a workflow's first write.
    static func paths(_ lab: Lab) -> [String] {
        [JournalStore.path, lab.paths.readme] + PictureSet.paths
    }

    /// Resolves `.lab`, then `more`, then `paths(lab)` against the no-escape rule: throws for the
    /// first that leads out of the lab.
    static func checkPaths(_ lab: Lab, project: LabProject, more: [String] = []) throws(LabError) {
        do {
            for path in [".lab"] + more + paths(lab) { _ = try project.files.resolve(path) }
        } catch {
            throw .file(error)
        }
    }

    /// Refreshes the README's table (when `readme`) and the pictures; returns what could not be
    /// written, as warnings. `documents` stand for documents about to be written.
    static func run(
        project: LabProject, lab: Lab, readme: Bool, holding lock: LabLock, documents: [String: [UInt8]] = [:], now: Date = Date()
    ) -> [String] {
        var warnings: [String] = []
        if readme {
            do {
                if case .update(_, let bytes, let path) = try PhaseRecordChanges.readme(for: lab, project: project, documents: documents) {
                    try AtomicFile.write(bytes, to: path, removingLeftovers: true)
                }
            } catch {
                warnings.append("cannot update the phase table of \(lab.paths.readme): \(error)")
            }
        }
        guard PictureSet.paths.contains(where: { FileSystem.kind(project.files.absolute($0)) != .missing }) else { return warnings }
        let facts = PictureFacts.make(lab: lab, files: project.files, journal: JournalStore.load(files: project.files), now: now, documents: documents)
        do {
            try PictureWriter.write(PictureSet.draw(facts), files: project.files, onlyExisting: true, holding: lock)
        } catch {
            warnings.append("cannot redraw the pictures: \(error)")
        }
        return warnings
    }
}
