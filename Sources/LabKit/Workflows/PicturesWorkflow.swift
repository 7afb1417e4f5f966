import Foundation
import LabSpec

/// `lab pictures [--dry-run]`: draws the banner, the badges and the progress picture into the
/// lab's `assets/` from its phase documents and journal — each written only when its bytes change,
/// under the lab lock (`--dry-run`: compares only, writes nothing).
public enum PicturesWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        public var dryRun: Bool
        public var now: Date

        public init(location: LabLocation, dryRun: Bool = false, now: Date = Date()) {
            self.location = location
            self.dryRun = dryRun
            self.now = now
        }
    }

    public struct Result: Sendable {
        public var outcomes: [PictureWriter.Outcome]
        /// What the journal's reading found wrong.
        public var warnings: [String]
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        let project: LabProject
        let lab: Lab
        var lock: LabLock?
        if request.dryRun {
            (project, lab) = try request.location.openLab()
        } else {
            // Every path checked before `.lab/` is created for the lock.
            let (first, firstLab) = try request.location.openLab()
            try ProgressRefresh.checkPaths(firstLab, project: first)
            (project, lab, lock) = try request.location.openLabLocked()
        }
        let journal = JournalStore.load(files: project.files)
        let pictures = PictureSet.draw(PictureFacts.make(lab: lab, files: project.files, journal: journal, now: request.now))
        do {
            let outcomes: [PictureWriter.Outcome]
            if let lock {
                outcomes = try PictureWriter.write(pictures, files: project.files, onlyExisting: false, holding: lock)
            } else {
                outcomes = try PictureWriter.plan(pictures, files: project.files, onlyExisting: false)
            }
            return Result(outcomes: outcomes, warnings: journal.warnings)
        } catch {
            throw .file(error)
        }
    }
}
