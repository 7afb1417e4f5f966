import Foundation
import Testing

@Suite struct ValidateTests {
    @Test func reportsEveryProblemWithSourceLineAndCaret() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: Test
            phases:
              - id: 1
                title: One
                exercises:
                  - id: dns-basics
                    title: Explain DNS
                    verfy:
                      - run: "true"
                  - id: Bad_ID
                    title: x

            """
        ])
        let result = try lab.lab("validate")
        #expect(result.status == 2)
        #expect(result.stderr.contains("""
            lab.yml:8:9: error: unknown key 'verfy' in exercise 'dns-basics' (did you mean 'verify'?)
                8 |         verfy:
                  |         ^
            """))
        #expect(result.stderr.contains("lab.yml:10:13: error: exercise id 'Bad_ID'"))
        #expect(result.stderr.contains("lab.yml: 2 errors"))
        #expect(!result.stderr.contains("\u{1B}["), "no colour when NO_COLOR is set")
    }

    @Test func colourOnlyWhenAsked() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases: 3\n"])
        let plain = try lab.lab("validate", "--color", "never")
        #expect(!plain.stderr.contains("\u{1B}["))
        let forced = try lab.lab("validate", "--color", "always")
        #expect(forced.stderr.contains("\u{1B}["))
        #expect(forced.status == 2)
    }

    @Test func validLabExitsZero() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases:\n  - id: 1\n    title: One\n"])
        let result = try lab.lab("validate")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("lab.yml: valid (1 phase, 0 exercises, 0 scaffolds)"))
    }

    @Test func jsonListsDiagnostics() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases: []\nextra: 1\n"])
        let result = try lab.lab("validate", "--json")
        #expect(result.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        let diagnostics = object?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["line"] as? Int == 3)
        #expect(diagnostics?.first?["column"] as? Int == 1)
        #expect(diagnostics?.first?["severity"] as? String == "error")
    }

    @Test func findsLabYmlUpwardAndHonoursDashC() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: x\nphases: []\n", "docs/notes/a.md": "x"])
        let nested = try LabProcess.run(["validate"], in: lab.url("docs/notes"))
        #expect(nested.status == 0, "\(nested)")
        #expect(nested.stderr.contains("../../lab.yml: valid"))
        let elsewhere = try LabProcess.run(["-C", lab.root.path, "validate"], in: URL(fileURLWithPath: "/"))
        #expect(elsewhere.status == 0, "\(elsewhere)")
    }

    @Test func missingLabIsAOneLineError() throws {
        let lab = try TemporaryLab()
        let result = try lab.lab("validate")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("lab: error: no lab.yml in "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func labYmlThatIsADirectory() throws {
        let lab = try TemporaryLab()
        try FileManager.default.createDirectory(at: lab.url("lab.yml"), withIntermediateDirectories: true)
        let result = try lab.lab("validate")
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is a directory"), "\(result)")
    }
}
