import ArgumentParser
import LabKit
import LabSpec

/// How a check run is shown: a view of stdout as the run goes (text, github) or a report of the
/// whole run (json, junit, tap, markdown). `lab check` and `lab merge-reports` share the reports.
enum CheckReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github, json, junit, tap, markdown

    /// A report of the whole run, rather than a view of it as it goes.
    var isReport: Bool { self != .text && self != .github }

    /// The report a file's extension names: .json, .xml (JUnit), .tap or .md; nil for any other.
    init?(reportFile path: String) {
        if path.hasSuffix(".json") { self = .json }
        else if path.hasSuffix(".xml") { self = .junit }
        else if path.hasSuffix(".tap") { self = .tap }
        else if path.hasSuffix(".md") { self = .markdown }
        else { return nil }
    }

    /// The report a run writes to `output`: `format` when it is one, else the one the file's
    /// extension names.
    static func report(format: Self?, output: String) -> Self? {
        if let format, format.isReport { return format }
        return Self(reportFile: output)
    }

    /// Renders the report; the views, which are printed as the run goes, render as JSON.
    var renderer: @Sendable (CheckResult, Lab) -> String {
        switch self {
        case .json, .text, .github: return { report, _ in CheckReportJSON.render(report) }
        case .junit: return { report, lab in JUnitReport.render(report, phaseTitles: lab.phaseTitles) }
        case .tap: return { report, _ in TAPReport.render(report) }
        case .markdown: return { report, lab in MarkdownReport.render(report, phaseTitles: lab.phaseTitles) }
        }
    }

    /// What stdout shows: the report when `format` puts one there (no `output` file); else the
    /// github view when asked for, or on GitHub Actions with stdout not a terminal and `format`
    /// not saying text; else the text view.
    static func stdoutView(format: Self?, output: String?, stdoutIsTTY: Bool) -> CheckPrinter.StdoutReport {
        if let format, format.isReport, output == nil { return .report(format.renderer) }
        if format == .github || (format != .text && GitHubActions.isLog(stdoutIsTTY: stdoutIsTTY)) { return .github }
        return .text
    }
}
