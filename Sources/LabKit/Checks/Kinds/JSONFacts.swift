import LabSpec

/// The `json` expectation of a `run` step (its stdout) or an `http` step (the response body).
enum JSONFacts {
    /// The first fact that does not hold, or nil; `source` names the text ("stdout", "the body").
    static func problem(_ checks: [ValueCheck], in bytes: [UInt8], source: String, truncated: Bool) -> String? {
        guard !checks.isEmpty else { return nil }
        if truncated { return "\(source) was cut (it is too long to keep whole), so it cannot be read as JSON" }
        let node: DataNode
        switch DocumentReader.json(bytes, path: source) {
        case .success(let read): node = read
        case .failure(let failure): return "\(source) is \(failure.message)"
        }
        for check in checks {
            if let problem = ValueMatcher.check(check, in: node, rootName: source) {
                return check.query.segments.isEmpty ? problem.message : "\(source): \(problem.message)"
            }
        }
        return nil
    }
}
