import Foundation
import Testing

@Suite struct StatusListMarkHintTests {
    static let labFile = """
        lab: Small Lab
        phases:
          - id: 1
            title: Foundations before tools
            weeks: 1–2
            status: in-progress
            exercises:
              - id: linux-processes
                title: Explain processes
                hint: Read signal(7).
                verify: [{ file: notes.md, contains: SIGTERM }]
              - id: dns-basics
                title: Explain DNS resolution
                hint: |
                  Use dig +trace.
                  Write docs/notes/dns.md.
                requires: [dig]
                sources: [docs/notes/dns.md]
                verify:
                  - run: grep -qi resolver docs/notes/dns.md
                    expect: { exit: 0, stdout: "" }
                    retry: { attempts: 2, delay: 1s }
              - id: first-adr
                title: Write a first ADR
          - id: 2
            title: Cloud fundamentals
            exercises:
              - id: iam
                title: Least privilege

        """

    static let document = "# Phase 1\r\n\r\n## Progress checklist\r\n\r\n- [x] Explain processes <!-- lab:linux-processes -->\r\n* [ ] explain  DNS   resolution\r\n- [ ] Write a first ADR <!-- lab:first-adr -->\r\n- [ ] Something else"

    func makeLab() throws -> TemporaryLab {
        try TemporaryLab(files: [
            "lab.yml": Self.labFile.replacingOccurrences(of: "expect: { exit: 0, stdout: \"\" }", with: "expect: { exit: 0 }"),
            "docs/phases/phase-01.md": Self.document,
        ])
    }

    @Test func statusShowsProgressAndNext() throws {
        let lab = try makeLab()
        let result = try lab.lab("status")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Small Lab"))
        #expect(result.stdout.contains("Phase 1  Foundations before tools  in progress  1/4"))
        // Not started: no document yet, so the phase's exercise count instead of 0/0.
        #expect(result.stdout.contains("Phase 2  Cloud fundamentals        pending      1 exercise\n"))
        #expect(result.stdout.contains("Next: dns-basics — Explain DNS resolution (phase 1)"))
        #expect(result.stdout.contains("lab hint dns-basics"))
        #expect(!result.stdout.contains("█"), "no progress bar when piped")
    }

    @Test func statusJSON() throws {
        let lab = try makeLab()
        let result = try lab.lab("status", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["lab"] as? String == "Small Lab")
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.count == 2)
        #expect(phases[0]["done"] as? Int == 1)
        #expect(phases[0]["total"] as? Int == 4)
        #expect(phases[0]["exercises"] as? Int == 3)
        #expect(phases[1]["total"] as? Int == 0)
        #expect(phases[1]["exercises"] as? Int == 1)
        #expect(phases[0]["doc"] as? String == "docs/phases/phase-01.md")
        #expect(phases[0]["status"] as? String == "in-progress")
        let next = try #require(object["next"] as? [String: Any])
        #expect(next["exercise"] as? String == "dns-basics")
        #expect(next["phase"] as? Int == 1)
    }

    @Test func statusWithNoPhaseInProgress() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n  - id: 2\n    title: Two\n"])
        let result = try lab.lab("status")
        #expect(result.status == 0)
        #expect(result.stdout.contains("No phase is in progress: start with lab phase start 1"))
        let json = try lab.lab("status", "--json")
        #expect(json.stdout.contains("\"next\" : null"))
    }

    @Test func statusWarnsAboutAMissingDocument() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n"])
        let result = try lab.lab("status")
        #expect(result.status == 0)
        #expect(result.stderr.contains("its document 'docs/phases/phase-01.md' does not exist (0/0)"))
    }

    @Test func listShowsTicksKindsAndLastResults() throws {
        let lab = try makeLab()
        try lab.write(".lab/state.json", """
            {"version": 1, "files": {}, "exercises": {"linux-processes": {"result": "failed", "at": "2026-01-01T10:00:00Z", "duration": 0.1}}}
            """)
        let result = try lab.lab("list")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Phase 1 — Foundations before tools (in progress)"))
        #expect(result.stdout.contains("[x] linux-processes"))
        #expect(result.stdout.contains("failed"))
        #expect(result.stdout.contains("[ ] first-adr"))
        #expect(result.stdout.contains("manual"))
        #expect(result.stdout.contains("[?] iam"))
        let json = try lab.lab("list", "1", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["linux-processes", "dns-basics", "first-adr"])
        #expect(entries[0]["ticked"] as? Bool == true)
        #expect(entries[2]["kind"] as? String == "manual")
        #expect((entries[0]["last"] as? [String: Any])?["result"] as? String == "failed")
        #expect(entries[1]["last"] is NSNull)
        #expect(try lab.lab("list", "7").status == 1)
    }

    @Test func markTicksOneByteAndUndoRestores() throws {
        let lab = try makeLab()
        let before = try #require(lab.bytes("docs/phases/phase-01.md"))
        // dns-basics has a check: ticking it by hand takes --force (see MarkAndRegressionTests).
        let result = try lab.lab("mark", "--force", "dns-basics", "first-adr")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("ticked dns-basics (docs/phases/phase-01.md:6)"))
        let after = try #require(lab.bytes("docs/phases/phase-01.md"))
        #expect(after.count == before.count)
        #expect(zip(before, after).filter { $0 != $1 }.count == 2)
        #expect(lab.read("docs/phases/phase-01.md")?.contains("* [x] explain  DNS   resolution\r\n") == true)
        let again = try lab.lab("mark", "--force", "dns-basics")
        #expect(again.stdout.contains("already ticked"))
        #expect(try lab.lab("mark", "--undo", "dns-basics", "first-adr").status == 0)
        #expect(lab.bytes("docs/phases/phase-01.md") == before)
    }

    @Test func markErrors() throws {
        let lab = try makeLab()
        let before = lab.snapshot()
        let unknown = try lab.lab("mark", "dns-basic")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "lab: error: no exercise 'dns-basic' (did you mean 'dns-basics'?)\n")
        // Among others, the unknown one stops them all, and the error says so.
        let among = try lab.lab("mark", "dns-basics", "dns-basic")
        #expect(among.status == 1)
        #expect(among.stderr == "lab: error: no exercise 'dns-basic' (did you mean 'dns-basics'?); nothing was ticked\n", "\(among)")
        let noItem = try lab.lab("mark", "iam")
        #expect(noItem.status == 1)
        #expect(noItem.stderr.contains("docs/phases/phase-02.md"))
        #expect(lab.snapshot().filter { !$0.key.hasPrefix(".lab/") } == before)
        #expect(try lab.lab("mark").status == 64)
    }

    @Test func markOnAReadOnlyDocumentFailsCleanly() throws {
        let lab = try makeLab()
        // The lock folder stays writable; the document's folder and the document do not.
        try FileManager.default.createDirectory(at: lab.url(".lab"), withIntermediateDirectories: true)
        chmod(lab.url(".lab").path, 0o777)
        chmod(lab.url("docs/phases").path, 0o555)
        chmod(lab.url("docs/phases/phase-01.md").path, 0o444)
        defer { chmod(lab.url("docs/phases").path, 0o755) }
        let before = lab.bytes("docs/phases/phase-01.md")
        let result = try Unprivileged.lab(["mark", "first-adr"], in: lab)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("lab: error: cannot write 'docs/phases/phase-01.md'"))
        #expect(lab.bytes("docs/phases/phase-01.md") == before)
    }

    @Test func hintShowsEverything() throws {
        let lab = try makeLab()
        let result = try lab.lab("hint", "dns-basics")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("dns-basics — Explain DNS resolution"))
        #expect(result.stdout.contains("item: docs/phases/phase-01.md:6 [ ] explain  DNS   resolution"))
        #expect(result.stdout.contains("  Use dig +trace.\n  Write docs/notes/dns.md."))
        #expect(result.stdout.contains("1. run: grep -qi resolver docs/notes/dns.md"))
        #expect(result.stdout.contains("expect exit 0"))
        #expect(result.stdout.contains("2 attempts, 1s apart"))
        #expect(result.stdout.contains("requires: dig"))
        #expect(result.stdout.contains("Run it: lab check dns-basics"))
        let manual = try lab.lab("hint", "first-adr")
        #expect(manual.stdout.contains("When it is done: lab mark first-adr"))
        let unknown = try lab.lab("hint", "frist-adr")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'first-adr'?"))
        // An item the document lacks, and a document not written yet, are told apart.
        let missing = try lab.lab("hint", "linux-processes")
        #expect(missing.stdout.contains("item: docs/phases/phase-01.md:5 [x] Explain processes"), "\(missing)")
        let notStarted = try lab.lab("hint", "iam")
        #expect(notStarted.status == 0, "\(notStarted)")
        #expect(notStarted.stdout.contains("item: none yet: docs/phases/phase-02.md is written when the phase starts (lab phase start 2)"), "\(notStarted)")
        #expect(!notStarted.stdout.contains("item: none in"), "\(notStarted)")
        try lab.write("docs/phases/phase-01.md", "# Phase 1\n\n- [ ] Something else\n")
        let noItem = try lab.lab("hint", "first-adr")
        #expect(noItem.stdout.contains("item: none in docs/phases/phase-01.md"), "\(noItem)")
    }

    @Test func invalidLabMakesEveryCommandExitTwo() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    titel: One\n"])
        for command in [["status"], ["list"], ["check"], ["mark", "a"], ["hint", "a"]] {
            let result = try lab.lab(arguments: command)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.stderr.contains("lab.yml:4:5: error: unknown key 'titel'"))
        }
    }
}
