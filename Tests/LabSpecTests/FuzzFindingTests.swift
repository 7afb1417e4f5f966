import Foundation
import Testing

@testable import LabSpec

/// Inputs that once broke a fuzz target of `Fuzz/`, kept in `Tests/Fixtures/fuzz/TARGET/`: each
/// is replayed through the same checks the target makes.
@Suite struct FuzzFindingTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/fuzz")

    static func fixtures(_ target: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appending(path: target).path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appending(path: target).appending(path: name)))
    }

    static func load(_ bytes: [UInt8]) -> LabLoader.Loaded {
        LabLoader(builtinSets: ["cloud", "devops", "mlops"]).load(SourceFile(path: "lab.yml", bytes: bytes))
    }

    /// `fuzz-lab-yml`: a lab exactly when there is no error, and every diagnostic at a real place,
    /// with the line and column that place has.
    @Test(arguments: fixtures("lab-yml"))
    func loaderKeepsItsPromises(_ name: String) throws {
        let bytes = try Self.bytes("lab-yml", name)
        let source = SourceFile(path: "lab.yml", bytes: bytes)
        let loaded = Self.load(bytes)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect((loaded.lab == nil) == !errors.isEmpty)
        let locations = loaded.diagnostics.flatMap { [$0.location] + $0.notes.map(\.location) }
        for case let mark? in locations.map({ $0?.mark }) {
            #expect(mark.offset >= 0 && mark.offset <= bytes.count)
            #expect(source.line(mark.line) != nil, "\(mark) in \(loaded.diagnostics)")
            let expected = source.mark(atByte: mark.offset)
            #expect(mark.line == expected.line && mark.column == expected.column, "\(mark) is byte \(mark.offset) at \(expected)")
        }
    }

    /// `fuzz-lab-edit`: setting a phase's status or the lab's name gives a file that loads to the
    /// same lab with only that value changed, or refuses.
    @Test(arguments: fixtures("lab-edit"))
    func editsChangeOnlyTheirValue(_ name: String) throws {
        let loaded = Self.load(try Self.bytes("lab-edit", name))
        let lab = try #require(loaded.lab)
        let document = try #require(loaded.document)
        let editor = LabFileEditor(source: loaded.source, document: document)
        for index in lab.phases.indices.prefix(4) {
            for status in PhaseStatus.allCases {
                guard let edited = try? editor.settingStatus(status, ofPhase: lab.phases[index].id) else { continue }
                let changed = try #require(Self.load(edited).lab, "phase \(lab.phases[index].id) → \(status.rawValue)")
                var expected = lab
                expected.phases[index].status = status
                #expect(Self.summary(of: changed) == Self.summary(of: expected), "phase \(lab.phases[index].id) → \(status.rawValue)")
            }
        }
        for newName in Self.names {
            guard let edited = try? editor.settingName(newName) else { continue }
            let changed = try #require(Self.load(edited).lab, "name → \(newName)")
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
