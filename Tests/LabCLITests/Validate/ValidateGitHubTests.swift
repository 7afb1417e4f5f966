import Foundation
import Testing

/// `lab validate --format github`: each diagnostic an annotation at its file, line and column, so
/// that GitHub shows it on the line to fix; the default on GitHub Actions.
@Suite struct ValidateGitHubTests {
    /// Each invalid fixture's first diagnostic, as `InvalidLabTests` expects it in the text view,
    /// is the first annotation, at the same place.
    @Test(arguments: InvalidLabTests.fixtures)
    func theFirstDiagnosticIsAnAnnotationAtItsPlace(_ name: String) throws {
        let fixture = InvalidLabTests.folder.appending(path: name)
        let expectation = try String(contentsOf: fixture.deletingPathExtension().appendingPathExtension("expect"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let (position, fragment) = InvalidLabTests.split(expectation)
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: fixture)))
        let result = try lab.lab("validate", "--format", "github")
        #expect(result.status == 2, "\(name): \(result)")
        let commands = ActionsRunner.commands(in: result.stdout)
        let first = try #require(commands.first, "\(name): \(result)")
        #expect(first.name == "error" && first.properties["file"] == "lab.yml" && first.properties["title"] == "lab validate", "\(name): \(first)")
        if position == "-" {
            #expect(first.properties["line"] == nil, "\(name): \(first)")
        } else {
            let place = position.split(separator: ":").map(String.init)
            #expect([first.properties["line"], first.properties["col"]] == [place.first, place.last], "\(name): \(first)")
        }
        #expect(first.data.contains(fragment), "\(name): expected '\(fragment)' in \(first.data)")
        // Every line of stdout is an annotation; the summary is on stderr.
        #expect(ActionsRunner.lines(result.stdout).count == commands.count)
        #expect(result.stderr.hasPrefix("lab.yml: "), "\(result)")
    }

    @Test func onGitHubActionsAnnotationsAreTheDefault() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: L\nphases:\n  - id: 1\n    title: One\n    verfy: []\n"])
        let onActions = try lab.lab("validate", environment: ["GITHUB_ACTIONS": "true"])
        #expect(onActions.status == 2)
        #expect(ActionsRunner.commands(in: onActions.stdout).first?.properties["line"] == "5", "\(onActions)")
        let text = try lab.lab("validate", "--format", "text", environment: ["GITHUB_ACTIONS": "true"])
        #expect(text.stdout.isEmpty && text.stderr.contains("lab.yml:5:5: error:"), "\(text)")
        let json = try lab.lab("validate", "--json", environment: ["GITHUB_ACTIONS": "true"])
        #expect(json.stdout.hasPrefix("{"))
        #expect(try lab.lab("validate", "--json", "--format", "github").status == 64)
    }

    @Test func aValidLabHasNoAnnotation() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: L\nphases:\n  - id: 1\n    title: One\n"])
        let result = try lab.lab("validate", "--format", "github")
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("lab.yml: valid"))
    }

    /// `lab check` on GitHub Actions with an invalid lab.yml annotates it too.
    @Test func checkAnnotatesAnInvalidLab() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: L\nphases:\n  - id: 1\n    title: One\n    verfy: []\n"])
        let result = try lab.lab("check", environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 2)
        #expect(ActionsRunner.commands(in: result.stdout).map(\.name) == ["error"], "\(result)")
        #expect(result.stderr.contains("lab.yml:5:5: error:"))
    }
}
