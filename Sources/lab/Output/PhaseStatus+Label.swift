import LabSpec

extension PhaseStatus {
    /// How the status reads in text, as `lab status` prints it: `pending`, `in progress`, `done`.
    var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}
