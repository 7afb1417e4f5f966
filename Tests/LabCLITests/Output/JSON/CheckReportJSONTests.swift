import Foundation
import LabKit
import Testing

@testable import lab

/// `lab check --format json`, read back: every key the README documents, in snake case, nulls
/// present, durations rounded to the millisecond, step output kept byte for byte.
@Suite struct CheckReportJSONTests {
    static let text = CheckReportJSON.render(SampleCheck.result())

    @Test func theRunAndItsSummary() throws {
        let json = try JSONTree.object(Self.text)
        #expect(Set(json.keys) == ["lab", "started", "duration", "interrupted", "strict", "summary", "results"])
        #expect(json["strict"] as? Bool == false)
        #expect(json["lab"] as? String == "Lab <&> \"quoted\"")
        #expect(json["started"] as? String == "2026-11-26T15:04:05Z")
        #expect(json["duration"] as? Double == 12.346)
        #expect(json["interrupted"] as? Bool == false)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(Set(summary.keys) == [
            "total", "passed", "up_to_date", "failed", "timed_out", "errors", "skipped", "manual", "not_run", "ticked", "regressions",
        ])
        #expect(summary["total"] as? Int == 7)
        // `passed` includes the exercises up to date.
        #expect(summary["passed"] as? Int == 2)
        #expect(summary["up_to_date"] as? Int == 1)
        #expect(summary["failed"] as? Int == 1)
        #expect(summary["timed_out"] as? Int == 1)
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["skipped"] as? Int == 1)
        #expect(summary["manual"] as? Int == 1)
        #expect(summary["not_run"] as? Int == 0)
        #expect(summary["ticked"] as? [String] == ["docs/phases/phase-01.md:7"])
        #expect(summary["regressions"] as? [String] == ["failing"])
        #expect(JSONTree.allKeys(json).allSatisfy(JSONTree.isSnakeCase), "\(JSONTree.allKeys(json).sorted())")
    }

    @Test func eachResult() throws {
        let results = try #require(try JSONTree.object(Self.text)["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["passing", "unchanged", "failing", "slow", "broken", "cloud", "essay"])
        #expect(results.map { $0["status"] as? String } == ["passed", "up_to_date", "failed", "timed_out", "error", "skipped", "manual"])
        for result in results {
            #expect(Set(result.keys) == [
                "id", "phase", "title", "status", "duration", "ticked", "regression", "reason", "item", "missing", "step_count", "steps",
            ])
        }
        let failing = results[2]
        #expect(failing["phase"] as? Int == 1)
        #expect(failing["title"] as? String == "Fails # sometimes <&>")
        #expect(failing["duration"] as? Double == 0.134)
        #expect(failing["ticked"] as? Bool == false)
        #expect(failing["regression"] as? Bool == true)
        #expect(JSONTree.isNull(failing["reason"]))
        #expect(results[0]["ticked"] as? Bool == true)
        #expect(results[4]["reason"] as? String == "shell '/bin/nope' not found")
        #expect((results[4]["steps"] as? [Any])?.isEmpty == true)
        #expect(results[5]["reason"] as? String == "requires terraform (not on PATH)")
        #expect(results[5]["missing"] as? [String] == ["terraform"])
        #expect(results[0]["missing"] as? [String] == [])
        #expect(results[0]["item"] as? String == "docs/phases/phase-01.md:7")
        #expect(JSONTree.isNull(results[1]["item"]))
        #expect(failing["step_count"] as? Int == 3)
        #expect(results[0]["step_count"] as? Int == 1)
    }

    @Test func eachStep() throws {
        let results = try #require(try JSONTree.object(Self.text)["results"] as? [[String: Any]])
        let steps = try #require(results[2]["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        for step in steps {
            #expect(Set(step.keys) == ["kind", "command", "expect", "exit", "signal", "status", "duration", "attempts", "stdout", "stderr", "body", "message"])
            #expect(JSONTree.isNull(step["status"]))
            #expect(step["body"] as? String == "")
        }
        let passing = steps[0]
        #expect(passing["exit"] as? Int == 0)
        #expect(JSONTree.isNull(passing["signal"]))
        #expect(JSONTree.isNull(passing["message"]))
        #expect(passing["duration"] as? Double == 0.01)
        let failing = steps[1]
        #expect(failing["kind"] as? String == "run")
        #expect(failing["command"] as? String == "grep -q 'a<b' \"notes & more.md\"")
        #expect(failing["exit"] as? Int == 1)
        #expect(failing["duration"] as? Double == 0.123)
        #expect(failing["attempts"] as? Int == 1)
        #expect(failing["stdout"] as? String == SampleCheck.coloured)
        #expect(failing["stderr"] as? String == SampleCheck.controls)
        #expect(failing["message"] as? String == "exit 1 (expected 0)")
        let timedOut = try #require((results[3]["steps"] as? [[String: Any]])?.first)
        #expect(JSONTree.isNull(timedOut["exit"]))
        #expect(timedOut["signal"] as? Int == 15)
        #expect(timedOut["duration"] as? Double == 10.0)
    }

    /// Numbers are printed rounded, not merely read back rounded: no long binary tails in the text.
    @Test func durationsArePrintedToTheMillisecond() throws {
        for line in Self.text.split(separator: "\n") where line.contains("\"duration\"") {
            let number = line.split(separator: ":").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,")) } ?? ""
            let decimals = number.split(separator: ".").dropFirst().first?.count ?? 0
            #expect(decimals <= 3, "\(line)")
        }
        #expect(CheckReportJSON.milliseconds(0.0004) == 0)
        #expect(CheckReportJSON.milliseconds(0.0005) == 0.001)
        #expect(CheckReportJSON.milliseconds(1.23456) == 1.235)
        #expect(CheckReportJSON.milliseconds(59.9996) == 60)
    }

    @Test func anInterruptedRunSaysSo() throws {
        let json = try JSONTree.object(CheckReportJSON.render(SampleCheck.result(interrupted: true)))
        #expect(json["interrupted"] as? Bool == true)
    }
}
