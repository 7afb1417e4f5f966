import Foundation
import Testing

/// `lab merge-reports`: the JSON reports of shards as one report, in any format, with or without
/// the lab at hand; and a clear error for what cannot be merged.
@Suite struct MergeReportsTests {
    static func report(lab: String = "M", _ results: [(id: String, phase: Int, status: String)], strict: Bool = false) -> String {
        let entries = results.map { result in
            "{\"id\": \"\(result.id)\", \"phase\": \(result.phase), \"title\": \"\(result.id.uppercased())\", \"status\": \"\(result.status)\", \"duration\": 0.5, \"missing\": \(result.status == "skipped" ? "[\"tf\"]" : "[]")}"
        }
        return """
            {"lab": "\(lab)", "started": "2026-11-26T15:04:05Z", "duration": 2, "strict": \(strict),
             "summary": {"ticked": [], "regressions": []}, "results": [\(entries.joined(separator: ", "))]}
            """
    }

    static func folder() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "a.json": report([("b", 1, "passed"), ("d", 2, "skipped")]),
            "b.json": report([("a", 1, "passed"), ("c", 2, "passed")]),
        ])
    }

    @Test func withoutTheLabResultsGoByPhase() throws {
        let folder = try Self.folder()
        let result = try folder.lab("merge-reports", "a.json", "b.json", "--format", "json")
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["results"] as? [[String: Any]])?.map { $0["id"] as? String } == ["b", "a", "d", "c"])
        let text = try folder.lab("merge-reports", "a.json", "b.json")
        #expect(text.stdout.hasSuffix("4 checks: 3 passed, 1 skipped · 2.00s\n"), "\(text)")
        let markdown = try folder.lab("merge-reports", "a.json", "b.json", "--format", "markdown")
        #expect(markdown.stdout.contains("### Phase 1\n") && markdown.stdout.contains("### Phase 2\n"))
    }

    @Test func theLabGivesTheOrderAndThePhaseTitles() throws {
        let folder = try Self.folder()
        try folder.write("lab.yml", """
            lab: M
            phases:
              - { id: 1, title: First, status: in-progress, exercises: [{ id: a, title: A }, { id: b, title: B }] }
              - { id: 2, title: Second, exercises: [{ id: c, title: C }, { id: d, title: D }] }

            """)
        let result = try folder.lab("merge-reports", "a.json", "b.json", "--format", "junit", "--output", "r.xml")
        #expect(result.status == 0, "\(result)")
        let xml = try #require(folder.read("r.xml"))
        #expect(xml.contains("<testsuite name=\"Phase 1: First\"") && xml.contains("<testsuite name=\"Phase 2: Second\""))
        let names = xml.matches(of: /<testcase classname="phase-[0-9]+" name="([a-z]+)"/).map { String($0.output.1) }
        #expect(names == ["a", "b", "c", "d"])
        // The terminal shows the text view of what was written.
        #expect(result.stdout.contains("4 checks: 3 passed, 1 skipped"))
    }

    @Test func strictFailsTheMergedRun() throws {
        let folder = try Self.folder()
        let plain = try folder.lab("merge-reports", "a.json", "b.json")
        #expect(plain.status == 0)
        let strict = try folder.lab("merge-reports", "a.json", "b.json", "--strict")
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("1 skipped (--strict fails the run: tf not on PATH)"), "\(strict)")
        // A shard that ran with --strict makes the merged run strict.
        try folder.write("c.json", Self.report([("e", 1, "passed")], strict: true))
        #expect(try folder.lab("merge-reports", "a.json", "b.json", "c.json").status == 1)
    }

    @Test(arguments: [
        (["x.json"], "cannot read 'x.json'"),
        (["a.json", "a.json"], "'a.json' is given twice"),
        (["a.json", "dup.json"], "'b' is in both 'a.json' and 'dup.json'"),
        (["a.json", "other.json"], "'other.json' is a report of the lab 'Other'"),
        (["a.json", "broken.json"], "'broken.json' is not a JSON report of lab check: it is not valid JSON"),
    ])
    func whatCannotBeMergedIsNamed(_ files: [String], _ message: String) throws {
        let folder = try Self.folder()
        try folder.write("dup.json", Self.report([("b", 1, "failed")]))
        try folder.write("other.json", Self.report(lab: "Other", [("z", 1, "passed")]))
        try folder.write("broken.json", "{\"lab\": ")
        let result = try folder.lab(arguments: ["merge-reports"] + files + ["--output", "out.json"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("lab: error: " + message), "\(result)")
        #expect(!folder.exists("out.json"))
    }

    @Test(arguments: [[String](), ["a.json", "--format", "text", "--output", "x.txt"], ["a.json", "--format", "github"]])
    func wrongUsageIsExit64(_ arguments: [String]) throws {
        let result = try Self.folder().lab(arguments: ["merge-reports"] + arguments)
        #expect(result.status == 64, "\(result)")
    }
}
