import Testing
@testable import LabSpec

@Suite struct LabLoaderTests {
    static let builtins: Set<String> = ["cloud", "devops", "mlops"]

    func load(_ text: String) -> LabLoader.Loaded {
        LabLoader(builtinSets: Self.builtins).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
    }

    @Test func decodesTheWholeSchema() throws {
        let loaded = load("""
            lab: LLM Infrastructure Lab
            version: 1
            paths: { phases: docs/p, readme: READ.md }
            defaults: { timeout: 5s, shell: /bin/bash }
            phases:
              - id: 1
                title: Foundations before tools
                weeks: 1–2
                status: in-progress
                objectives: [Know processes]
                scope: [Linux]
                exercises:
                  - id: linux-processes
                    title: Explain processes
                    hint: Read signal(7)
                    requires: [bash]
                    sources: [docs/notes/*.md]
                    timeout: 30s
                    env: { MODE: strict, N: 3 }
                    verify:
                      - file: docs/notes/p.md
                        contains: SIGTERM
                      - run: grep -q x y
                        expect: { exit: [0, 1], stdout: ok, stderr: [a, b], stdout_matches: "^ok$" }
                        retry: { attempts: 3, delay: 500ms }
                        timeout: 2s
                  - id: first-adr
                    title: Write an ADR
              - id: 2
                title: Cloud
                doc: docs/cloud.md
                scaffold: [cloud]
            scaffolds:
              cloud:
                from: builtin:cloud
                into: cloud
                vars: { provider: aws, count: 2, tags: [a, b] }

            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let lab = try #require(loaded.lab)
        #expect(lab.name == "LLM Infrastructure Lab")
        #expect(lab.paths.readme == "READ.md")
        #expect(lab.defaults.timeout == .seconds(5))
        #expect(lab.defaults.shell == "/bin/bash")
        let phase = try #require(lab.phase(id: 1))
        #expect(phase.status == .inProgress)
        #expect(phase.weeks == "1–2")
        #expect(phase.doc == "docs/p/phase-01.md")
        #expect(lab.phase(id: 2)?.doc == "docs/cloud.md")
        #expect(lab.phase(id: 2)?.status == .pending)
        let exercise = try #require(lab.exercise(id: "linux-processes"))
        #expect(exercise.phase == 1)
        #expect(exercise.env == [EnvironmentEntry(name: "MODE", value: "strict"), EnvironmentEntry(name: "N", value: "3")])
        #expect(exercise.verify.count == 2)
        #expect(exercise.verify[0].action == .file(FileCheck(path: "docs/notes/p.md", contains: ["SIGTERM"])))
        let run = exercise.verify[1]
        #expect(run.action == .run("grep -q x y"))
        #expect(run.expect == Expectation(exit: [0, 1], stdout: ["ok"], stderr: ["a", "b"], stdoutMatches: "^ok$"))
        #expect(run.retry == Retry(attempts: 3, delay: .milliseconds(500)))
        #expect(run.timeout == .seconds(2))
        #expect(lab.exercise(id: "first-adr")?.isManual == true)
        let scaffold = try #require(lab.scaffold(named: "cloud"))
        #expect(scaffold.from == .builtin("cloud"))
        #expect(scaffold.vars.map(\.name) == ["provider", "count", "tags"])
        #expect(scaffold.vars[2].value == .list([.string("a"), .string("b")]))
        #expect(lab.phase(introducing: "cloud")?.id == 2)
    }

    @Test func collectsEveryProblemInSourceOrder() {
        let loaded = load("""
            lab: x
            phases:
              - id: 1
                title: a
                status: started
                exercises:
                  - id: a
                    title: a
                    verify:
                      - {}
                      - run: x
                        file: y
              - id: 1
                title: b

            """)
        #expect(loaded.lab == nil)
        let lines = loaded.diagnostics.map { $0.location?.mark?.line ?? 0 }
        #expect(lines == lines.sorted())
        #expect(loaded.diagnostics.count == 4, "\(loaded.diagnostics)")
    }

    @Test func mergeKeysSupplyExerciseDefaults() throws {
        let loaded = load("""
            lab: x
            x-step: &grep { timeout: 3s }
            phases:
              - id: 1
                title: a
                exercises:
                  - id: a
                    title: a
                    verify:
                      - <<: *grep
                        run: "true"

            """)
        // `x-step` is not a key of the schema: extension keys are not allowed.
        #expect(loaded.diagnostics.first?.message == "unknown key 'x-step' at the top level")
    }

    @Test func warnsAboutAnEmptyVerify() throws {
        let loaded = load("lab: x\nphases:\n  - id: 1\n    title: a\n    exercises:\n      - {id: a, title: a, verify: []}\n")
        #expect(loaded.lab != nil)
        #expect(loaded.diagnostics.first?.severity == .warning)
    }
}
