import Foundation
import LabKit
import Testing

@testable import lab

/// `lab check --format markdown`, the job summary, rendered by cmark-gfm as GitHub renders it
/// (`Tests/Tools/gfm_html.py`, Python's `cmarkgfm`; those tests are skipped without it): a table
/// per phase of three cells a row, a `<details>` block per failure, and whatever a lab or a step
/// prints shown as text — never a cell more, a tag, a link or a broken block.
@Suite struct MarkdownReportTests {
    static let script = Repository.root.appending(path: "Tests/Tools/gfm_html.py")

    static let rendererIsAvailable: Bool = (try? run(["--check"], input: ""))?.status == 0

    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A reader that ends early must fail the test by its output, not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func html(_ markdown: String) throws -> String {
        let result = try run([], input: markdown)
        try #require(result.status == 0)
        return result.output
    }

    /// The text of an HTML fragment: tags dropped, entities decoded.
    static func text(_ html: String) -> String {
        html.replacing(/<[^>]*>/, with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The elements of `html`, but for GitHub's autolinks of bare URLs (`<a href="U">U</a>`).
    static func tags(_ html: String) -> Set<String> {
        let withoutAutolinks = html.replacing(/<a href="([^"]*)">([^<]*)<\/a>/) { match in
            match.output.1 == match.output.2 ? String(match.output.2) : String(match.output.0)
        }
        return Set(withoutAutolinks.matches(of: /<\/?([a-zA-Z][a-zA-Z0-9]*)/).map { String($0.output.1).lowercased() })
    }

    /// The cells of each body row of each table.
    static func rows(_ html: String) -> [[String]] {
        html.matches(of: /<tr>(.*?)<\/tr>/.dotMatchesNewlines()).compactMap { row -> [String]? in
            let cells = row.output.1.matches(of: /<td[^>]*>(.*?)<\/td>/.dotMatchesNewlines()).map { String($0.output.1) }
            return cells.isEmpty ? nil : cells
        }
    }

    static let ownTags: Set<String> = ["h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "details", "summary", "blockquote"]

    @Test func theSampleRunMatchesItsGoldenFile() throws {
        try Golden.expect(MarkdownReport.render(SampleCheck.result(), phaseTitles: [1: "Foundations", 2: "Cloud | ops"]), matches: "check.md")
    }

    @Test func theHostileRunMatchesItsGoldenFile() throws {
        try Golden.expect(MarkdownReport.render(SampleCheck.hostileResult(), phaseTitles: [1: SampleCheck.hostile]), matches: "check-escaping.md")
    }

    @Test(.enabled(if: rendererIsAvailable, "needs python3 and the cmarkgfm package"))
    func eachPhaseATableOfThreeCellsARow() throws {
        let html = try Self.html(MarkdownReport.render(SampleCheck.result(), phaseTitles: [1: "Foundations", 2: "Cloud | ops"]))
        #expect(Self.tags(html).isSubset(of: Self.ownTags), "\(Self.tags(html).subtracting(Self.ownTags))")
        #expect(html.matches(of: /<table>/).count == 3)
        let rows = Self.rows(html)
        #expect(rows.map(\.count) == Array(repeating: 3, count: 7))
        #expect(rows.map { Self.text($0[0]) } == [
            "passing Passes", "unchanged Up to date", "failing Fails # sometimes <&>", "slow Times out", "broken Cannot start",
            "cloud Needs terraform", "essay Write an essay",
        ])
        #expect(rows.map { Self.text($0[1]) } == [
            "✅ passed", "✅ up to date", "❌ failed (regression)", "⏱️ timed out", "💥 error: shell '/bin/nope' not found",
            "⏭️ skipped: requires terraform (not on PATH)", "✋ manual",
        ])
        #expect(rows.map { Self.text($0[2]) } == ["0.01s", "", "0.13s", "10.0s", "", "", ""])
        #expect(html.contains("<h3>Phase 2: Cloud | ops</h3>"))
        // The failures' details: the failed and the timed-out exercise.
        #expect(html.matches(of: /<details>/).count == 2 && html.matches(of: /<\/details>/).count == 2)
    }

    @Test(.enabled(if: rendererIsAvailable, "needs python3 and the cmarkgfm package"))
    func whatALabOrAStepPrintsIsShownAsText() throws {
        let report = SampleCheck.hostileResult()
        let html = try Self.html(MarkdownReport.render(report, phaseTitles: [1: SampleCheck.hostile]))
        #expect(Self.tags(html).isSubset(of: Self.ownTags), "\(Self.tags(html).subtracting(Self.ownTags))")
        #expect(!html.contains("<em>") && !html.contains("<b>") && !html.contains("<a href=\"http://x\">link"))
        // Line breaks (CR and LF each) become spaces.
        let oneLine = String(String.UnicodeScalarView(SampleCheck.hostile.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
        let rows = Self.rows(html)
        #expect(rows.map(\.count) == [3, 3, 3])
        #expect(Self.text(rows[0][0]) == "hostile Title " + oneLine)
        #expect(Self.text(rows[2][1]) == "⏭️ skipped: requires \(oneLine) (not on PATH)")
        let heading = Self.text(html.firstMatch(of: /<h3>(.*?)<\/h3>/).map { String($0.output.1) } ?? "")
        #expect(heading == "Phase 1: " + oneLine)
        // The output in a code block, whole: only its line breaks normalised.
        let blocks = html.matches(of: /<pre><code class="language-text">(.*?)<\/code><\/pre>/.dotMatchesNewlines()).map { Self.text(String($0.output.1)) }
        #expect(blocks.first == SampleCheck.hostile.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") + "\n")
        #expect(html.matches(of: /<details>/).count == 2 && html.matches(of: /<\/details>/).count == 2)
        let summary = Self.text(html.firstMatch(of: /<summary>(.*?)<\/summary>/).map { String($0.output.1) } ?? "")
        #expect(summary.hasPrefix("hostile failed: step 1 of 1: exit 2 (expected 0) 50%"), "\(summary)")
    }

    @Test func inlineTextIsOneLineWithMarkupEscaped() {
        #expect(MarkdownText.inline("a|b\nc <d> & `e` *f*") == "a\\|b c &lt;d&gt; &amp; \\`e\\` \\*f\\*")
        #expect(MarkdownText.codeBlock("a ``` b\r\nc", info: "text") == "````text\na ``` b\nc\n````\n")
        #expect(MarkdownText.html("<a href=\"x\">\n") == "&lt;a href=&quot;x&quot;&gt; ")
    }
}
