import Foundation
import Testing

/// The README's banner, badges and progress picture: drawn by `lab init` and `lab pictures`, kept
/// true by `lab check`, `lab mark` and `lab phase`, never drawn by a dry run, never written
/// through a link out of the lab.
@Suite struct PicturesTests {
    static let pictures = ["assets/banner.svg", "assets/badges/status.svg", "assets/badges/stage.svg", "assets/badges/progress.svg", "assets/progress.svg"]

    /// A lab named `A & <B>`: phase 1 in progress with a check that passes once `alpha.txt`
    /// exists and one that always passes; phase 2 pending.
    static let labFile = """
        lab: A & <B>
        phases:
          - id: 1
            title: One "quoted" <theme>
            weeks: 1–2
            status: in-progress
            exercises:
              - id: alpha
                title: Alpha
                verify:
                  - file: alpha.txt
              - id: beta
                title: Beta
                verify:
                  - run: "true"
          - id: 2
            title: Two
            exercises:
              - id: gamma
                title: Gamma

        """

    static let readme = """
        # A & <B>

        ![banner](assets/banner.svg)

        <!-- lab:phases -->
        <!-- /lab:phases -->

        """

    static func makeLab() throws -> TemporaryLab {
        let lab = try TemporaryLab(files: [
            "lab.yml": labFile, "README.md": readme,
            "docs/phases/phase-01.md": "# One\n\n## Progress checklist\n\n- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta <!-- lab:beta -->\n",
        ])
        let drawn = try lab.lab("pictures")
        #expect(drawn.status == 0 && drawn.stdout == pictures.map { "created \($0)\n" }.joined(), "\(drawn)")
        return lab
    }

    static func texts(_ lab: TemporaryLab, _ path: String) -> [String] { SVGCheck.texts(lab.read(path) ?? "") }

    static func pictureBytes(_ lab: TemporaryLab) -> [String: [UInt8]] {
        var bytes: [String: [UInt8]] = [:]
        for path in pictures { bytes[path] = lab.bytes(path) }
        return bytes
    }

    @Test func thePicturesAreWellFormedAndEscapeTheLabsName() throws {
        let lab = try Self.makeLab()
        for path in Self.pictures {
            let svg = try #require(lab.read(path), "\(path)")
            #expect(SVGCheck.xmlProblem(svg) == nil, "\(path): \(SVGCheck.xmlProblem(svg) ?? "")")
            #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("<image"), "\(path)")
        }
        #expect(lab.read("assets/banner.svg")?.contains(">A &amp; &lt;B&gt;</text>") == true)
        #expect(Self.texts(lab, "assets/banner.svg") == ["A & <B>", "Phase 1 · Weeks 1–2", "One \"quoted\" <theme>", "1", "2"])
        #expect(Self.texts(lab, "assets/badges/status.svg").last == "in progress")
        #expect(Self.texts(lab, "assets/badges/stage.svg").last == "phase 1 of 2")
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "0/3")
        let progress = Self.texts(lab, "assets/progress.svg")
        #expect(progress.contains("A & <B>") && progress.contains("0/2") && progress.contains("0/1") && progress.contains("0 passes in 12 weeks"))

        let again = try lab.lab("pictures")
        #expect(again.stdout == "every picture is up to date\n", "\(again)")
    }

    @Test func checkKeepsTheREADMEsTableBadgesAndProgressPictureTrue() throws {
        let lab = try Self.makeLab()
        let before = Self.pictureBytes(lab)
        let first = try lab.lab("check")
        #expect(first.status == 1, "alpha fails: \(first)")
        #expect(lab.read("README.md")?.contains("| One \"quoted\" <theme> | In progress 1/2 |") == true, "\(lab.read("README.md") ?? "")")
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "1/3")
        #expect(Self.texts(lab, "assets/progress.svg").contains("1/2"))
        #expect(Self.texts(lab, "assets/progress.svg").contains("1 pass in 12 weeks"))
        #expect(lab.bytes("assets/banner.svg") == before["assets/banner.svg"], "the banner's data did not change")
        #expect(lab.bytes("assets/badges/status.svg") == before["assets/badges/status.svg"])

        try lab.write("alpha.txt", "done\n")
        #expect(try lab.lab("check").status == 0)
        #expect(lab.read("README.md")?.contains("| In progress 2/2 |") == true)
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "2/3")
        #expect(Self.texts(lab, "assets/progress.svg").contains("2 passes in 12 weeks"))
        for path in Self.pictures { #expect(SVGCheck.xmlProblem(lab.read(path) ?? "") == nil, "\(path)") }
    }

    @Test func markAndPhaseKeepThemTrue() throws {
        let lab = try Self.makeLab()
        #expect(try lab.lab("mark", "--force", "alpha").status == 0)
        #expect(lab.read("README.md")?.contains("| In progress 1/2 |") == true)
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "1/3")
        #expect(try lab.lab("mark", "--undo", "alpha").status == 0)
        #expect(lab.read("README.md")?.contains("| In progress 0/2 |") == true)
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "0/3")

        #expect(try lab.lab("phase", "finish", "1", "--force").status == 0)
        #expect(Self.texts(lab, "assets/badges/status.svg").last == "paused")
        #expect(Self.texts(lab, "assets/banner.svg").prefix(3) == ["A & <B>", "Between phases", "Next: Two"])
        #expect(try lab.lab("phase", "start", "2").status == 0)
        #expect(Self.texts(lab, "assets/badges/stage.svg").last == "phase 2 of 2")
        #expect(Self.texts(lab, "assets/banner.svg").prefix(3) == ["A & <B>", "Phase 2", "Two"])
        #expect(Self.texts(lab, "assets/badges/progress.svg").last == "0/3", "phase 2's new document: 0 of 1")

        let log = try lab.lab("log", "--json")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(events.compactMap { $0["event"] as? String } == ["phase_started", "phase_finished", "unticked", "ticked"])
    }

    @Test func aDryRunDrawsNothing() throws {
        let lab = try Self.makeLab()
        try lab.remove("assets/badges/stage.svg")
        try lab.write("alpha.txt", "done\n")
        let snapshot = lab.snapshot()
        let pictures = try lab.lab("pictures", "--dry-run")
        #expect(pictures.status == 0 && pictures.stdout.contains("would create assets/badges/stage.svg"), "\(pictures)")
        #expect(try lab.lab("check", "--dry-run").status == 0)
        #expect(try lab.lab("phase", "start", "2", "--dry-run").status == 0)
        #expect(lab.snapshot() == snapshot)
        #expect(!lab.exists("assets/badges/stage.svg") && !lab.exists(".lab/journal.jsonl"))
    }

    @Test func noPictureIsWrittenThroughALinkOutOfTheLab() throws {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile, "README.md": Self.readme])
        let outside = try TemporaryLab()
        try FileManager.default.createSymbolicLink(at: lab.url("assets"), withDestinationURL: outside.root)
        let pictures = try lab.lab("pictures")
        #expect(pictures.status != 0 && pictures.stderr.contains("outside the lab"), "\(pictures)")
        try lab.write("docs/phases/phase-01.md", "- [ ] Beta <!-- lab:beta -->\n")
        let before = lab.snapshot()
        let check = try lab.lab("check", "beta")
        #expect(check.status != 0 && check.stderr.contains("outside the lab"), "\(check)")
        let mark = try lab.lab("mark", "--force", "beta")
        #expect(mark.status != 0 && mark.stderr.contains("outside the lab"), "\(mark)")
        #expect(lab.snapshot() == before, "nothing written, not even the journal")
        #expect(outside.snapshot().isEmpty)
    }

    @Test func initWritesTheJournalThePicturesAndTheREADMEThatShowsThem() throws {
        let lab = try TemporaryLab()
        #expect(try lab.lab("init", "--name", "A & <B>").status == 0)
        #expect(lab.read(".gitattributes")?.contains(".lab/journal.jsonl merge=union\n") == true)
        let journal = try #require(lab.read(".lab/journal.jsonl"))
        #expect(journal.hasSuffix("\"event\":\"phase_started\",\"phase\":1}\n") && journal.split(separator: "\n").count == 1)
        let readme = try #require(lab.read("README.md"))
        for path in Self.pictures { #expect(lab.exists(path), "\(path)") }
        // Every picture the README shows exists, and the README shows the banner, every badge and the progress picture.
        let shown = readme.components(separatedBy: "](").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) }.filter { $0.hasSuffix(".svg") }
        #expect(Set(shown) == Set(Self.pictures), "\(shown)")
        #expect(Self.texts(lab, "assets/banner.svg").first == "A & <B>")
        #expect(try lab.lab("pictures").stdout == "every picture is up to date\n")
        // git reads the attribute.
        if SVGCheck.program("git") != nil {
            #expect(SVGCheck.run(SVGCheck.program("git") ?? "", ["-C", lab.root.path, "init", "-q"], input: nil).0 == 0)
            let (_, attribute) = SVGCheck.run(SVGCheck.program("git") ?? "", ["-C", lab.root.path, "check-attr", "merge", ".lab/journal.jsonl"], input: nil)
            #expect(attribute == ".lab/journal.jsonl: merge: union\n")
        }
    }

    @Test(.enabled(if: SVGCheck.renderer != nil, "needs rsvg-convert or Chromium"))
    func thePicturesRender() throws {
        let lab = try Self.makeLab()
        for path in Self.pictures {
            let png = lab.url(path + ".png")
            #expect(SVGCheck.render(lab.url(path), into: png) == nil, "\(path)")
            let bytes = lab.bytes(path + ".png") ?? []
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 200, "\(path) rendered into a PNG")
        }
    }
}
