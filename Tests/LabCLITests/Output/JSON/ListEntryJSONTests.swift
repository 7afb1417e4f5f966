import Foundation
import LabSpec
import Testing

@testable import LabKit
@testable import lab

/// `lab list --json`, read back: one object per exercise, `has_item` in snake case, `last` null
/// when never run.
@Suite struct ListEntryJSONTests {
    static let run = Date(timeIntervalSince1970: 1_795_705_445)

    static let entries: [ExerciseListing.Entry] = [
        .init(
            exercise: LabOutline.Exercise(id: "dns-resolution", title: "Resolve names", phase: 1, isManual: false),
            ticked: false, last: LabState.Record(result: .failed, at: run, duration: 0.5, fingerprint: nil)),
        .init(exercise: LabOutline.Exercise(id: "write-adr", title: "Write an ADR", phase: 2, isManual: true), ticked: true, last: nil),
        .init(
            exercise: LabOutline.Exercise(id: "no-item", title: "Not in the document", phase: 2, isManual: false),
            ticked: nil, last: LabState.Record(result: .upToDate, at: run, duration: 0, fingerprint: "f")),
    ]

    @Test func everyDocumentedKey() throws {
        let json = try JSONTree.array(JSONOutput.string(Self.entries.map(ListEntryJSON.init)))
        #expect(json.count == 3)
        for entry in json {
            #expect(Set(entry.keys) == ["id", "phase", "title", "ticked", "has_item", "kind", "last"])
        }
        let checked = json[0]
        #expect(checked["id"] as? String == "dns-resolution")
        #expect(checked["phase"] as? Int == 1)
        #expect(checked["title"] as? String == "Resolve names")
        #expect(checked["ticked"] as? Bool == false)
        #expect(checked["has_item"] as? Bool == true)
        #expect(checked["kind"] as? String == "checked")
        let last = try #require(checked["last"] as? [String: Any])
        #expect(Set(last.keys) == ["result", "at"])
        #expect(last["result"] as? String == "failed")
        #expect(last["at"] as? String == "2026-11-26T15:04:05Z")
        #expect(JSONTree.allKeys(json).allSatisfy(JSONTree.isSnakeCase))
    }

    @Test func manualNeverRunAndItemless() throws {
        let json = try JSONTree.array(JSONOutput.string(Self.entries.map(ListEntryJSON.init)))
        let manual = json[1]
        #expect(manual["kind"] as? String == "manual")
        #expect(manual["ticked"] as? Bool == true)
        #expect(manual.keys.contains("last"))
        #expect(JSONTree.isNull(manual["last"]))
        // No item in the phase document: not ticked, and `has_item` says why.
        let itemless = json[2]
        #expect(itemless["ticked"] as? Bool == false)
        #expect(itemless["has_item"] as? Bool == false)
        #expect((itemless["last"] as? [String: Any])?["result"] as? String == "up_to_date")
    }
}
