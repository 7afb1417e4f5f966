import Foundation

/// This repository's folders, found from where this file sits (`Tests/LabCLITests/Support/`), so a
/// test file can move between folders without counting its own depth.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = root.appending(path: "Tests/Fixtures")
}
