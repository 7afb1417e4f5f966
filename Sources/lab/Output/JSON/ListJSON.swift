import Foundation
import LabKit

/// One entry of `lab list --json` (an array of them).
struct ListEntryJSON: Encodable {
    struct Last: Encodable {
        var result: String
        var at: String
    }

    var id: String
    var phase: Int
    var title: String
    var ticked: Bool
    /// Whether the phase document has an item for the exercise.
    var hasItem: Bool
    /// `checked` or `manual`.
    var kind: String
    /// null when never run.
    var last: Last?

    init(_ entry: ExerciseListing.Entry) {
        id = entry.exercise.id
        phase = entry.exercise.phase
        title = entry.exercise.title
        ticked = entry.ticked ?? false
        hasItem = entry.ticked != nil
        kind = entry.exercise.isManual ? "manual" : "checked"
        last = entry.last.map { Last(result: $0.result.rawValue, at: $0.at.formatted(.iso8601)) }
    }

    enum CodingKeys: String, CodingKey {
        case id, phase, title, ticked, kind, last
        case hasItem = "has_item"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(phase, forKey: .phase)
        try container.encode(title, forKey: .title)
        try container.encode(ticked, forKey: .ticked)
        try container.encode(hasItem, forKey: .hasItem)
        try container.encode(kind, forKey: .kind)
        try container.encode(last, forKey: .last)
    }
}
