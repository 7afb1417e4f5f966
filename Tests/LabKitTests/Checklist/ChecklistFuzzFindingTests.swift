import Foundation
import Testing

@testable import LabKit

/// Inputs that once broke `fuzz-checklist` (in `Fuzz/`), kept in `Tests/Fixtures/fuzz/checklist/`:
/// each is replayed through the target's checks.
@Suite struct ChecklistFuzzFindingTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/fuzz/checklist")

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: fixtures)
    func tickingChangesOneByteAndOneItem(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appending(path: name)))
        let document = ChecklistDocument(bytes: bytes)
        for (index, item) in document.items.enumerated() {
            #expect(item.checkOffset >= 1 && item.checkOffset + 1 < bytes.count)
            #expect(item.lineStart <= item.markerOffset && item.markerOffset < item.checkOffset)
            #expect(item.endOfLineOffset > item.checkOffset && item.endOfLineOffset <= bytes.count)
            for checked in [true, false] {
                let result = document.setting(item, checked: checked)
                let changed = bytes.indices.filter { result.count != bytes.count || bytes[$0] != result[$0] }
                if checked == item.isChecked {
                    #expect(changed.isEmpty, "line \(item.line)")
                    continue
                }
                #expect(changed == [item.checkOffset], "line \(item.line)")
                var expected = document.items
                expected[index].isChecked = checked
                let after = ChecklistDocument(bytes: result)
                #expect(after.items == expected, "line \(item.line)")
                #expect(after.headings == document.headings, "line \(item.line)")
            }
        }
    }
}
