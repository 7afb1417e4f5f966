import Foundation
import Testing

/// Exercises a run stopped before they finished are `not run`, with the reason — never "skipped",
/// which means a program is missing — and the one running when Ctrl-C came is named.
@Suite struct NotRunTests {
    @Test func interruptedRunNamesWhatWasRunning() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: I
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: quick
                        title: Quick
                        verify: [{ run: "true" }]
                      - id: slow
                        title: Slow
                        verify: [{ run: "true" }, { run: "touch started; sleep 30" }]
                      - id: later
                        title: Later
                        verify: [{ run: "true" }]

                """,
        ])
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = ["check", "-j", "1", "--no-mark"]
        process.currentDirectoryURL = lab.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = OutputCollector(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(30)
        while !lab.exists("started") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let text = reader.text
        #expect(text.contains("not run    slow   interrupted during step 2 of 2 (its processes were killed)\n"), "\(text)")
        #expect(text.contains("not run    later  interrupted before it started\n"), "\(text)")
        #expect(text.contains("3 checks: 1 passed, 2 not run · "), "\(text)")
        #expect(text.hasSuffix(" · interrupted while running slow\n"), "\(text)")
        #expect(!text.contains("skipped"))
    }

    @Test func failFastSaysWhyTheRestDidNotRun() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: F
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: broken
                        title: Broken
                        verify: [{ run: "sleep 0.3; false" }]
                      - id: slow
                        title: Slow
                        verify: [{ run: "sleep 30" }]
                      - id: later
                        title: Later
                        verify: [{ run: "true" }]

                """,
        ])
        let result = try lab.lab("check", "-j", "2", "--fail-fast", "--no-mark")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("not run    slow    --fail-fast: stopped during step 1 of 1 (its processes were killed)\n"), "\(result)")
        #expect(result.stdout.contains("not run    later   --fail-fast: stopped after a failure, before it started\n"), "\(result)")
        #expect(result.stdout.contains("3 checks: 0 passed, 1 failed, 2 not run · "), "\(result)")
        #expect(result.stdout.hasSuffix(" · --fail-fast stopped slow\n"), "\(result)")

        let json = try lab.lab("check", "-j", "1", "--fail-fast", "--no-mark", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["not_run"] as? Int == 2)
        #expect(summary["skipped"] as? Int == 0)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["failed", "not_run", "not_run"])
        #expect(results[1]["reason"] as? String == "--fail-fast: stopped after a failure, before it started")

        // The one stopped while it ran says how long it ran: about as long as `broken` took to fail.
        let parallel = try lab.lab("check", "-j", "2", "--fail-fast", "--no-mark", "--format", "json")
        let stopped = try #require((try JSONSerialization.jsonObject(with: Data(parallel.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(stopped[1]["status"] as? String == "not_run", "\(stopped)")
        #expect((stopped[1]["duration"] as? Double ?? 0) >= 0.2, "\(stopped)")
        #expect(stopped[2]["duration"] as? Double == 0, "\(stopped)")

        let junit = try lab.lab("check", "-j", "1", "--fail-fast", "--no-mark", "--format", "junit")
        #expect(junit.stdout.contains("skipped=\"2\""), "\(junit)")
        let tap = try lab.lab("check", "-j", "1", "--fail-fast", "--no-mark", "--format", "tap")
        #expect(tap.stdout.contains("ok 3 - later - Later # SKIP --fail-fast: stopped after a failure, before it started\n"), "\(tap)")
    }
}
