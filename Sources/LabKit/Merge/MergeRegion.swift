/// A stretch of a three-way merge where at least one side changed the base, and how it is resolved.
///
/// Positions are 0-based line indexes, `ours…` in our file and `theirs…` in theirs. Lines of our file
/// before `oursStart` that no earlier region covers are unchanged on both sides and are copied as they
/// are. (Where the region lies in the base matters only to diff3-style output, which we do not write.)
struct MergeRegion: Sendable, Equatable {
    enum Resolution: Sendable, Equatable {
        /// Both sides changed it differently.
        case conflict
        /// Only our side changed it: take ours.
        case ours
        /// Only their side changed it: take theirs.
        case theirs
        /// Both sides made the same change: ours already holds it.
        case identical
    }

    var resolution: Resolution
    var oursStart: Int
    var oursCount: Int
    var theirsStart: Int
    var theirsCount: Int

    var oursEnd: Int { oursStart + oursCount }
    var theirsEnd: Int { theirsStart + theirsCount }
}
