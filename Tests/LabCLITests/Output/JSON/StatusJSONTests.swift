import Foundation
import LabSpec
import Testing

@testable import LabKit
@testable import lab

/// `lab status --json`, read back: the keys the README documents, nulls present.
@Suite struct StatusJSONTests {
    static func report(next: Bool) -> StatusReport {
        let exercise = LabOutline.Exercise(id: "dns-resolution", title: "Resolve names", phase: 1, isManual: false)
        return StatusReport(
            lab: "Lab <&>",
            phases: [
                .init(id: 1, title: "Foundations", weeks: "1–2", status: .inProgress, doc: "docs/phases/phase-01.md",
                      done: 3, total: 11, documentExists: true, exercises: 11),
                .init(id: 2, title: "Cloud", weeks: nil, status: .pending, doc: "docs/phases/phase-02.md",
                      done: 0, total: 0, documentExists: false, exercises: 8),
            ],
            next: next ? .init(exercise: exercise, phase: 1) : nil, phaseToStart: nil, warnings: ["not printed in JSON"])
    }

    @Test func everyDocumentedKey() throws {
        let json = try JSONTree.object(JSONOutput.string(StatusJSON(Self.report(next: true))))
        #expect(Set(json.keys) == ["lab", "phases", "next", "reviews_due"])
        #expect(json["lab"] as? String == "Lab <&>")
        let phases = try #require(json["phases"] as? [[String: Any]])
        #expect(phases.count == 2)
        let first = phases[0]
        #expect(Set(first.keys) == ["id", "title", "weeks", "status", "doc", "done", "total", "exercises"])
        #expect(first["id"] as? Int == 1)
        #expect(first["title"] as? String == "Foundations")
        #expect(first["weeks"] as? String == "1–2")
        #expect(first["status"] as? String == "in-progress")
        #expect(first["doc"] as? String == "docs/phases/phase-01.md")
        #expect(first["done"] as? Int == 3)
        #expect(first["total"] as? Int == 11)
        #expect(first["exercises"] as? Int == 11)
        let next = try #require(json["next"] as? [String: Any])
        #expect(Set(next.keys) == ["exercise", "phase", "title"])
        #expect(next["exercise"] as? String == "dns-resolution")
        #expect(next["phase"] as? Int == 1)
        #expect(next["title"] as? String == "Resolve names")
        #expect(JSONTree.allKeys(json).allSatisfy(JSONTree.isSnakeCase))
    }

    @Test func nullsArePresentAsNull() throws {
        let json = try JSONTree.object(JSONOutput.string(StatusJSON(Self.report(next: false))))
        #expect(json.keys.contains("next"))
        #expect(JSONTree.isNull(json["next"]))
        let second = try #require((json["phases"] as? [[String: Any]])?.last)
        #expect(second.keys.contains("weeks"))
        #expect(JSONTree.isNull(second["weeks"]))
        #expect(second["status"] as? String == "pending")
        // A phase not started: no document yet, its exercises counted from lab.yml.
        #expect(second["done"] as? Int == 0 && second["total"] as? Int == 0 && second["exercises"] as? Int == 8)
    }
}
