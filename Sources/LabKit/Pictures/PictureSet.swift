/// The pictures `lab` keeps in a lab's `assets/` for its README: the banner, three badges and the
/// progress picture, each drawn from the same facts.
public enum PictureSet {
    public struct Picture: Sendable, Equatable {
        /// Relative to the lab root.
        public var path: String
        public var svg: String
    }

    public static let banner = "assets/banner.svg"
    public static let statusBadge = "assets/badges/status.svg"
    public static let stageBadge = "assets/badges/stage.svg"
    public static let progressBadge = "assets/badges/progress.svg"
    public static let progress = "assets/progress.svg"

    /// Every picture's path, in the order they are drawn.
    public static let paths = [banner, statusBadge, stageBadge, progressBadge, progress]

    public static func draw(_ facts: PictureFacts) -> [Picture] {
        [
            Picture(path: banner, svg: Banner.svg(facts)),
            Picture(path: statusBadge, svg: statusBadge(facts).svg),
            Picture(path: stageBadge, svg: stageBadge(facts).svg),
            Picture(path: progressBadge, svg: progressBadge(facts).svg),
            Picture(path: progress, svg: ProgressPicture.svg(facts)),
        ]
    }

    /// `status`: in progress, done, not started, or paused (some phases done, none in progress).
    static func statusBadge(_ facts: PictureFacts) -> Badge {
        if !facts.current.isEmpty { return Badge(label: "status", message: "in progress", color: Badge.Color.blue) }
        if !facts.phases.isEmpty && facts.phases.allSatisfy({ $0.status == .done }) {
            return Badge(label: "status", message: "done", color: Badge.Color.brightGreen)
        }
        if facts.phases.allSatisfy({ $0.status == .pending }) {
            return Badge(label: "status", message: "not started", color: Badge.Color.lightGrey)
        }
        return Badge(label: "status", message: "paused", color: Badge.Color.yellow)
    }

    /// `stage`: the phase in progress, `phase 1 of 4`.
    static func stageBadge(_ facts: PictureFacts) -> Badge {
        let count = facts.phases.count
        let current = facts.current
        if current.count == 1, let phase = current.first {
            return Badge(label: "stage", message: "phase \(phase.id) of \(count)", color: Badge.Color.blue)
        }
        if current.count > 1 {
            return Badge(label: "stage", message: "phases \(current.map { "\($0.id)" }.joined(separator: ", ")) of \(count)", color: Badge.Color.blue)
        }
        if count > 0 && facts.phases.allSatisfy({ $0.status == .done }) {
            return Badge(label: "stage", message: "all \(count) phases done", color: Badge.Color.brightGreen)
        }
        let done = facts.phases.filter { $0.status == .done }.count
        return Badge(label: "stage", message: "\(done) of \(count) phases done", color: Badge.Color.lightGrey)
    }

    /// `progress`: ticked items over all items of the lab, `7/40`.
    static func progressBadge(_ facts: PictureFacts) -> Badge {
        let (done, total) = facts.overall
        let ratio = total > 0 ? Double(done) / Double(total) : 0
        let color: String
        switch ratio {
        case 1...: color = Badge.Color.brightGreen
        case (2.0 / 3)...: color = Badge.Color.green
        case (1.0 / 3)...: color = Badge.Color.yellow
        case _ where done > 0: color = Badge.Color.orange
        default: color = Badge.Color.lightGrey
        }
        return Badge(label: "progress", message: "\(done)/\(total)", color: color)
    }
}
