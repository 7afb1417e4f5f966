/// One hunk of an edit script: `oldCount` lines at `oldStart` replaced by `newCount` lines at `newStart`.
///
/// Starts are 0-based line indexes; a pure insertion has `oldCount == 0` and its `oldStart` is the
/// line it goes before, a pure deletion likewise has `newCount == 0`.
struct LineChange: Sendable, Equatable {
    var oldStart: Int
    var oldCount: Int
    var newStart: Int
    var newCount: Int

    var oldEnd: Int { oldStart + oldCount }
    var newEnd: Int { newStart + newCount }
}
