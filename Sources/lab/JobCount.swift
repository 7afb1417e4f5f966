import ArgumentParser

/// `-j N`: how many exercises run at once, a whole number, 1 or more.
enum JobCount {
    static func parse(_ text: String) throws -> Int {
        guard let count = Int(text), count >= 1 else {
            throw ValidationError("the number of exercises to run at once must be a whole number, 1 or more")
        }
        return count
    }
}
