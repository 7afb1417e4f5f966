/// The result of a three-way merge: the merged bytes, and whether they hold conflict markers.
public enum MergeOutcome: Sendable, Equatable {
    /// Every change applied; nothing for the learner to resolve.
    case clean([UInt8])
    /// The merged bytes with `conflicts` regions written inline between conflict markers.
    case conflicted([UInt8], conflicts: Int)

    /// The merged bytes, markers included when there are conflicts.
    public var bytes: [UInt8] {
        switch self {
        case .clean(let bytes), .conflicted(let bytes, _): bytes
        }
    }

    /// How many conflict regions the bytes hold; zero when clean.
    public var conflictCount: Int {
        switch self {
        case .clean: 0
        case .conflicted(_, let conflicts): conflicts
        }
    }
}
