import Foundation
import Testing

/// `lab review` end to end with a fixed clock (`LAB_NOW`): what is due, the re-checks, the
/// `reviewed` events, a regression, when each is due next, and `lab status`'s count.
@Suite struct ReviewTests {
    static let labFile = """
        lab: Review Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: steady
                title: Stays passing
                verify: [{ run: "true" }]
              - id: flaky
                title: Decays
                verify: [{ file: flag.txt }]
              - id: recent
                title: Passed yesterday
                verify: [{ run: "true" }]
              - id: talk
                title: Explain it

        """
    static let journal = """
        {"at":"2026-11-20T10:00:00Z","event":"passed","exercise":"steady","phase":1}
        {"at":"2026-11-20T10:00:00Z","event":"passed","exercise":"flaky","phase":1}
        {"at":"2026-11-23T10:00:00Z","event":"passed","exercise":"recent","phase":1}
        {"at":"2026-11-23T10:00:00Z","event":"passed","exercise":"gone","phase":1}

        """
    static let now = ["LAB_NOW": "2026-11-24T09:00:00Z", "TZ": "UTC"]

    func makeLab(_ labFile: String = ReviewTests.labFile) throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": labFile, ".lab/journal.jsonl": Self.journal,
            "docs/phases/phase-01.md": "# One\n\n- [x] Stays passing <!-- lab:steady -->\n- [x] Decays <!-- lab:flaky -->\n",
        ])
    }

    @Test func listShowsWhatIsDueAndRunsNothing() throws {
        let lab = try makeLab()
        let before = lab.snapshot()
        let result = try lab.lab("review", "--list", environment: Self.now)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            2 reviews due · 3 scheduled

              due    flaky   2026-11-23 (yesterday)  review 1, 3d after 2026-11-20
              due    steady  2026-11-23 (yesterday)  review 1, 3d after 2026-11-20
              later  recent  2026-11-26 (in 2 days)  review 1, 3d after 2026-11-23

            run them: lab review

            """, "\(result)")
        #expect(result.stderr.contains("lab: note: the journal has passes of an exercise no longer in lab.yml (gone)"), "\(result)")
        #expect(lab.snapshot() == before)
        let status = try lab.lab("status", environment: Self.now)
        #expect(status.stdout.hasSuffix("\n2 reviews due: lab review re-checks what passed before\n"), "\(status)")
    }

    @Test func reviewReChecksRecordsAndReportsARegression() throws {
        let lab = try makeLab()
        let result = try lab.lab("review", environment: Self.now)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("FAILED     flaky"), "\(result)")
        #expect(result.stdout.contains("passed     steady"), "\(result)")
        #expect(!result.stdout.contains("recent"), "not due: \(result)")
        #expect(result.stdout.contains("""
            reviewed 2: 1 still passing, 1 regressed
              flaky   regressed: fix it, 'lab check flaky'; its reviews start over once it passes
              steady  next review 2026-12-01 (in 7 days)

            """), "\(result)")
        let journal = try #require(lab.read(".lab/journal.jsonl"))
        #expect(journal.contains(#"{"at":"2026-11-24T09:00:00Z","duration":"#))
        #expect(journal.contains(#""event":"reviewed","exercise":"steady","outcome":"passed","phase":1}"#), "\(journal)")
        #expect(journal.contains(#""event":"reviewed","exercise":"flaky","outcome":"failed","phase":1}"#), "\(journal)")
        #expect(journal.contains(#""event":"regressed","exercise":"flaky""#), "\(journal)")
        // lab log shows what each review found, in words and in JSON.
        let log = try lab.lab("log", "--color", "never", environment: Self.now)
        #expect(log.stdout.split(separator: "\n").contains { $0.contains("reviewed") && $0.contains("flaky") && $0.contains("  failed") }, "\(log)")
        let logJSON = try lab.lab("log", "--json", environment: Self.now)
        #expect(logJSON.stdout.contains(#""outcome" : "failed""#) && logJSON.stdout.contains(#""outcome" : "passed""#), "\(logJSON)")
        // Every event of the review carries the review's time, LAB_NOW's here.
        let regressed = try #require(journal.split(separator: "\n").first { $0.contains(#""event":"regressed""#) })
        #expect(regressed.hasPrefix(#"{"at":"2026-11-24T09:00:00Z""#), "\(regressed)")
        // The checklist is left alone: a review ticks nothing and unticks nothing.
        #expect(lab.read("docs/phases/phase-01.md")?.contains("- [x] Decays") == true)

        let list = try lab.lab("review", "--list", environment: Self.now)
        #expect(list.stdout.hasPrefix("No reviews due · 2 scheduled\n"), "\(list)")
        #expect(list.stdout.contains("later  steady  2026-12-01 (in 7 days)  review 2, 7d after 2026-11-24"), "\(list)")

        // Fixed, checked: back in the schedule from the start.
        try lab.write("flag.txt", "here\n")
        #expect(try lab.lab("check", "flaky").status == 0)
        let later = try lab.lab("review", "--list", environment: ["LAB_NOW": "2026-12-20T09:00:00Z", "TZ": "UTC"])
        #expect(later.stdout.contains("flaky"), "\(later)")
    }

    @Test func jsonHasTheScheduleAndTheReviews() throws {
        let lab = try makeLab()
        try lab.write("flag.txt", "here\n")
        let result = try lab.lab("review", "--all-due", "--json", environment: Self.now)
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        #expect(object["now"] as? String == "2026-11-24T09:00:00Z")
        let reviewed = try #require(object["reviewed"] as? [[String: Any]])
        #expect(Set(reviewed.compactMap { $0["exercise"] as? String }) == ["flaky", "steady"])
        #expect(reviewed.allSatisfy { $0["outcome"] as? String == "passed" && $0["next_due"] as? String == "2026-12-01T09:00:00Z" })
        let schedule = try #require(object["schedule"] as? [[String: Any]])
        let recent = try #require(schedule.first { $0["exercise"] as? String == "recent" })
        #expect(recent["due"] as? String == "2026-11-26T10:00:00Z" && recent["is_due"] as? Bool == false && recent["interval"] as? String == "3d")
        #expect(Set(recent.keys) == ["exercise", "phase", "since", "review", "interval", "due", "is_due"])
    }

    @Test func customIntervalsAreReadFromLabYml() throws {
        let lab = try makeLab(Self.labFile + "review:\n  intervals: [1h, 2d]\n")
        let list = try lab.lab("review", "--list", environment: Self.now)
        #expect(list.stdout.hasPrefix("3 reviews due · 3 scheduled\n"), "\(list)")
    }

    @Test func reviewKeysAreValidatedWithPositions() throws {
        let lab = try makeLab(Self.labFile + "review:\n  intervals: [3d, 1d, 3x]\n  every: 2\n")
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("lab.yml:19:19: error: 'intervals' in 'review' must not get shorter: 1d follows 3d"), "\(result)")
        #expect(result.stderr.contains("lab.yml:19:23: error: invalid duration '3x' for each item of 'intervals' in 'review'"), "\(result)")
        #expect(result.stderr.contains("lab.yml:20:3: error: unknown key 'every' in 'review'"), "\(result)")
    }

    @Test func withoutAJournalNothingIsDue() throws {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile])
        let result = try lab.lab("review", environment: Self.now)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "Nothing to review yet: an exercise's reviews begin when its check passes.\n")
        #expect(result.stderr.contains("no journal yet (.lab/journal.jsonl)"), "\(result)")
    }

    @Test func aBadClockIsAnError() throws {
        let lab = try makeLab()
        let result = try lab.lab("review", environment: ["LAB_NOW": "tomorrow"])
        #expect(result.status == 1 && result.stderr == "lab: error: LAB_NOW must be a UTC time such as 2026-12-05T09:00:00Z, not 'tomorrow'\n", "\(result)")
    }
}
