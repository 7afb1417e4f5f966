import Foundation
import Testing

@Suite struct PhaseTests {
    /// A lab made by `lab init` in a fresh temporary folder.
    func initialisedLab() throws -> TemporaryLab {
        let lab = try TemporaryLab()
        let result = try lab.lab("init", "-q")
        #expect(result.status == 0, "\(result)")
        return lab
    }

    // MARK: - init

    @Test func initCreatesAWorkingLab() throws {
        let lab = try TemporaryLab()
        let result = try lab.lab("init", "course", "--name", "Platform: Lab #1")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("created lab.yml"))
        for path in [
            "lab.yml", "README.md", ".gitignore", "docs/phases/phase-01.md", "docs/system-design/.gitkeep",
            "docs/decisions/.gitkeep", "docs/notes/.gitkeep", "cloud/.gitkeep", "devops/.gitkeep", "mlops/.gitkeep",
        ] {
            #expect(lab.exists("course/\(path)"), "\(path)")
        }
        #expect(lab.read("course/.gitignore")?.contains(".lab/state.json") == true)
        #expect(lab.read("course/lab.yml")?.contains("lab: \"Platform: Lab #1\"\n") == true)
        let readme = try #require(lab.read("course/README.md"))
        #expect(readme.hasPrefix("# Platform: Lab #1\n"))
        #expect(readme.contains("| [Phase 1 — Weeks 1–2](docs/phases/phase-01.md) | Foundations before tools | In progress 0/"))
        #expect(readme.contains("| Phase 2 — Weeks 3–6 | Cloud fundamentals & basic DevOps | Pending |"))
        #expect(readme.contains("Depth over speed"))
        let document = try #require(lab.read("course/docs/phases/phase-01.md"))
        #expect(document.hasPrefix("# Phase 1 — Foundations before tools\n"))
        #expect(document.contains("## Progress checklist\n"))
        #expect(document.contains("- [ ] Explain processes, signals and exit codes <!-- lab:linux-processes -->"))

        let validate = try LabProcess.run(["validate"], in: lab.url("course"))
        #expect(validate.status == 0, "\(validate)")
        #expect(!validate.stderr.contains("warning"), "a new lab validates clean: \(validate.stderr)")
        let status = try LabProcess.run(["status", "--json"], in: lab.url("course"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.map { $0["status"] as? String } == ["in-progress", "pending", "pending", "pending"])
        #expect((object["next"] as? [String: Any])?["exercise"] as? String == "linux-processes")
    }

    @Test func initNeverOverwrites() throws {
        let lab = try TemporaryLab(files: ["README.md": "mine\n", "docs/notes/.gitkeep": ""])
        let before = lab.snapshot()
        let result = try lab.lab("init")
        #expect(result.status == 1)
        #expect(result.stderr.contains("these files already exist, so nothing was written"))
        // A README already there is not in the way: it would get the phase table (see NewUserTests).
        #expect(!result.stderr.contains("  README.md\n"))
        #expect(result.stderr.contains("  docs/notes/.gitkeep\n"))
        #expect(lab.snapshot() == before)
    }

    @Test func initRefusesAFileAsFolder() throws {
        let lab = try TemporaryLab(files: ["x": "file"])
        let result = try lab.lab("init", "x")
        #expect(result.status == 1)
        #expect(result.stderr.contains("exists and is not a folder"))
    }

    // MARK: - phase start

    @Test func startPhaseTwoThenAgain() throws {
        let lab = try initialisedLab()
        let labBefore = try #require(lab.read("lab.yml"))
        let result = try lab.lab("phase", "start", "2")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("note: phase 1 is still in progress"))
        // The document, from the template.
        let document = try #require(lab.read("docs/phases/phase-02.md"))
        #expect(document.hasPrefix("# Phase 2 — Cloud fundamentals & basic DevOps\n"))
        #expect(document.contains("**Weeks:** 3–6"))
        #expect(document.contains("## Objectives"))
        #expect(document.contains("<!-- lab:terraform-module -->"))
        // The scaffolds.
        #expect(lab.exists("cloud/main.tf"))
        #expect(lab.exists("devops/Dockerfile"))
        #expect(lab.exists(".lab/scaffold.lock"))
        // lab.yml: exactly one line changed.
        let labAfter = try #require(lab.read("lab.yml"))
        let beforeLines = labBefore.split(separator: "\n", omittingEmptySubsequences: false)
        let afterLines = labAfter.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(beforeLines.count == afterLines.count)
        let changed = zip(beforeLines, afterLines).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.0 == "    status: pending")
        #expect(changed.first?.1 == "    status: in-progress")
        // The README table.
        let readme = try #require(lab.read("README.md"))
        #expect(readme.contains("| [Phase 2 — Weeks 3–6](docs/phases/phase-02.md) | Cloud fundamentals & basic DevOps | In progress 0/"))

        let snapshot = lab.snapshot()
        let again = try lab.lab("phase", "start", "2")
        #expect(again.status == 0)
        #expect(again.stdout.contains("already started; nothing to change"))
        #expect(lab.snapshot() == snapshot)

        // A start stopped while it redrew the pictures left a temporary file and a stale badge:
        // running it again mends both.
        let stage = try #require(lab.read("assets/badges/stage.svg"))
        let progress = try #require(lab.read("assets/progress.svg"))
        try lab.write("assets/badges/stage.svg", "<svg>stale</svg>\n")
        try lab.write("assets/badges/.stage.svg.lab-AbC123", "<svg>half")
        try lab.write("assets/.progress.svg.lab-XyZ789", "<svg>half")
        let mended = try lab.lab("phase", "start", "2")
        #expect(mended.status == 0, "\(mended)")
        #expect(lab.read("assets/badges/stage.svg") == stage)
        #expect(lab.read("assets/progress.svg") == progress)
        #expect(!lab.exists("assets/badges/.stage.svg.lab-AbC123") && !lab.exists("assets/.progress.svg.lab-XyZ789"))
        #expect(lab.snapshot() == snapshot)
    }

    @Test func dryRunWritesNothing() throws {
        let lab = try initialisedLab()
        let before = lab.snapshot()
        let result = try lab.lab("phase", "start", "2", "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("would create docs/phases/phase-02.md"))
        #expect(result.stdout.contains("would set lab.yml:"))
        #expect(result.stdout.contains("+     status: in-progress"))
        #expect(result.stdout.contains("would update the phase table of README.md"))
        #expect(result.stdout.contains("create        cloud/main.tf"))
        #expect(lab.snapshot() == before)
        #expect(!lab.exists(".lab/lock"), "no lock taken")
    }

    @Test func existingDocumentGetsOnlyTheMissingItems() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: x
            phases:
              - id: 1
                title: One
                exercises:
                  - { id: a, title: First }
                  - { id: b, title: Second }
                  - { id: c, title: Third }

            """,
            "docs/phases/phase-01.md": "# My notes\r\n\r\n## Progress checklist\r\n\r\n* [x] First\r\n\r\n## Journal\r\n\r\nDay 1.",
        ])
        let result = try lab.lab("phase", "start", "1")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("append to docs/phases/phase-01.md after line 5:"))
        #expect(lab.read("docs/phases/phase-01.md") == "# My notes\r\n\r\n## Progress checklist\r\n\r\n* [x] First\r\n* [ ] Second <!-- lab:b -->\r\n* [ ] Third <!-- lab:c -->\r\n\r\n## Journal\r\n\r\nDay 1.")
        #expect(lab.read("lab.yml")?.contains("    title: One\n    status: in-progress\n") == true)
        #expect(result.stderr.contains("has no phase table markers") || result.stderr.contains("there is no README.md"))
    }

    @Test func documentWithoutAChecklistSectionGetsItemsAtTheEnd() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n    exercises:\n      - { id: a, title: First }\n",
            "docs/phases/phase-01.md": "# Notes\n\nSome prose.",
            "README.md": "# x\n\n<!-- lab:phases -->\nold\n<!-- /lab:phases -->\n\nmore\n",
        ])
        #expect(try lab.lab("phase", "start", "1").status == 0)
        #expect(lab.read("docs/phases/phase-01.md") == "# Notes\n\nSome prose.\n\n- [ ] First <!-- lab:a -->")
        #expect(lab.read("README.md") == "# x\n\n<!-- lab:phases -->\n| Phase | Theme | Status |\n|---|---|---|\n| [Phase 1](docs/phases/phase-01.md) | One | In progress 0/1 |\n<!-- /lab:phases -->\n\nmore\n")
    }

    @Test func startingAnUnknownPhase() throws {
        let lab = try initialisedLab()
        let result = try lab.lab("phase", "start", "9")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("lab: error: no phase '9'"))
    }

    // MARK: - phase finish

    @Test func finishRefusesWithUntickedItemsUnlessForced() throws {
        let lab = try initialisedLab()
        let before = lab.snapshot()
        let refused = try lab.lab("phase", "finish", "1")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("phase 1 still has"))
        #expect(refused.stderr.contains("docs/phases/phase-01.md:"))
        #expect(refused.stderr.contains("[ ] Explain processes, signals and exit codes"))
        #expect(lab.snapshot().filter { $0.key != ".lab/lock" } == before)

        let forced = try lab.lab("phase", "finish", "1", "--force")
        #expect(forced.status == 0, "\(forced)")
        #expect(lab.read("lab.yml")?.contains("    status: done\n") == true)
        #expect(lab.read("README.md")?.contains("| Foundations before tools | Done |") == true)
        // Done is done: finishing it again refuses nothing, unticked items or not.
        let again = try lab.lab("phase", "finish", "1")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout == "phase 1 is already done\n", "\(again)")
        // A finish stopped while it redrew the pictures: running it again draws them.
        if let banner = lab.read("assets/banner.svg") {
            try lab.write("assets/banner.svg", "<svg>stale</svg>\n")
            try lab.write("assets/.banner.svg.lab-AbC123", "<svg>half")
            #expect(try lab.lab("phase", "finish", "1").status == 0)
            #expect(lab.read("assets/banner.svg") == banner)
            #expect(!lab.exists("assets/.banner.svg.lab-AbC123"))
        }
    }

    @Test func finishWhenEverythingIsTicked() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: a, title: First }\n",
            "docs/phases/phase-01.md": "- [x] First\n",
        ])
        let result = try lab.lab("phase", "finish", "1")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("lab.yml") == "lab: x\nphases:\n  - id: 1\n    title: One\n    status: done\n    exercises:\n      - { id: a, title: First }\n")
        #expect(try lab.lab("phase", "finish", "1").stdout.contains("already done"))
    }
}
