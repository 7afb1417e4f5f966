import Foundation
import Testing

@Suite struct ValidateDocumentsTests {
    @Test func documentsAndTheirItemsAreChecked() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: x
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - { id: alpha, title: Alpha }
                  - { id: beta, title: Beta }
              - id: 2
                title: Two
                status: done
                exercises:
                  - { id: gamma, title: Gamma }

            """,
            "docs/phases/phase-01.md": "- [ ] Alpha <!-- lab:alpha -->\n- [ ] Again <!-- lab:alpha -->\n- [ ] Other <!-- lab:gamma -->\n- [ ] Typo <!-- lab:bta -->\n",
        ])
        let result = try lab.lab("validate")
        #expect(result.status == 0, "warnings alone do not fail: \(result)")
        #expect(result.stderr.contains("lab.yml:8:9: warning: exercise 'beta' has no checklist item in 'docs/phases/phase-01.md'"))
        #expect(result.stderr.contains("docs/phases/phase-01.md:2:1: warning: two items carry the marker 'lab:alpha'"))
        #expect(result.stderr.contains("docs/phases/phase-01.md:3:1: warning: item marker 'lab:gamma' names no exercise of phase 1 (it is an exercise of phase 2)"))
        #expect(result.stderr.contains("docs/phases/phase-01.md:4:1: warning: item marker 'lab:bta' names no exercise of phase 1 (did you mean 'lab:beta'?)"))
        #expect(result.stderr.contains("lab.yml:9:5: warning: phase 2 is done but its document 'docs/phases/phase-02.md' does not exist"))
    }

    @Test func aDocumentThatIsAFolderIsAWarning() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n"])
        try FileManager.default.createDirectory(at: lab.url("docs/phases/phase-01.md"), withIntermediateDirectories: true)
        let result = try lab.lab("validate")
        #expect(result.status == 0)
        #expect(result.stderr.contains("lab.yml:3:5: warning: phase 1: cannot read 'docs/phases/phase-01.md': it is a directory"))
    }

    @Test func aNonUTF8DocumentIsAWarning() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: a, title: A }\n"])
        try lab.write("docs/phases/phase-01.md", bytes: Array("- [ ] A\n- caf".utf8) + [0xE9] + Array("\n".utf8))
        let result = try lab.lab("validate")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("docs/phases/phase-01.md:2:6: warning: 'docs/phases/phase-01.md' is not valid UTF-8"))
    }

    @Test func thisRepositoryValidatesClean() throws {
        let result = try LabProcess.run(["validate"], in: Repository.root)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("warning"), "\(result.stderr)")
    }
}
