import Testing
@testable import LabSpec

@Suite struct LabFileEditorTests {
    func edit(_ text: String, phase: Int = 1, to status: PhaseStatus = .inProgress) throws -> String {
        let source = SourceFile(path: "lab.yml", bytes: Array(text.utf8))
        let document = try YAMLReader().read(source).get()
        let bytes = try LabFileEditor(source: source, document: document).settingStatus(status, ofPhase: phase)
        return String(decoding: bytes, as: UTF8.self)
    }

    func editError(_ text: String, phase: Int = 1) -> String? {
        do {
            _ = try edit(text, phase: phase)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func replacesOnlyThePlainScalar() throws {
        let before = """
            # My lab
            lab: Lab   # the name
            phases:
              # first
              - id: 1
                title: One
                status: pending   # set by lab

              - id: 2
                title: Two
                status: pending

            """
        let after = try edit(before)
        #expect(after == before.replacingOccurrences(of: "status: pending   # set", with: "status: in-progress   # set"))
    }

    @Test func keepsQuotingStyle() throws {
        #expect(try edit("phases:\n  - id: 1\n    status: 'pending'\n") == "phases:\n  - id: 1\n    status: 'in-progress'\n")
        #expect(try edit("phases:\n  - id: 1\n    status: \"pending\"\n") == "phases:\n  - id: 1\n    status: \"in-progress\"\n")
    }

    @Test func flowMappingReplace() throws {
        #expect(try edit("phases: [{id: 1, title: A, status: pending}]\n") == "phases: [{id: 1, title: A, status: in-progress}]\n")
    }

    @Test func flowMappingInsert() throws {
        #expect(try edit("phases:\n  - { id: 1, title: A }\n") == "phases:\n  - { id: 1, title: A, status: in-progress }\n")
    }

    @Test func insertsALineAfterTitleWhenAbsent() throws {
        let before = """
            phases:
              - id: 1
                title: One # first phase
                exercises:
                  - id: a
                    title: A
              - id: 2
                title: Two

            """
        let after = try edit(before)
        #expect(after == before.replacingOccurrences(of: "title: One # first phase\n", with: "title: One # first phase\n    status: in-progress\n"))
        let second = try edit(before, phase: 2, to: .done)
        #expect(second == before + "    status: done\n")
    }

    @Test func insertsAfterWeeks() throws {
        let before = "phases:\n- id: 1\n  title: A\n  weeks: 1–2\n  scope: [x]\n"
        #expect(try edit(before) == "phases:\n- id: 1\n  title: A\n  weeks: 1–2\n  status: in-progress\n  scope: [x]\n")
    }

    @Test func keepsCRLF() throws {
        let before = "lab: x\r\nphases:\r\n  - id: 1\r\n    title: A\r\n    scope: [x]\r\n"
        #expect(try edit(before) == "lab: x\r\nphases:\r\n  - id: 1\r\n    title: A\r\n    status: in-progress\r\n    scope: [x]\r\n")
        let replace = "phases:\r\n  - id: 1\r\n    status: done\r\n"
        #expect(try edit(replace) == "phases:\r\n  - id: 1\r\n    status: in-progress\r\n")
    }

    @Test func keepsAMissingFinalNewline() throws {
        #expect(try edit("phases:\n  - id: 1\n    title: A") == "phases:\n  - id: 1\n    title: A\n    status: in-progress")
        #expect(try edit("phases:\n  - id: 1\n    status: done") == "phases:\n  - id: 1\n    status: in-progress")
    }

    @Test func nonASCIIBeforeTheEditPoint() throws {
        let before = "lab: Ünïcödé — 実験\nphases:\n  - id: 1\n    title: Grundlagen ✓\n    status: pending\n"
        #expect(try edit(before) == before.replacingOccurrences(of: "status: pending", with: "status: in-progress"))
    }

    @Test func blockScalarTitleThenInsert() throws {
        let before = "phases:\n  - id: 1\n    title: >\n      Long\n      title\n    scope: [x]\n"
        #expect(try edit(before) == "phases:\n  - id: 1\n    title: >\n      Long\n      title\n    status: in-progress\n    scope: [x]\n")
    }

    @Test func mergedStatusGetsAnExplicitKey() throws {
        let before = """
            x: &defaults
              status: pending
            phases:
              - <<: *defaults
                id: 1
                title: A

            """
        #expect(try edit(before) == before + "    status: in-progress\n")
    }

    @Test func anchoredPhasesAreRefused() {
        let text = "base: &p {id: 1, title: A}\nphases:\n  - *p\n"
        #expect(editError(text)?.contains("alias") == true)
    }

    @Test func taggedValueKeepsTag() throws {
        #expect(try edit("phases:\n  - id: 1\n    status: !!str pending\n") == "phases:\n  - id: 1\n    status: !!str in-progress\n")
    }

    @Test func unchangedWhenAlreadySet() throws {
        let text = "phases:\n  - id: 1\n    status: in-progress\n"
        #expect(try edit(text) == text)
    }

    @Test func unknownPhase() {
        #expect(editError("phases:\n  - id: 1\n    title: A\n", phase: 3)?.contains("no phase 3") == true)
    }
}
