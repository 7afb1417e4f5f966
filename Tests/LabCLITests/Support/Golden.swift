import Foundation
import Testing

/// Output compared byte for byte with a file under `Tests/Fixtures/golden/`. After a deliberate
/// change of a format, `LAB_UPDATE_GOLDEN=1 swift test --filter …` rewrites the files; review
/// their diff before committing it.
enum Golden {
    static let folder = Repository.fixtures.appending(path: "golden")

    static func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appending(path: name)
        if ProcessInfo.processInfo.environment["LAB_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try #require(
            try? Data(contentsOf: url), "no golden file \(name): run the test with LAB_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        let actual = Data(text.utf8)
        if actual != expected {
            let firstDifference = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
            Issue.record(
                "\(name) differs from its golden file at byte \(firstDifference):\n\(text)", sourceLocation: sourceLocation)
        }
    }
}
