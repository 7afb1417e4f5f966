/// `lab check --format tap`: TAP version 13, with a YAML block of diagnostics for each failure.
public enum TAPReport {
    public static func render(_ report: CheckReport) -> String {
        var out = "TAP version 13\n1..\(report.results.count)\n"
        for (offset, result) in report.results.enumerated() {
            let number = offset + 1
            let name = "\(result.id) - \(sanitize(result.title))"
            switch result.status {
            case .passed:
                out += "ok \(number) - \(name)\n"
            case .upToDate:
                out += "ok \(number) - \(name) (up to date)\n"
            case .skipped, .manual:
                out += "ok \(number) - \(name) # SKIP \(sanitize(result.reason ?? result.status.label))\n"
            case .failed, .timedOut, .error:
                out += "not ok \(number) - \(name)\n"
                out += diagnostics(result)
            }
        }
        if report.interrupted { out += "Bail out! interrupted\n" }
        return out
    }

    /// The YAML block: JSON-quoted strings, which are valid YAML whatever they hold.
    static func diagnostics(_ result: ExerciseResult) -> String {
        var lines = ["  ---", "  status: \(result.status.rawValue)"]
        if let index = result.failedStep {
            let step = result.steps[index]
            lines.append("  message: " + JSONValue.quote("step \(index + 1): \(step.message ?? result.status.label)"))
            lines.append("  step: \(index + 1)")
            lines.append("  command: " + JSONValue.quote(step.command))
            if let exit = step.exit { lines.append("  exit: \(exit)") }
            if let signal = step.signal { lines.append("  signal: \(signal)") }
            lines.append("  duration: \(JSONReport.round3(step.duration))")
            if !step.stdout.isEmpty { lines.append("  stdout: " + JSONValue.quote(step.stdout)) }
            if !step.stderr.isEmpty { lines.append("  stderr: " + JSONValue.quote(step.stderr)) }
        } else if let reason = result.reason {
            lines.append("  message: " + JSONValue.quote(reason))
        }
        lines.append("  ...")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Names and directives are one line, and an unescaped `#` would start a directive.
    static func sanitize(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r", "\r\n": out.append(" ")
            case "#": out += "\\#"
            case "\\": out += "\\\\"
            default: out.append(character)
            }
        }
        return out
    }
}
