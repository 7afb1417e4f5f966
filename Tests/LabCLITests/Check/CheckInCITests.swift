import Foundation
import LabKit
import Testing

/// `lab check` in CI, run as a CI job runs it: the github view (chosen on GitHub Actions), the
/// Markdown job summary, `--strict` and `LAB_STRICT`, and `--shard I/N`, whose reports merged are
/// the report of one run.
@Suite struct CheckInCITests {
    /// Two phases, in progress and done, of exercises that pass, fail (one a regression), need a
    /// missing program, or are manual; the documents have an item for each.
    static let labFile = """
        lab: CI Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - { id: alpha, title: Alpha, verify: [{ run: "true" }] }
              - { id: bravo, title: Bravo, verify: [{ run: "true" }, { run: "echo 'no: 100%'; exit 1" }] }
              - { id: charlie, title: Charlie, verify: [{ file: notes.md, contains: needle }] }
              - { id: delta, title: Delta, requires: [lab-test-missing-tool], verify: [{ run: "true" }] }
              - { id: echo, title: Echo }
              - { id: foxtrot, title: Foxtrot, verify: [{ run: "sleep 0.1" }] }
              - { id: golf, title: Golf, verify: [{ run: "exit 4" }] }
          - id: 2
            title: Two
            status: done
            exercises:
              - { id: hotel, title: Hotel, verify: [{ run: "true" }] }
              - { id: india, title: India, verify: [{ run: "true" }] }
              - { id: juliet, title: Juliet, verify: [{ run: "printf 'x\\\\n'" }] }
              - { id: kilo, title: Kilo, verify: [{ file: notes.md }] }

        """

    static let files = [
        "lab.yml": labFile,
        "notes.md": "no needle here… wait: needle\n",
        // golf passed once: failing now, with its item ticked, it is a regression.
        ".lab/journal.jsonl": #"{"at":"2026-11-20T10:00:00Z","duration":0.1,"event":"passed","exercise":"golf","phase":1}"# + "\n",
        "docs/phases/phase-01.md": """
            # Phase 1

            - [ ] Alpha <!-- lab:alpha -->
            - [ ] Bravo <!-- lab:bravo -->
            - [ ] Charlie <!-- lab:charlie -->
            - [ ] Delta <!-- lab:delta -->
            - [ ] Echo <!-- lab:echo -->
            - [ ] Foxtrot <!-- lab:foxtrot -->
            - [x] Golf <!-- lab:golf -->

            """,
        "docs/phases/phase-02.md": """
            # Phase 2

            - [ ] Hotel <!-- lab:hotel -->
            - [x] India <!-- lab:india -->
            - [ ] Juliet <!-- lab:juliet -->
            - [ ] Kilo <!-- lab:kilo -->

            """,
    ]

    static func makeLab() throws -> TemporaryLab { try TemporaryLab(files: files) }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func results(_ object: [String: Any]) -> [[String: Any]] { object["results"] as? [[String: Any]] ?? [] }

    // MARK: - The github view

    @Test func theGitHubViewGroupsAndAnnotates() throws {
        let lab = try Self.makeLab()
        let result = try lab.lab("check", "--all", "--format", "github", "-j", "1")
        #expect(result.status == 1, "\(result)")
        let commands = ActionsRunner.commands(in: result.stdout)
        #expect(commands.filter { $0.name == "group" }.count == 11)
        #expect(commands.filter { $0.name == "endgroup" }.count == 11)
        let annotations = commands.filter { ["error", "warning", "notice"].contains($0.name) }
        // bravo fails at its item, golf fails while ticked (a regression), delta is skipped.
        let bravo = try #require(annotations.first { $0.properties["title"] == "bravo failed" })
        #expect(bravo.name == "error" && bravo.properties["file"] == "docs/phases/phase-01.md" && bravo.properties["line"] == "4")
        #expect(bravo.data == "Bravo\nstep 2 of 2: echo 'no: 100%'; exit 1\nexit 1 (expected 0)\nno: 100%")
        let golf = try #require(annotations.first { $0.properties["title"]?.hasPrefix("golf failed") == true })
        #expect(golf.properties["title"] == "golf failed (a regression: its item is ticked)" && golf.properties["line"] == "9")
        let delta = try #require(annotations.first { $0.properties["title"] == "delta skipped" })
        #expect(delta.name == "warning" && delta.data == "Delta\nrequires lab-test-missing-tool (not on PATH)")
        #expect(annotations.count == 3, "\(annotations)")
        // The ticks and the summary close the log.
        #expect(result.stdout.contains("ticked alpha (docs/phases/phase-01.md:3)\n"))
        #expect(result.stdout.hasSuffix("s\n") && result.stdout.contains("11 checks: 7 passed, 2 failed, 1 skipped, 1 manual"))
    }

    /// A `file` step that fails on a file of the learner points there; a missing file points at the item.
    @Test func aFileStepFailureIsAnnotatedAtTheFile() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: Files
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - { id: here, title: Here, verify: [{ file: docs/notes/dns.md, contains: resolver }] }
                      - { id: gone, title: Gone, verify: [{ file: docs/notes/none.md }] }

                """,
            "docs/notes/dns.md": "nothing yet\n",
            "docs/phases/phase-01.md": "- [ ] Here <!-- lab:here -->\n- [ ] Gone <!-- lab:gone -->\n",
        ])
        let result = try lab.lab("check", "--format", "github")
        let errors = ActionsRunner.commands(in: result.stdout).filter { $0.name == "error" }
        #expect(errors.map(\.properties) == [
            ["file": "docs/notes/dns.md", "title": "here failed"],
            ["file": "docs/phases/phase-01.md", "line": "2", "title": "gone failed"],
        ])
    }

    @Test func onGitHubActionsTheGitHubViewIsTheDefault() throws {
        let lab = try Self.makeLab()
        let onActions = try lab.lab("check", "1", "--no-mark", environment: ["GITHUB_ACTIONS": "true"])
        #expect(onActions.stdout.hasPrefix("::group::"), "\(onActions)")
        // --format text says otherwise; off Actions the text view stays.
        let text = try lab.lab("check", "1", "--no-mark", "--format", "text", environment: ["GITHUB_ACTIONS": "true"])
        #expect(!text.stdout.contains("::group::") && text.stdout.contains("FAILED"))
        let elsewhere = try lab.lab("check", "1", "--no-mark")
        #expect(!elsewhere.stdout.contains("::group::"))
        // A report on stdout stays the report.
        let json = try lab.lab("check", "1", "--no-mark", "--format", "json", environment: ["GITHUB_ACTIONS": "true"])
        #expect(try Self.json(json.stdout)["lab"] as? String == "CI Lab")
    }

    /// On GitHub Actions, nothing that a step or a cloned lab.yml makes lab print — in any view,
    /// on stdout or stderr — acts as a workflow command; the github view's own commands carry it whole.
    @Test(arguments: [["--format", "github"], ["--format", "text"], ["--format", "junit"], ["--format", "tap"]])
    func nothingPrintedActsAsACommand(_ format: [String]) throws {
        let forged = "::error file=lab.yml::forged%0A##[warning]old"
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: "Forged ::warning::lab"
                phases:
                  - id: 1
                    title: "::notice::phase"
                    status: in-progress
                    exercises:
                      - id: forger
                        title: "Forger ::error::from the title | <b>"
                        verify: [{ run: "printf '%s\\\\r%s\\\\n  %s\\\\n' '\(forged)' '::add-mask::abc' '::stop-commands::t'; exit 1" }]

                """,
            "docs/phases/phase-01.md": "- [ ] Forger <!-- lab:forger -->\n",
        ])
        let result = try lab.lab(arguments: ["check"] + format, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1, "\(result)")
        let commands = ActionsRunner.commands(in: result.stdout) + ActionsRunner.commands(in: result.stderr)
        if format == ["--format", "github"] {
            #expect(commands.map(\.name) == ["group", "endgroup", "error"], "\(commands)")
            #expect(commands[0].data.contains("Forger ::error::from the title | <b>"), "\(commands)")
            #expect(commands[2].data.contains(forged))
        } else {
            #expect(commands.isEmpty, "\(commands)")
        }
        let lines = ActionsRunner.lines(result.stdout + result.stderr).filter { ActionsRunner.command($0) == nil }
        #expect(lines.allSatisfy { !ActionsRunner.isCommand($0) })
    }

    // MARK: - The job summary

    @Test func theMarkdownSummaryGoesToItsFile() throws {
        let lab = try Self.makeLab()
        let result = try lab.lab("check", "--all", "--format", "markdown", "--output", "summary.md")
        #expect(result.status == 1)
        // The terminal keeps the text view.
        #expect(result.stdout.contains("FAILED     bravo"))
        let summary = try #require(lab.read("summary.md"))
        #expect(summary.hasPrefix("## lab check: CI Lab\n\n**11 checks: 7 passed, 2 failed, 1 skipped, 1 manual"))
        #expect(summary.contains("### Phase 1: One\n\n| Exercise | Result | Duration |\n|---|---|---:|\n| `alpha` Alpha | ✅ passed |"))
        #expect(summary.contains("<details><summary>bravo failed: step 2 of 2: exit 1 (expected 0)</summary>"))
        #expect(summary.contains("### Phase 2: Two"))
        // A FILE ending in .md implies the format; on stdout the report replaces the text view.
        let implied = try lab.lab("check", "2", "--no-mark", "--output", "again.md")
        #expect(implied.status == 0 && lab.read("again.md")?.hasPrefix("## lab check: CI Lab") == true)
        let stdout = try lab.lab("check", "2", "--no-mark", "--format", "markdown")
        #expect(stdout.stdout.hasPrefix("## lab check: CI Lab\n"))
    }

    // MARK: - --strict

    static let skippingLab = [
        "lab.yml": """
            lab: Strict
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - { id: fine, title: Fine, verify: [{ run: "true" }] }
                  - { id: cloud, title: Cloud, requires: [lab-test-terraform, sh], verify: [{ run: "true" }] }

            """,
        "docs/phases/phase-01.md": "- [ ] Fine <!-- lab:fine -->\n- [ ] Cloud <!-- lab:cloud -->\n",
    ]

    struct StrictCase: Sendable, CustomTestStringConvertible {
        var flags: [String]
        var environment: [String: String]
        var status: Int32

        var testDescription: String { "\(flags) \(environment) → \(status)" }
    }

    @Test(arguments: [
        StrictCase(flags: [], environment: [:], status: 0),
        StrictCase(flags: ["--strict"], environment: [:], status: 1),
        StrictCase(flags: [], environment: ["LAB_STRICT": "1"], status: 1),
        StrictCase(flags: [], environment: ["LAB_STRICT": "true"], status: 1),
        StrictCase(flags: [], environment: ["LAB_STRICT": "0"], status: 0),
        StrictCase(flags: [], environment: ["LAB_STRICT": ""], status: 0),
        StrictCase(flags: ["--strict"], environment: ["LAB_STRICT": "0"], status: 1),
        StrictCase(flags: [], environment: ["LAB_STRICT": "maybe"], status: 64),
    ])
    func strictFailsARunWithASkippedExercise(_ strict: StrictCase) throws {
        let lab = try TemporaryLab(files: Self.skippingLab)
        let result = try lab.lab(arguments: ["check"] + strict.flags, environment: strict.environment)
        #expect(result.status == strict.status, "\(strict.testDescription): \(result)")
        switch strict.status {
        case 1: #expect(result.stdout.contains("2 checks: 1 passed, 1 skipped (--strict fails the run: lab-test-terraform not on PATH)"))
        case 0: #expect(result.stdout.contains("2 checks: 1 passed, 1 skipped ·"))
        default: #expect(result.stderr.contains("LAB_STRICT is 'maybe'"))
        }
    }

    @Test func strictIsInTheReportsAndTheAnnotations() throws {
        let lab = try TemporaryLab(files: Self.skippingLab)
        let json = try lab.lab("check", "--strict", "--format", "json")
        let object = try Self.json(json.stdout)
        #expect(object["strict"] as? Bool == true)
        #expect(Self.results(object).last?["missing"] as? [String] == ["lab-test-terraform"])
        let github = try lab.lab("check", "--strict", "--format", "github")
        let skipped = ActionsRunner.commands(in: github.stdout).filter { $0.properties["title"]?.hasPrefix("cloud") == true }
        #expect(skipped.map(\.name) == ["error"] && skipped.first?.properties["title"] == "cloud skipped (--strict)")
        // A report a CI system reads says the run failed where the exit status does.
        let tap = try lab.lab("check", "--strict", "--format", "tap")
        #expect(tap.status == 1)
        #expect(tap.stdout.contains("not ok 2 - cloud"), "\(tap)")
        #expect(tap.stdout.contains("message: \"skipped (--strict): "), "\(tap)")
        #expect(!tap.stdout.contains("# SKIP"), "\(tap)")
        let junit = try lab.lab("check", "--strict", "--format", "junit")
        #expect(junit.status == 1)
        #expect(junit.stdout.contains("failures=\"1\" errors=\"0\" skipped=\"0\""), "\(junit)")
        #expect(junit.stdout.contains("<failure message=\"skipped (--strict): "), "\(junit)")
        // Without --strict a skip stays a skip.
        let plain = try lab.lab("check", "--format", "tap")
        #expect(plain.status == 0 && plain.stdout.contains("ok 2 - cloud") && plain.stdout.contains("# SKIP"), "\(plain)")
    }

    /// A report that could not be written is said before anything runs, not after every check.
    @Test func aReportIntoAFolderThatIsNotThereStopsTheRunBeforeItStarts() throws {
        let lab = try TemporaryLab(files: Self.skippingLab)
        let before = lab.snapshot()
        let missing = try lab.lab("check", "--output", "reports/lab.json")
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.stderr.contains("cannot write the report to 'reports/lab.json': there is no folder '\(lab.root.path)/reports'"), "\(missing)")
        #expect(!missing.stdout.contains("passed"), "\(missing)")
        let file = try lab.lab("check", "--output", "lab.yml/report.json")
        #expect(file.status == 1 && file.stderr.contains("is not a folder"), "\(file)")
        #expect(lab.snapshot() == before)
        try lab.write("reports/.keep", "")
        let written = try lab.lab("check", "--output", "reports/lab.json")
        #expect(written.status == 0 && lab.read("reports/lab.json") != nil, "\(written)")
    }

    // MARK: - --shard

    @Test(arguments: ["0/4", "5/4", "1/0", "x/4", "1/y", "2", "", "1/2/3", "-1/4", "1/5000"])
    func aShardThatIsNotOneIsAUsageError(_ shard: String) throws {
        let lab = try Self.makeLab()
        let before = lab.snapshot()
        let result = try lab.lab("check", "--shard", shard)
        #expect(result.status == 64, "\(shard): \(result)")
        #expect(result.stderr.contains("--shard"), "\(result)")
        #expect(lab.snapshot() == before)
    }

    /// Each usage mistake of --watch is named for what it is.
    @Test func watchSaysWhatDoesNotGoWithIt() throws {
        let lab = try Self.makeLab()
        let dry = try lab.lab("check", "--watch", "--dry-run")
        #expect(dry.status == 64 && dry.stderr.contains("--watch reruns checks, which --dry-run never runs"), "\(dry)")
        let report = try lab.lab("check", "--watch", "--format", "json")
        #expect(report.status == 64 && report.stderr.contains("--watch shows the text view; use --output FILE for a report"), "\(report)")
    }

    @Test func durationsNeedAShard() throws {
        let result = try Self.makeLab().lab("check", "--durations", "report.json")
        #expect(result.status == 64 && result.stderr.contains("--durations balances shards"))
    }

    /// The ids `lab check --dry-run` would run.
    static func planned(_ lab: TemporaryLab, _ arguments: String...) throws -> [String] {
        let result = try lab.lab(arguments: ["check", "--all", "--dry-run"] + arguments)
        #expect(result.status == 0, "\(result)")
        return result.stdout.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            if line.hasPrefix("up to date ") { return words[3] }
            return ["run", "skip", "manual"].contains(words.first ?? "") ? words[1] : nil
        }
    }

    @Test func everyExerciseIsInExactlyOneShard() throws {
        let lab = try Self.makeLab()
        let all = try Self.planned(lab)
        #expect(all.count == 11, "\(all)")
        for count in [1, 2, 3, 4, 11, 16] {
            let shards = try (1...count).map { try Self.planned(lab, "--shard", "\($0)/\(count)") }
            #expect(shards.flatMap { $0 }.sorted() == all.sorted(), "\(count): \(shards)")
            #expect((shards.map(\.count).max() ?? 0) - (shards.map(\.count).min() ?? 0) <= 1)
            // The same on every run.
            #expect(try (1...count).map { try Self.planned(lab, "--shard", "\($0)/\(count)") } == shards)
        }
    }

    @Test func aShardWithNothingToCheckSaysSoAndPasses() throws {
        let lab = try Self.makeLab()
        let result = try lab.lab("check", "--all", "--shard", "16/16")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("lab: warning: shard 16/16 has no exercises: there are fewer to check than shards"))
        #expect(result.stdout.contains("0 checks: 0 passed"))
    }

    /// With `--durations`, the shards follow the split of the durations in that report.
    @Test func durationsFromAReportBalanceTheShards() throws {
        let lab = try Self.makeLab()
        let ids = try Self.planned(lab)
        var durations: [String: Double] = [:]
        for (offset, id) in ids.enumerated() { durations[id] = Double((offset * 7) % 5 + 1) }
        var results = ids.map { id in "{\"id\": \"\(id)\", \"phase\": 1, \"status\": \"passed\", \"duration\": \(durations[id]!)}" }
        results[0] = results[0].replacingOccurrences(of: "passed", with: "failed")
        try lab.write("times.json", """
            {"lab": "CI Lab", "started": "2026-11-26T15:04:05Z", "duration": 1, "summary": {"ticked": [], "regressions": []},
             "results": [\(results.joined(separator: ", "))]}
            """)
        let expected = CheckShard.split(ids, into: 3, durations: durations)
        for index in 1...3 {
            #expect(try Self.planned(lab, "--shard", "\(index)/3", "--durations", "times.json") == expected[index - 1])
        }
    }

    /// A lab split over four shards, each in its own checkout as in a CI matrix, gives after
    /// `lab merge-reports` the report one run gives: the same results in the same order, the same
    /// ticks and regressions; and the shards' documents together are ticked as one run ticks them.
    @Test func fourShardsMergedAreOneRun() throws {
        let whole = try Self.makeLab()
        let one = try whole.lab("check", "--all", "--format", "json", "-j", "2")
        #expect(one.status == 1)
        let expected = try Self.json(one.stdout)

        let checkouts = try (1...4).map { _ in try Self.makeLab() }
        var reports: [String] = []
        for (offset, checkout) in checkouts.enumerated() {
            let result = try checkout.lab("check", "--all", "--shard", "\(offset + 1)/4", "--output", "report.json")
            #expect([0, 1].contains(result.status), "\(result)")
            reports.append(checkout.url("report.json").path)
        }
        let merged = try checkouts[0].lab(arguments: ["merge-reports", "--format", "json"] + reports)
        #expect(merged.status == 1, "\(merged)")
        let object = try Self.json(merged.stdout)

        func essence(_ result: [String: Any]) -> [String] {
            ["id", "phase", "status", "ticked", "regression", "reason", "item", "missing", "step_count"].map { "\(result[$0] ?? "-")" }
                + [(result["steps"] as? [[String: Any]] ?? []).map { "\($0["command"] ?? "") \($0["exit"] ?? "") \($0["message"] ?? "")" }.joined(separator: "; ")]
        }
        #expect(Self.results(object).map(essence) == Self.results(expected).map(essence))
        var summary = object["summary"] as? [String: Any] ?? [:]
        var expectedSummary = expected["summary"] as? [String: Any] ?? [:]
        #expect(summary.removeValue(forKey: "ticked") as? [String] == expectedSummary.removeValue(forKey: "ticked") as? [String])
        #expect(summary.map { "\($0)=\($1)" }.sorted() == expectedSummary.map { "\($0)=\($1)" }.sorted())
        #expect(object["lab"] as? String == "CI Lab" && object["strict"] as? Bool == false)

        // Each checkout ticked its shard's items; together, the items one run ticked.
        for document in ["docs/phases/phase-01.md", "docs/phases/phase-02.md"] {
            func lines(_ text: String?) -> [Substring] { (text ?? "").split(separator: "\n", omittingEmptySubsequences: false) }
            let before = lines(Self.files[document])
            let shards = checkouts.map { lines($0.read(document)) }
            for (number, line) in lines(whole.read(document)).enumerated() {
                let ticked = before[number].hasPrefix("- [x]") || shards.contains { $0[number].hasPrefix("- [x]") }
                #expect(line.hasPrefix("- [x]") == ticked, "\(document):\(number + 1)")
            }
        }

        // The merged report in the other formats.
        let text = try checkouts[0].lab(arguments: ["merge-reports"] + reports)
        #expect(text.stdout.contains("11 checks: 7 passed, 2 failed, 1 skipped, 1 manual · ticked 3 items in docs/phases/phase-01.md, 3 items in docs/phases/phase-02.md · 1 regression"), "\(text)")
        let junit = try checkouts[0].lab(arguments: ["merge-reports", "--format", "junit", "--output", "merged.xml"] + reports)
        #expect(junit.status == 1 && checkouts[0].read("merged.xml")?.contains("<testsuite name=\"Phase 2: Two\"") == true)
        let markdown = try checkouts[0].lab(arguments: ["merge-reports", "--format", "markdown"] + reports)
        #expect(markdown.stdout.hasPrefix("## lab check: CI Lab\n"))
    }
}
