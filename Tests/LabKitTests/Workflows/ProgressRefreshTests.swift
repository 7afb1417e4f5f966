import Foundation
import LabRuntime
import Testing

@testable import LabKit

/// What `lab mark` (and `lab check`) leave behind besides the tick: the event in the journal, the
/// README's phase table and the pictures, each written only when it changes.
@Suite struct ProgressRefreshTests {
    static let readme = """
        # Scratch

        ![status](assets/badges/status.svg)

        <!-- lab:phases -->
        <!-- /lab:phases -->

        Words after the table stay.

        """

    static func lab(pictures: Bool) throws -> TemporaryFolder {
        let folder = try MarkWorkflowTests.lab()
        try folder.write("README.md", readme)
        if pictures { try folder.write(PictureSet.statusBadge, "old\n") }
        return folder
    }

    static func mark(_ ids: [String], checked: Bool = true, in folder: TemporaryFolder) throws -> [String] {
        var warnings: [String] = []
        _ = try MarkWorkflow.run(.init(location: LabLocation(workingDirectory: folder.root), ids: ids, checked: checked)) { warnings.append($0) }
        return warnings
    }

    static func read(_ path: String, _ folder: TemporaryFolder) -> String? {
        MarkWorkflowTests.read(path, in: folder)
    }

    @Test func aTickIsJournaledAndTheTableAndPicturesFollow() throws {
        let folder = try Self.lab(pictures: true)
        #expect(try Self.mark(["alpha"], in: folder).isEmpty)
        let readme = Self.read("README.md", folder) ?? ""
        #expect(readme.contains("| In progress 1/2 |") && readme.contains("| In progress 0/1 |"), "\(readme)")
        #expect(readme.hasPrefix("# Scratch\n\n![status](assets/badges/status.svg)\n\n<!-- lab:phases -->\n"))
        #expect(readme.hasSuffix("<!-- /lab:phases -->\n\nWords after the table stay.\n"))
        // The picture that was there is redrawn; the others are not drawn (`lab pictures` does).
        #expect(Self.read(PictureSet.statusBadge, folder)?.contains("status: in progress") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.root.appending(path: PictureSet.banner).path))

        let journal = JournalStore.load(files: ContainedRoot(folder.root.path))
        #expect(journal.events.map { "\($0.kind) \($0.exercise ?? "") \($0.phase ?? 0)" } == ["ticked alpha 1"])

        // Ticking again records nothing; unticking does, and the table follows.
        _ = try Self.mark(["alpha"], in: folder)
        _ = try Self.mark(["alpha"], checked: false, in: folder)
        #expect(JournalStore.load(files: ContainedRoot(folder.root.path)).events.map(\.kind) == [.ticked, .unticked])
        #expect(Self.read("README.md", folder)?.contains("| In progress 0/2 |") == true)
    }

    @Test func nothingIsRewrittenWhenNothingChanged() throws {
        let folder = try Self.lab(pictures: true)
        _ = try Self.mark(["alpha"], in: folder)
        let stamps = ["README.md", PictureSet.statusBadge, JournalStore.path].map { FileSystem.stamp(folder.root.appending(path: $0).path) }
        _ = try Self.mark(["alpha"], in: folder)
        #expect(["README.md", PictureSet.statusBadge, JournalStore.path].map { FileSystem.stamp(folder.root.appending(path: $0).path) } == stamps)
    }

    @Test func aJournalThatCannotBeWrittenIsAWarningAndTheTickHappens() throws {
        let folder = try Self.lab(pictures: false)
        try folder.makeFolder(JournalStore.path)
        let warnings = try Self.mark(["alpha"], in: folder)
        #expect(warnings.count == 1 && warnings.first?.contains(JournalStore.path) == true, "\(warnings)")
        #expect(Self.read("docs/phases/phase-01.md", folder)?.contains("- [x] Alpha") == true)
        #expect(FileSystem.kind(folder.root.appending(path: JournalStore.path).path) == .directory)
    }

    @Test func aPictureLinkedOutOfTheLabStopsTheMarkBeforeAnyWrite() throws {
        let folder = try Self.lab(pictures: false)
        let outside = try TemporaryFolder()
        try folder.link("assets", to: outside.root.path)
        #expect(throws: LabError.self) { try Self.mark(["alpha"], in: folder) }
        #expect(Self.read("docs/phases/phase-01.md", folder) == MarkWorkflowTests.phaseOne)
        #expect(!FileManager.default.fileExists(atPath: folder.root.appending(path: JournalStore.path).path))
        #expect(FileSystem.list(outside.root.path) == [])
    }
}
