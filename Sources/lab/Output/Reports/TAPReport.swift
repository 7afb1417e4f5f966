import LabKit

/// `lab check --format tap`: TAP version 13, with a YAML block of diagnostics for each failure.
enum TAPReport {
    static func render(_ report: CheckResult) -> String {
        var out = "TAP version 13\n1..\(report.results.count)\n"
        for (offset, result) in report.results.enumerated() {
            let number = offset + 1
            let name = "\(result.id) - \(sanitize(result.title))"
            switch result.status {
            case .passed:
                out += "ok \(number) - \(name)\n"
            case .upToDate:
                out += "ok \(number) - \(name) (up to date)\n"
            case .skipped where report.strict:
                // With --strict a skipped exercise fails the run: a TAP consumer must not call it fine.
                out += "not ok \(number) - \(name)\n"
                var strict = result
                strict.reason = "skipped (--strict): " + (result.reason ?? result.status.label)
                out += diagnostics(strict)
            case .skipped, .manual, .notRun:
                out += "ok \(number) - \(name) # SKIP \(sanitize(result.reason ?? result.status.label))\n"
            case .failed, .timedOut, .error:
                out += "not ok \(number) - \(name)\n"
                out += diagnostics(result)
            }
        }
        if report.interrupted { out += "Bail out! interrupted\n" }
        return out
    }

    /// The YAML block: every string double-quoted and escaped as YAML requires.
    static func diagnostics(_ result: ExerciseResult) -> String {
        var lines = ["  ---", "  status: \(result.status.rawValue)"]
        if let index = result.failedStep {
            let step = result.steps[index]
            lines.append("  message: " + yamlQuoted("step \(index + 1): \(step.message ?? result.status.label)"))
            lines.append("  step: \(index + 1)")
            lines.append("  kind: \(step.kind.rawValue)")
            lines.append("  command: " + yamlQuoted(step.command))
            if !step.expectation.isEmpty { lines.append("  expect: " + yamlQuoted(step.expectation)) }
            if let exit = step.exit { lines.append("  exit: \(exit)") }
            if let status = step.status { lines.append("  http_status: \(status)") }
            if let signal = step.signal { lines.append("  signal: \(signal)") }
            lines.append("  duration: \(CheckReportJSON.milliseconds(step.duration))")
            if !step.stdout.isEmpty { lines.append("  stdout: " + yamlQuoted(step.stdout)) }
            if !step.stderr.isEmpty { lines.append("  stderr: " + yamlQuoted(step.stderr)) }
            if !step.body.isEmpty { lines.append("  body: " + yamlQuoted(step.body)) }
        } else if let reason = result.reason {
            lines.append("  message: " + yamlQuoted(reason))
        }
        lines.append("  ...")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a YAML double-quoted scalar: quotes, backslashes and every character YAML does not
    /// allow printed as is (control characters, DEL, the C1 controls, U+FFFE and U+FFFF) escaped.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // YAML reads these two as line breaks and folds the blanks around them.
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || (0xFFFE...0xFFFF).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Names and directives are one line, an unescaped `#` would start a directive, and a control
    /// character is written as `\xNN`.
    static func sanitize(_ text: String) -> String {
        var out = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r": out.append(" ")
            case "#": out += "\\#"
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
