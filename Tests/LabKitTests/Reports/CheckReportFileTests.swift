import Foundation
import LabKit
import Testing

/// Reading a JSON report of `lab check` back: what it says, and a clear error for what is not one.
/// (That it reads back exactly what `lab check --format json` writes is pinned where the writer
/// lives: `CheckReportRoundTripTests` in LabCLITests.)
@Suite struct CheckReportFileTests {
    static func decode(_ text: String) throws(LabError) -> CheckResult {
        try CheckReportFile.decode(Array(text.utf8), path: "r.json")
    }

    static func message(_ text: String) -> String {
        do {
            _ = try decode(text)
            return ""
        } catch {
            return error.description
        }
    }

    @Test func aReportOfAnOlderLabWithoutTheNewerKeysReads() throws {
        let report = try Self.decode("""
            { "lab": "L", "started": "2026-11-26T15:04:05Z", "duration": 1.5, "interrupted": false,
              "summary": { "ticked": ["docs/phases/phase-01.md:4"], "regressions": [] },
              "results": [ { "id": "a", "phase": 1, "title": "A", "status": "passed", "duration": 0.2, "ticked": true,
                             "regression": false, "reason": null,
                             "steps": [ { "kind": "run", "command": "true", "exit": 0, "signal": null, "duration": 0.1,
                                          "attempts": 1, "stdout": "", "stderr": "", "message": null } ] } ] }
            """)
        #expect(report.lab == "L" && report.duration == 1.5 && !report.strict)
        #expect(report.results.map(\.status) == [.passed])
        #expect(report.results[0].stepCount == 1 && report.results[0].steps[0].passed)
        #expect(report.ticked == ["docs/phases/phase-01.md:4"])
        #expect(report.tickedDocuments.map(\.count) == [1])
    }

    @Test(arguments: [
        ("not json", "'r.json' is not a JSON report of lab check: it is not valid JSON"),
        ("[]", "'r.json' is not a JSON report of lab check: '' is not an object"),
        (#"{"lab": "L"}"#, "'r.json' is not a JSON report of lab check: key 'started' is missing"),
        (#"{"lab": 1, "started": "x", "duration": 0, "summary": {"ticked": [], "regressions": []}, "results": []}"#,
         "'r.json' is not a JSON report of lab check: 'lab' is not a string"),
        (#"{"lab": "L", "started": "yesterday", "duration": 0, "summary": {"ticked": [], "regressions": []}, "results": []}"#,
         "'r.json' is not a JSON report of lab check: 'started' is not a UTC time ('yesterday')"),
        (#"{"lab": "L", "started": "2026-11-26T15:04:05Z", "duration": 0, "summary": {"ticked": [], "regressions": []}, "results": [{"id": "a", "phase": 1, "status": "great"}]}"#,
         "'r.json': result 1 ('a') has an unknown status 'great'"),
        (#"{"lab": "L", "started": "2026-11-26T15:04:05Z", "duration": 0, "summary": {"ticked": [], "regressions": []}, "results": [{"phase": 1, "status": "passed"}]}"#,
         "'r.json' is not a JSON report of lab check: key 'results[0].id' is missing"),
    ])
    func whatIsNotAReportIsNamed(_ text: String, _ expected: String) {
        #expect(Self.message(text) == expected)
    }
}
