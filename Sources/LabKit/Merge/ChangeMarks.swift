/// Which lines of one side of a diff are changed, readable one line past either end.
///
/// The diff walks groups of changed lines with loops that step off the ends of the file; reading
/// "unchanged" there, as xdiff does with its sentinel slots, keeps those loops free of bounds tests.
struct ChangeMarks: Sendable {
    /// Slot `i + 1` holds line `i`; slots `0` and `count + 1` are the always-unchanged sentinels.
    private var storage: [Bool]

    /// The number of lines.
    let count: Int

    init(count: Int) {
        self.count = count
        storage = Array(repeating: false, count: count + 2)
    }

    subscript(line: Int) -> Bool {
        get {
            guard line >= -1, line <= count else { return false }
            return storage[line + 1]
        }
        set {
            guard line >= 0, line < count else { return }
            storage[line + 1] = newValue
        }
    }
}
