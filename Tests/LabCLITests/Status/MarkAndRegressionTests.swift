import Foundation
import Testing

/// `lab mark` never runs anything: an exercise with a check is ticked by `lab check`, or by hand
/// with `--force`. Only an item whose check passed before can regress.
@Suite struct MarkAndRegressionTests {
    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": """
                lab: M
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: notes
                        title: Write the notes
                        verify: [{ file: notes.md }]
                      - id: talk
                        title: Talk it through

                """,
            "docs/phases/phase-01.md": "# One\n\n## Progress checklist\n\n- [ ] Write the notes <!-- lab:notes -->\n- [ ] Talk it through <!-- lab:talk -->\n",
        ])
    }

    @Test func markOnACheckedExerciseNeedsForce() throws {
        let lab = try makeLab()
        let before = lab.snapshot()
        let refused = try lab.lab("mark", "talk", "notes")
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            lab: error: 'notes' has a check, so nothing was ticked: 'lab check notes' ticks its item when it passes
            to tick it by hand anyway: lab mark --force notes (a later failure of its check is a regression only once it has passed)

            """, "\(refused)")
        #expect(lab.snapshot() == before, "nothing ticked, not even the manual one")
        #expect(!lab.exists("notes.md"), "and nothing run")

        let manual = try lab.lab("mark", "talk")
        #expect(manual.status == 0, "\(manual)")
        #expect(manual.stdout == "ticked talk (docs/phases/phase-01.md:6)\n")
        // Unticking needs no force.
        #expect(try lab.lab("mark", "--force", "notes").status == 0)
        #expect(try lab.lab("mark", "--undo", "notes").stdout == "unticked notes (docs/phases/phase-01.md:5)\n")
    }

    @Test func aHandTickedItemWhoseCheckNeverPassedIsNoRegression() throws {
        let lab = try makeLab()
        #expect(try lab.lab("mark", "--force", "notes").status == 0)
        let failing = try lab.lab("check", "notes")
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAILED     notes"))
        #expect(!failing.stdout.contains("regression"), "\(failing)")
        #expect(lab.read("docs/phases/phase-01.md")?.contains("- [x] Write the notes") == true, "left ticked")
        let json = try lab.lab("check", "notes", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["regressions"] as? [String] == [])

        // Once it has passed, a failure is a regression, and stays one on the next failing run.
        try lab.write("notes.md", "notes\n")
        #expect(try lab.lab("check", "notes").status == 0)
        try FileManager.default.removeItem(at: lab.url("notes.md"))
        for _ in 0..<2 {
            let regressed = try lab.lab("check", "notes")
            #expect(regressed.status == 1)
            #expect(regressed.stdout.contains("regression: notes is ticked but its check now fails (left ticked)\n"), "\(regressed)")
        }
        let state = try #require(lab.read(".lab/state.json"))
        #expect(state.contains("\"result\": \"failed\"") && state.contains("\"passed_at\": \"20"), "\(state)")
    }

    /// The state is local (not committed); the journal is. In a fresh clone, or after the state was
    /// deleted, a pass the journal recorded still makes a later failure a regression.
    @Test func aPassTheJournalRecordedCountsWithoutTheState() throws {
        let lab = try makeLab()
        try lab.write("notes.md", "notes\n")
        #expect(try lab.lab("check", "notes").status == 0)
        #expect(lab.read(".lab/journal.jsonl")?.contains("\"event\":\"passed\"") == true)
        try FileManager.default.removeItem(at: lab.url(".lab/state.json"))
        try FileManager.default.removeItem(at: lab.url("notes.md"))
        let regressed = try lab.lab("check", "notes")
        #expect(regressed.status == 1)
        #expect(regressed.stdout.contains("regression: notes is ticked but its check now fails (left ticked)\n"), "\(regressed)")
        #expect(lab.read(".lab/journal.jsonl")?.contains("\"event\":\"regressed\"") == true)
    }
}
