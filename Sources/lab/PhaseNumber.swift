import ArgumentParser

/// A phase named on the command line: its number, 1 or more (`lab phase start 2`, `lab list 3`).
enum PhaseNumber {
    /// What a phase argument must be, for the error that a bad one gets.
    static let requirement = "a phase is given by its number, 1 or more ('lab status' lists them)"

    static func parse(_ text: String) throws -> Int {
        guard let number = Int(text), number >= 1 else { throw ValidationError(requirement) }
        return number
    }
}
