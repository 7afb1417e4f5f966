import Foundation
import Testing

@testable import LabKit

/// `lab mark`'s workflow in process: it ticks only the byte of each named item, under the lab lock,
/// and refuses before touching anything when an id or an item is missing.
@Suite struct MarkWorkflowTests {
    static let labFile = """
        lab: Scratch
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: alpha
                title: Alpha
              - id: beta
                title: Beta
          - id: 2
            title: Two
            status: in-progress
            exercises:
              - id: gamma
                title: Gamma

        """
    static let phaseOne = "# One\n\n- [ ] Alpha <!-- lab:alpha -->\n- [ ] Beta <!-- lab:beta -->\n"

    static func lab(phaseTwo: String? = "- [ ] Gamma <!-- lab:gamma -->\n") throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("lab.yml", labFile)
        try folder.write("docs/phases/phase-01.md", phaseOne)
        if let phaseTwo { try folder.write("docs/phases/phase-02.md", phaseTwo) }
        return folder
    }

    static func mark(_ ids: [String], checked: Bool = true, in folder: TemporaryFolder) throws(LabError) -> [ItemTicker.Outcome] {
        // Every exercise of this lab is manual: ticked without --force.
        switch try MarkWorkflow.run(.init(location: LabLocation(workingDirectory: folder.root), ids: ids, checked: checked)) {
        case .marked(let outcomes): return outcomes
        case .haveChecks(let exercises): throw .message("unexpected: \(exercises.map(\.id)) have checks")
        }
    }

    static func read(_ path: String, in folder: TemporaryFolder) -> String? {
        try? String(contentsOf: folder.root.appending(path: path), encoding: .utf8)
    }

    @Test func ticksOnlyTheNamedItemsAndUndoRestores() throws {
        let folder = try Self.lab()
        let outcomes = try Self.mark(["beta", "gamma"], in: folder)
        #expect(outcomes.map(\.exercise) == ["beta", "gamma"])
        #expect(outcomes.map(\.doc) == ["docs/phases/phase-01.md", "docs/phases/phase-02.md"])
        #expect(outcomes.map(\.line) == [4, 1])
        #expect(outcomes.allSatisfy { $0.changed })
        #expect(Self.read("docs/phases/phase-01.md", in: folder) == Self.phaseOne.replacingOccurrences(of: "- [ ] Beta", with: "- [x] Beta"))
        #expect(Self.read("docs/phases/phase-02.md", in: folder) == "- [x] Gamma <!-- lab:gamma -->\n")
        // Ticking again changes nothing; unticking restores the bytes.
        let again = try Self.mark(["beta"], in: folder)
        #expect(again.map(\.changed) == [false])
        _ = try Self.mark(["beta", "gamma"], checked: false, in: folder)
        #expect(Self.read("docs/phases/phase-01.md", in: folder) == Self.phaseOne)
        #expect(Self.read("docs/phases/phase-02.md", in: folder) == "- [ ] Gamma <!-- lab:gamma -->\n")
    }

    @Test func anUnknownIdIsRefusedBeforeTheLabIsTouched() throws {
        let folder = try Self.lab()
        do {
            _ = try Self.mark(["alpha", "alpah"], in: folder)
            Issue.record("expected an error")
        } catch {
            guard case .noSuchExercise(let id, let hint) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            #expect(id == "alpah" && hint == "did you mean 'alpha'?")
        }
        #expect(Self.read("docs/phases/phase-01.md", in: folder) == Self.phaseOne)
        #expect(!FileManager.default.fileExists(atPath: folder.root.appending(path: ".lab").path), ".lab/ is not created")
    }

    @Test func aMissingDocumentLeavesEveryDocumentUnchanged() throws {
        let folder = try Self.lab(phaseTwo: nil)
        do {
            _ = try Self.mark(["alpha", "gamma"], in: folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("'docs/phases/phase-02.md', does not exist"), "\(error)")
        }
        #expect(Self.read("docs/phases/phase-01.md", in: folder) == Self.phaseOne, "alpha's document is checked, not written")
    }
}
