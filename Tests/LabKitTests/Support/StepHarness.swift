import Foundation
import LabRuntime
import LabSpec
@testable import LabKit

/// Runs one step written as `lab.yml` writes it, in a scratch folder, as `lab check` would.
final class StepHarness {
    let root: URL
    /// The quizzes recorded, as the state would give them to `lab check`.
    var quizzes: [String: [QuizRecord]] = [:]
    /// The note template's lines that `no_placeholders` refuses.
    var noteTemplateLines: Set<String> = []

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "lab-steps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String, mode: Int = 0o644) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        chmod(url.path, mode_t(mode))
    }

    /// The step, decoded from YAML such as `"- http: http://127.0.0.1:8080/\n  expect: { status: 200 }"`.
    static func step(_ yaml: String) throws -> Step {
        let indented = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(separator: "\n")
        let text = "lab: t\nphases:\n  - id: 1\n    title: t\n    exercises:\n      - id: e\n        title: e\n        verify:\n\(indented)\n"
        let loaded = LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
        guard let step = loaded.lab?.phases[0].exercises[0].verify.first else {
            throw StepError(description: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return step
    }

    struct StepError: Error, CustomStringConvertible { var description: String }

    /// The step's result after its retries.
    func run(_ yaml: String, timeout: Duration = .seconds(10)) async throws -> StepResult {
        let step = try Self.step(yaml)
        var defaults = Lab.Defaults()
        defaults.timeout = timeout
        var runner = ExerciseRunner(root: root.path, defaults: defaults, processRunner: ProcessRunner(), tailLimit: 64 * 1024)
        runner.quizzes = quizzes
        runner.noteTemplateLines = noteTemplateLines
        let outcome = await runner.run(Exercise(id: "e", phase: 1, title: "e", verify: [step]))
        guard let result = outcome.steps.last else { throw StepError(description: "no step ran: \(outcome.status)") }
        return result
    }

    /// The failure message, or nil when the step passed.
    func message(_ yaml: String, timeout: Duration = .seconds(10)) async throws -> String? {
        let result = try await run(yaml, timeout: timeout)
        return result.passed ? nil : (result.message ?? "failed without a message")
    }
}
