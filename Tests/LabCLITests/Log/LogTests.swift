import Foundation
import Testing

/// `lab log` on a fixture journal (`Tests/Fixtures/journal/`): a bad line, an event of a newer
/// `lab` and a torn last line among three phases' work. Days are UTC days (TZ=UTC).
@Suite struct LogTests {
    static let fixture = Repository.fixtures.appending(path: "journal")
    static let utc = ["TZ": "UTC"]

    static func lab() throws -> TemporaryLab {
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: fixture.appending(path: "lab.yml"))))
        try lab.write(".lab/journal.jsonl", bytes: [UInt8](try Data(contentsOf: fixture.appending(path: "journal.jsonl"))))
        return lab
    }

    static let warnings = """
        lab: warning: .lab/journal.jsonl:6: not a journal event (it is not a JSON object); it is left out
        lab: warning: .lab/journal.jsonl has an event of a kind this lab does not know ('celebrated'), perhaps from a newer lab; shown as they are

        """

    @Test func textIsTheFixturesTimeline() throws {
        let lab = try Self.lab()
        let result = try lab.lab("log", environment: Self.utc)
        #expect(result.status == 0)
        let expected = try String(contentsOf: Self.fixture.appending(path: "log.txt"), encoding: .utf8)
        #expect(result.stdout == expected, "\(result)")
        #expect(result.stderr == Self.warnings)
    }

    @Test func daysAreTheLocalTimeZones() throws {
        let lab = try Self.lab()
        // 2026-11-16T09:00Z is still the 15th in Honolulu, at 23:00.
        let result = try lab.lab("log", "--reverse", environment: ["TZ": "Pacific/Honolulu"])
        #expect(result.stdout.contains("\n2026-11-15 (Sunday)\n  23:00  phase started   phase 1 — Foundations before tools\n"), "\(result)")
    }

    @Test func jsonIsTheArrayOfTheEvents() throws {
        let lab = try Self.lab()
        let result = try lab.lab("log", "--json")
        #expect(result.status == 0 && result.stderr == Self.warnings)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result)")
        #expect(events.count == 14)
        #expect(events.first?["event"] as? String == "phase_finished" && events.first?["at"] as? String == "2026-11-24T10:00:00Z")
        let pass = try #require(events.first { $0["exercise"] as? String == "iam" && $0["event"] as? String == "passed" })
        #expect(pass["phase"] as? Int == 2 && pass["duration"] as? Double == 2.25 && pass["commit"] as? String == "d4e5f6a")
        #expect(pass["title"] as? String == "Least privilege")
        #expect(Set(pass.keys) == ["event", "at", "phase", "exercise", "title", "duration", "commit", "outcome", "quiz", "answers"])
        let started = try #require(events.last)
        #expect(started["event"] as? String == "phase_started" && started["exercise"] is NSNull && started["title"] as? String == "Foundations before tools")
        #expect(events.contains { $0["event"] as? String == "celebrated" }, "an unknown kind is shown as it is")

        let oldest = try lab.lab("log", "--json", "--reverse")
        let reversed = try #require(try JSONSerialization.jsonObject(with: Data(oldest.stdout.utf8)) as? [[String: Any]])
        #expect(reversed.map { $0["at"] as? String } == events.reversed().map { $0["at"] as? String })
    }

    @Test func sinceAndPhaseNarrowIt() throws {
        let lab = try Self.lab()
        let since = try lab.lab("log", "--since", "2026-11-20", "--json", environment: Self.utc)
        let recent = try #require(try JSONSerialization.jsonObject(with: Data(since.stdout.utf8)) as? [[String: Any]])
        #expect(recent.count == 4 && recent.allSatisfy { ($0["at"] as? String ?? "") >= "2026-11-20" })

        let phase = try lab.lab("log", "--phase", "1", environment: Self.utc)
        #expect(phase.status == 0)
        #expect(!phase.stdout.contains("iam") && phase.stdout.contains("first-adr"))
        #expect(phase.stdout.contains("  Phase 1  Foundations before tools  2026-11-16 → 2026-11-18 (2 days)\n"))
        #expect(!phase.stdout.contains("  Phase 2  "))

        let unknown = try lab.lab("log", "--phase", "9")
        #expect(unknown.status != 0 && unknown.stderr.contains("phase"), "\(unknown)")
        let bad = try lab.lab("log", "--since", "last tuesday")
        #expect(bad.status == 64 && bad.stderr.contains("--since takes a day"), "\(bad)")
    }

    @Test func theNextAppendRepairsTheTornLineAndRewritesNothingElse() throws {
        let lab = try Self.lab()
        let before = lab.bytes(".lab/journal.jsonl") ?? []
        try lab.write("docs/phases/phase-03.md", "# Phase 3\n\n- [ ] A first manifest <!-- lab:k8s -->\n")
        let mark = try lab.lab("mark", "k8s")
        // The journal's problems are told by every command that reads it.
        #expect(mark.status == 0 && mark.stderr == Self.warnings, "\(mark)")
        let after = lab.bytes(".lab/journal.jsonl") ?? []
        let torn = Array(#"{"at":"2026-11-24T10:0"#.utf8)
        let kept = Array(before.dropLast(torn.count))
        #expect(Array(after.prefix(kept.count)) == kept, "every whole line stays, the bad one too")
        let added = String(decoding: after.dropFirst(kept.count), as: UTF8.self)
        #expect(added.hasPrefix(#"{"at":""#) && added.hasSuffix(#"","event":"ticked","exercise":"k8s","phase":3}"# + "\n"), "\(added)")
        #expect(added.split(separator: "\n").count == 1)
        let log = try lab.lab("log", "--phase", "3")
        #expect(log.stdout.contains("ticked          k8s — A first manifest"), "\(log)")
    }

    @Test func noJournalOrAnUnreadableOne() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: Empty\nphases:\n  - id: 1\n    title: One\n"])
        let none = try lab.lab("log")
        #expect(none.status == 0 && none.stdout.hasPrefix("No journal yet") && none.stderr.isEmpty, "\(none)")
        let json = try lab.lab("log", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.isEmpty == true, "\(json)")

        try FileManager.default.createDirectory(at: lab.url(".lab/journal.jsonl"), withIntermediateDirectories: true)
        let folder = try lab.lab("log")
        #expect(folder.status == 0 && folder.stdout.isEmpty && folder.stderr.contains(".lab/journal.jsonl"), "\(folder)")
        #expect(!lab.exists(".lab/lock"), "lab log reads only")
    }

    static let git = SVGCheck.program("git")

    static func git(_ lab: TemporaryLab, _ arguments: String...) -> (Int32, String) {
        SVGCheck.run(git ?? "", ["-C", lab.root.path, "-c", "user.name=Lab", "-c", "user.email=lab@example.org"] + arguments, input: nil)
    }

    @Test(.enabled(if: git != nil, "needs git"))
    func twoBranchesThatBothAppendedMergeWithoutConflict() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "-q").status == 0)
        #expect(Self.git(lab, "init", "-q", "-b", "main").0 == 0)
        #expect(Self.git(lab, "add", "-A").0 == 0 && Self.git(lab, "commit", "-qm", "start").0 == 0)
        #expect(Self.git(lab, "checkout", "-qb", "other").0 == 0)
        #expect(try lab.lab("mark", "--force", "linux-processes").status == 0)
        #expect(Self.git(lab, "commit", "-qam", "one tick").0 == 0)
        #expect(Self.git(lab, "checkout", "-q", "main").0 == 0)
        #expect(try lab.lab("mark", "--force", "networking-tcp").status == 0)
        #expect(Self.git(lab, "commit", "-qam", "another").0 == 0)
        // The journal merges line by line; the document and the pictures may conflict, and are
        // for the learner to settle (or `lab pictures` to redraw).
        _ = Self.git(lab, "merge", "-q", "--no-edit", "other")
        let journal = lab.read(".lab/journal.jsonl") ?? ""
        #expect(!journal.contains("<<<<<<<") && !journal.contains(">>>>>>>"), "\(journal)")
        let (status, conflicted) = Self.git(lab, "diff", "--name-only", "--diff-filter=U")
        #expect(status == 0 && !conflicted.contains(".lab/journal.jsonl"), "\(conflicted)")
        let log = try lab.lab("log", "--json")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]], "\(log)")
        #expect(Set(events.compactMap { $0["exercise"] as? String }) == ["linux-processes", "networking-tcp"] && log.stderr.isEmpty)
    }
}
