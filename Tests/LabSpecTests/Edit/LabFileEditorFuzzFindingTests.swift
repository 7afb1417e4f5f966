import Foundation
import Testing

@testable import LabSpec

/// Inputs that once broke `fuzz-lab-edit` (in `Fuzz/`), kept in `Tests/Fixtures/fuzz/lab-edit/`:
/// each is replayed through the same checks the target makes.
@Suite struct LabFileEditorFuzzFindingTests {
    /// `fuzz-lab-edit`: setting a phase's status or the lab's name gives a file that loads to the
    /// same lab with only that value changed, or refuses.
    @Test(arguments: FuzzFindings.fixtures("lab-edit"))
    func editsChangeOnlyTheirValue(_ name: String) throws {
        let loaded = FuzzFindings.load(try FuzzFindings.bytes("lab-edit", name))
        let lab = try #require(loaded.lab)
        let document = try #require(loaded.document)
        let editor = LabFileEditor(source: loaded.source, document: document)
        for index in lab.phases.indices.prefix(4) {
            for status in PhaseStatus.allCases {
                guard let edited = try? editor.settingStatus(status, ofPhase: lab.phases[index].id) else { continue }
                let changed = try #require(FuzzFindings.load(edited).lab, "phase \(lab.phases[index].id) → \(status.rawValue)")
                var expected = lab
                expected.phases[index].status = status
                #expect(Self.summary(of: changed) == Self.summary(of: expected), "phase \(lab.phases[index].id) → \(status.rawValue)")
            }
        }
        for newName in Self.names {
            guard let edited = try? editor.settingName(newName) else { continue }
            let changed = try #require(FuzzFindings.load(edited).lab, "name → \(newName)")
            var expected = lab
            expected.name = newName
            #expect(Self.summary(of: changed) == Self.summary(of: expected), "name → \(newName)")
        }
    }

    /// The names `fuzz-lab-edit` gives a lab.
    static let names = ["Renamed lab", "a: b # c", "- [x] 'quoted' \"twice\"", "tab\there", "日本語 lab", "true", "123", "~"]

    /// The lab as text, without the source positions an inserted line moves.
    static func summary(of lab: Lab) -> String {
        var lab = lab
        for phase in lab.phases.indices {
            lab.phases[phase].mark = .start
            for exercise in lab.phases[phase].exercises.indices {
                lab.phases[phase].exercises[exercise].mark = .start
                for step in lab.phases[phase].exercises[exercise].verify.indices {
                    lab.phases[phase].exercises[exercise].verify[step].mark = .start
                }
            }
        }
        for scaffold in lab.scaffolds.indices { lab.scaffolds[scaffold].mark = .start }
        var text = ""
        dump(lab, to: &text)
        return text
    }
}
