import Foundation
import Testing

@testable import LabRuntime

@Suite struct AtomicFileTests {
    @Test(arguments: [
        (".a.lab-x1Y2z3", true), (".phase-01.md.lab-AbC123", true), (".state.json.lab-000000", true),
        ("a.lab-x1Y2z3", false), (".a.lab-new", false), (".a.lab-x1Y2z", false), (".a.lab-x1Y2z34", false),
        (".lab-x1Y2z3", false), (".a.lab-x1Y2-3", false), (".a.lab_x1Y2z3", false),
    ])
    func temporaryNames(_ name: String, _ isLeftover: Bool) {
        #expect(AtomicFile.isLeftover(name) == isLeftover)
    }

    @Test func removingLeftoversOfOneFileKeepsEveryOtherFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = [".a.lab-111111", ".a.lab-222222", ".b.lab-333333", ".a.lab-new", "a", "b", ".a.md.lab-444444"]
        for name in names { try Data("x".utf8).write(to: folder.appending(path: name)) }

        try AtomicFile.write(Array("new".utf8), to: ContainedRoot(folder.path).resolve("a"), removingLeftovers: true)
        #expect(FileSystem.list(folder.path) == [".a.lab-new", ".a.md.lab-444444", ".b.lab-333333", "a", "b"])

        AtomicFile.removeLeftovers(inFolder: folder.path)
        #expect(FileSystem.list(folder.path) == [".a.lab-new", "a", "b"])
    }
}
