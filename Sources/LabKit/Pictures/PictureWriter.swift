import LabRuntime

/// Writes pictures into a lab: each one only when its bytes change, atomically, through the lab's
/// no-escape rule (never through a link out of the lab), under the lab lock.
public enum PictureWriter {
    public struct Outcome: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case created
            case redrawn
            case unchanged
            /// Not there, and only pictures already there are redrawn.
            case absent
        }

        public var path: String
        public var action: Action
    }

    /// What writing `pictures` would do, without writing: for `--dry-run` and as the plan of `write`.
    /// Throws when a picture's path leads out of the lab or is not a regular file.
    public static func plan(_ pictures: [PictureSet.Picture], files: ContainedRoot, onlyExisting: Bool) throws(FileError) -> [Outcome] {
        var outcomes: [Outcome] = []
        for picture in pictures {
            let path = try files.resolve(picture.path)
            switch FileSystem.resolvedKind(path.absolute) {
            case .missing:
                outcomes.append(Outcome(path: picture.path, action: onlyExisting ? .absent : .created))
            case .file:
                let old = try FileSystem.read(path.absolute, displayPath: picture.path, limit: ReadLimits.picture)
                outcomes.append(Outcome(path: picture.path, action: old == Array(picture.svg.utf8) ? .unchanged : .redrawn))
            case .directory:
                throw FileError("write", picture.path, reason: "it is a directory")
            case .symlink, .other:
                throw FileError("write", picture.path, reason: "it is not a regular file")
            }
        }
        return outcomes
    }

    /// Writes the pictures `plan` finds created or redrawn; returns what happened to each. The
    /// caller holds the lab lock. A failure stops at the picture it concerns: every picture is
    /// whole, old or new.
    @discardableResult
    public static func write(
        _ pictures: [PictureSet.Picture], files: ContainedRoot, onlyExisting: Bool, holding lock: LabLock
    ) throws(FileError) -> [Outcome] {
        let outcomes = try plan(pictures, files: files, onlyExisting: onlyExisting)
        for (picture, outcome) in zip(pictures, outcomes) {
            guard outcome.action == .created || outcome.action == .redrawn else {
                // What a write killed before its rename left beside a picture that is right.
                if outcome.action == .unchanged { AtomicFile.removeLeftovers(of: try files.resolve(picture.path)) }
                continue
            }
            let path = try files.resolve(picture.path)
            if outcome.action == .created { try FileSystem.createDirectory(path.parent) }
            try AtomicFile.write(Array(picture.svg.utf8), to: path, removingLeftovers: true)
        }
        return outcomes
    }
}
