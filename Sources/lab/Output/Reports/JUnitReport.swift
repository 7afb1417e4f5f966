import Foundation
import LabKit
import LabSpec

/// `lab check --format junit`: one `<testsuite>` per phase, one `<testcase>` per exercise.
enum JUnitReport {
    static func render(_ report: CheckResult, phaseTitles: [Int: String]) -> String {
        var phases: [Int] = []
        var byPhase: [Int: [ExerciseResult]] = [:]
        for result in report.results {
            if byPhase[result.phase] == nil { phases.append(result.phase) }
            byPhase[result.phase, default: []].append(result)
        }
        let summary = report.summary
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        // With --strict a skipped exercise fails the run, so it is a failure here, not a skip.
        let strictFailures = report.strict ? summary.skipped : 0
        xml += "<testsuites name=\(attribute(report.lab)) tests=\"\(summary.total)\" failures=\"\(summary.failed + summary.timedOut + strictFailures)\""
        xml += " errors=\"\(summary.errors)\" skipped=\"\(summary.skipped - strictFailures + summary.manual + summary.notRun)\" time=\"\(seconds(report.duration))\""
        xml += " timestamp=\"\(report.started.formatted(.iso8601))\">\n"
        for phase in phases {
            let results = byPhase[phase] ?? []
            let failures = results.count { $0.status == .failed || $0.status == .timedOut || (report.strict && $0.status == .skipped) }
            let errors = results.count { $0.status == .error }
            let skipped = results.count { ($0.status == .skipped && !report.strict) || $0.status == .manual || $0.status == .notRun }
            let time = results.reduce(0) { $0 + $1.duration }
            let title = phaseTitles[phase].map { "Phase \(phase): \($0)" } ?? "Phase \(phase)"
            xml += "  <testsuite name=\(attribute(title)) tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
            xml += " skipped=\"\(skipped)\" time=\"\(seconds(time))\">\n"
            for result in results {
                xml += "    <testcase classname=\(attribute("phase-\(phase)")) name=\(attribute(result.id)) time=\"\(seconds(result.duration))\""
                switch result.status {
                case .passed, .upToDate:
                    xml += result.status == .upToDate ? ">\n      <system-out>up to date</system-out>\n    </testcase>\n" : "/>\n"
                case .skipped where report.strict:
                    let message = "skipped (--strict): " + (result.reason ?? result.status.label)
                    xml += ">\n      <failure message=\(attribute(message)) type=\"skipped\">" + text(message) + "</failure>\n    </testcase>\n"
                case .skipped, .manual, .notRun:
                    xml += ">\n      <skipped message=\(attribute(result.reason ?? result.status.label))/>\n    </testcase>\n"
                case .failed, .timedOut:
                    xml += ">\n      <failure message=\(attribute(failureMessage(result))) type=\(attribute(result.status.rawValue))>"
                    xml += text(failureDetails(result)) + "</failure>\n    </testcase>\n"
                case .error:
                    xml += ">\n      <error message=\(attribute(result.reason ?? "error")) type=\"error\">"
                    xml += text(failureDetails(result)) + "</error>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    static func failureMessage(_ result: ExerciseResult) -> String {
        guard let index = result.failedStep else { return result.reason ?? result.status.label }
        return "step \(index + 1): \(result.steps[index].message ?? result.status.label)"
    }

    /// The failing step, its command, and its output tails.
    static func failureDetails(_ result: ExerciseResult) -> String {
        guard let index = result.failedStep else { return result.reason ?? "" }
        let step = result.steps[index]
        var details = "step \(index + 1) of \(max(result.stepCount, result.steps.count)) (\(step.kind.rawValue)): \(step.command)\n"
        if !step.expectation.isEmpty { details += "expected: \(step.expectation)\n" }
        details += "\(step.message ?? "")\n"
        if !step.stdout.isEmpty { details += "--- stdout\n\(step.stdout)" + (step.stdout.hasSuffix("\n") ? "" : "\n") }
        if !step.stderr.isEmpty { details += "--- stderr\n\(step.stderr)" + (step.stderr.hasSuffix("\n") ? "" : "\n") }
        if !step.body.isEmpty { details += "--- body\n\(step.body)" + (step.body.hasSuffix("\n") ? "" : "\n") }
        return details
    }

    static func seconds(_ value: Double) -> String { FixedDecimal.text(value, places: 3) }

    static func attribute(_ value: String) -> String { "\"" + escape(value, attribute: true) + "\"" }

    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// XML-escapes text, and replaces what XML 1.0 cannot hold at all (most control characters,
    /// as terminal colour codes in a step's output) with U+FFFD.
    static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Lab {
    /// Each phase's title by its id, for the suites' names.
    var phaseTitles: [Int: String] {
        Dictionary(phases.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }
}
