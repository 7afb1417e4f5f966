import LabKit

extension CheckStatus {
    /// How the result reads in text: `passed`, `timed out`, `up to date`.
    var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
