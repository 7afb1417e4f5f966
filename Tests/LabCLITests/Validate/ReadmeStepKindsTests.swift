import Foundation
import Testing

/// The step kinds the README shows are steps `lab` accepts, and its quiz example's hashes are the
/// answers it says they are: the README documents what is true.
@Suite struct ReadmeStepKindsTests {
    /// The `yaml` block of "### Step kinds" that starts with `verify:`.
    static func example() throws -> String {
        let readme = try String(contentsOf: Repository.root.appending(path: "README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Step kinds"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\nverify:\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        return "verify:\n" + rest[open.upperBound..<close.lowerBound]
    }

    @Test func theExampleStepsValidate() throws {
        let steps = try Self.example()
        #expect(steps.contains("- quiz:") && steps.contains("- note:"), "\(steps)")
        let indented = steps.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n")
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Readme\nphases:\n  - id: 1\n    title: One\n    exercises:\n      - id: readme\n        title: Readme\n\(indented)\n",
        ])
        let result = try lab.lab("validate")
        #expect(result.status == 0, "\(result)")
    }

    @Test func theQuizExampleAcceptsItsAnswers() throws {
        let steps = try Self.example()
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: Readme
            phases:
              - id: 1
                title: One
                status: in-progress
                exercises:
                  - id: readme
                    title: Readme
                    verify:
            \(steps.split(separator: "\n").drop { !$0.contains("- quiz:") }.map { "        " + $0 }.joined(separator: "\n"))

            """,
        ])
        let quiz = try lab.lab(arguments: ["quiz", "readme"], input: "137\nb\n")
        #expect(quiz.status == 0 && !quiz.stdout.contains("not quite"), "\(quiz)")
    }
}
