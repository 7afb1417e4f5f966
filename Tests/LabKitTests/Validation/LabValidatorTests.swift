import Foundation
import LabSpec
import Testing

@testable import LabKit

/// What `lab validate` says of a lab's phase documents, beyond `lab.yml` itself.
@Suite struct LabValidatorTests {
    /// Phase 1 and 2 in progress, phase 3 pending; documents at their default paths.
    static let labFile = """
        lab: Scratch
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: alpha
                title: Alpha
                verify:
                  - run: "true"
              - id: beta
                title: Beta
          - id: 2
            title: Two
            status: in-progress
            exercises:
              - id: gamma
                title: Gamma
          - id: 3
            title: Three
            exercises:
              - id: delta
                title: Delta

        """

    /// A scratch lab with `lab.yml` and the given documents, validated.
    func validate(documents: [String: String]) throws -> (ValidationReport, TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", Self.labFile)
        for (path, text) in documents { try folder.write(path, text) }
        let project = try LabProject.open(labFile: folder.root.appending(path: "lab.yml"), workingDirectory: folder.root)
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
        return (LabValidator.validate(project), folder)
    }

    static let completeDocuments = [
        "docs/phases/phase-01.md": "# One\n\n## Checklist\n\n- [ ] Alpha <!-- lab:alpha -->\n- [x] Beta <!-- lab:beta -->\n",
        "docs/phases/phase-02.md": "# Two\n\n- [ ] Gamma <!-- lab:gamma -->\n",
    ]

    /// The line of `lab.yml` where `text` first appears, 1-based.
    static func line(of text: String) -> Int {
        (labFile.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    /// A large `lab.yml` has its phase documents checked on a thread of their own while the rest
    /// is checked: the same diagnostics, in the same order, and the same sources, as a small one.
    @Test func aLargeLabSaysTheSameAsASmallOne() throws {
        let documents = [
            "docs/phases/phase-01.md": "# One\n\n- [ ] Alpha <!-- lab:alpha -->\n- [ ] Zeta <!-- lab:zeta -->\n",
            "docs/phases/phase-02.md": "# Two\n\n- [ ] Gamma <!-- lab:gamma -->\n- [ ] Again <!-- lab:gamma -->\n",
        ]
        // A problem of the checks made beside the documents: a note template that is not there.
        let small = Self.labFile + "templates:\n  note: notes/missing.md\n"
        // The same lab, made large by a comment at its end: every line and column stays.
        let large = small + "# " + String(repeating: "padding ", count: YAMLReader.largeFile / 8) + "\n"
        var said: [[String]] = []
        for text in [small, large] {
            let folder = try TemporaryFolder()
            try folder.write("lab.yml", text)
            for (path, text) in documents { try folder.write(path, text) }
            let project = try LabProject.open(labFile: folder.root.appending(path: "lab.yml"), workingDirectory: folder.root)
            let report = LabValidator.validate(project)
            said.append(report.diagnostics.map { String(reflecting: $0) } + report.sources.map(\.path))
        }
        #expect(said[0] == said[1])
        #expect(said[0].contains { $0.contains("templates.note") }, "\(said[0])")
        #expect(said[0].contains { $0.contains("lab:zeta") } && said[0].contains { $0.contains("'beta'") }, "\(said[0])")
    }

    @Test func aCompleteLabHasNothingToSay() throws {
        let (report, _) = try validate(documents: Self.completeDocuments)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.phaseCount == 3 && report.exerciseCount == 4 && report.scaffoldCount == 0)
        #expect(report.errorCount == 0 && report.warningCount == 0)
        #expect(Set(report.sources.map(\.path)) == ["docs/phases/phase-01.md", "docs/phases/phase-02.md"])
    }

    @Test func aStartedPhaseWithoutItsDocument() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-02.md"] = nil
        let (report, _) = try validate(documents: documents)
        // Phase 3 is pending: its document is written when it starts, so its absence says nothing.
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "phase 2 is in-progress but its document 'docs/phases/phase-02.md' does not exist")
        #expect(diagnostic.location?.file == "lab.yml")
        #expect(diagnostic.location?.mark?.line == Self.line(of: "- id: 2"))
        #expect(diagnostic.notes.map(\.message) == ["write it with 'lab phase start 2'"])
        #expect(report.warningCount == 1 && report.errorCount == 0)
    }

    @Test func anExerciseWithoutItsItem() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-01.md"] = "# One\n\n- [ ] Alpha <!-- lab:alpha -->\n- [ ] Something else\n"
        let (report, _) = try validate(documents: documents)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "exercise 'beta' has no checklist item in 'docs/phases/phase-01.md'")
        #expect(diagnostic.location?.file == "lab.yml")
        #expect(diagnostic.location?.mark?.line == Self.line(of: "- id: beta"))
        #expect(diagnostic.notes.map(\.message) == ["add '- [ ] Beta <!-- lab:beta -->' (or run 'lab phase start 1')"])
    }

    @Test func anItemFoundByItsTitleAlone() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-01.md"] = "- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta\n"
        let (report, _) = try validate(documents: documents)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    @Test func anItemTagNamingNoExercise() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-01.md"] = "# One\n\n- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta <!-- lab:beta -->\n- [ ] Typo <!-- lab:alpah -->\n"
        let (report, _) = try validate(documents: documents)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "item marker 'lab:alpah' names no exercise of phase 1")
        #expect(diagnostic.suggestion == "lab:alpha")
        #expect(diagnostic.location?.file == "docs/phases/phase-01.md")
        #expect(diagnostic.location?.mark?.line == 5)
        #expect(diagnostic.location?.mark?.column == 1)
        // The document is among the sources, so the line can be shown.
        #expect(report.sources.contains { $0.path == "docs/phases/phase-01.md" })
    }

    @Test func anItemTagNamingAnExerciseOfAnotherPhase() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-01.md"] = "- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta <!-- lab:beta -->\n- [ ] Gamma <!-- lab:gamma -->\n"
        let (report, _) = try validate(documents: documents)
        #expect(report.diagnostics.map(\.message) == ["item marker 'lab:gamma' names no exercise of phase 1 (it is an exercise of phase 2)"])
        #expect(report.diagnostics.first?.suggestion == nil)
        #expect(report.diagnostics.first?.location?.mark?.line == 3)
    }

    @Test func twoItemsWithOneTag() throws {
        var documents = Self.completeDocuments
        documents["docs/phases/phase-01.md"] = "- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta <!-- lab:beta -->\n- [ ] Again <!-- lab:alpha -->\n"
        let (report, _) = try validate(documents: documents)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.message == "two items carry the marker 'lab:alpha'; only the first is ticked")
        #expect(diagnostic.location?.mark?.line == 3)
        #expect(diagnostic.notes.map(\.message) == ["the first is here"])
        #expect(diagnostic.notes.first?.location?.mark?.line == 1)
    }

    @Test func everyProblemOfEveryDocumentAtOnce() throws {
        let (report, _) = try validate(documents: [
            "docs/phases/phase-01.md": "- [ ] Typo <!-- lab:alpah -->\n",
            "docs/phases/phase-03.md": "- [ ] Delta <!-- lab:delta -->\n- [ ] Stray <!-- lab:zeta -->\n",
        ])
        #expect(report.diagnostics.map(\.message) == [
            "exercise 'alpha' has no checklist item in 'docs/phases/phase-01.md'",
            "exercise 'beta' has no checklist item in 'docs/phases/phase-01.md'",
            "item marker 'lab:alpah' names no exercise of phase 1",
            "phase 2 is in-progress but its document 'docs/phases/phase-02.md' does not exist",
            "item marker 'lab:zeta' names no exercise of phase 3",
        ])
        #expect(report.warningCount == 5)
    }
}
