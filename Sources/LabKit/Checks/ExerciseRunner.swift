import LabRuntime
import Foundation
import LabSpec

/// Runs the steps of one exercise in order, with retries, stopping at the first failure.
struct ExerciseRunner: Sendable {
    let root: String
    let defaults: Lab.Defaults
    let processRunner: ProcessRunner
    let tailLimit: Int

    struct Outcome: Sendable {
        var status: CheckStatus
        var steps: [StepResult]
        var reason: String?
        var cancelled: Bool
    }

    func run(_ exercise: Exercise) async -> Outcome {
        var reports: [StepResult] = []
        var environment = [
            "LAB_ROOT": root,
            "LAB_PHASE": String(exercise.phase),
            "LAB_EXERCISE": exercise.id,
        ]
        for entry in exercise.env { environment[entry.name] = entry.value }
        for step in exercise.verify {
            let attempts = step.retry?.attempts ?? 1
            var report: StepResult?
            for attempt in 1...attempts {
                if attempt > 1, let delay = step.retry?.delay, delay > .zero {
                    do { try await Task.sleep(for: delay) } catch {
                        return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true)
                    }
                }
                if Task.isCancelled { return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true) }
                var current: StepResult
                switch step.action {
                case .file(let path, let contains):
                    current = StepEvaluator.evaluateFile(path: path, contains: contains, root: root)
                case .run(let command):
                    let timeout = step.timeout ?? exercise.timeout ?? defaults.timeout
                    let request = ProcessCommand.shell(
                        command, shell: defaults.shell, workingDirectory: root, environment: environment,
                        timeout: timeout, tailLimit: tailLimit)
                    let outcome: ProcessOutcome
                    do {
                        outcome = try await processRunner.run(request)
                    } catch {
                        reports.append(StepResult(kind: .run, command: command, passed: false, message: error.description, attempts: attempt))
                        return Outcome(status: .error, steps: reports, reason: error.description, cancelled: false)
                    }
                    if outcome.cancelled {
                        return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true)
                    }
                    current = StepEvaluator.evaluateRun(outcome, command: command, expect: step.expect, timeout: timeout)
                }
                current.attempts = attempt
                report = current
                if current.passed { break }
            }
            guard let report else { break }
            reports.append(report)
            if !report.passed {
                return Outcome(status: report.timedOut ? .timedOut : .failed, steps: reports, reason: nil, cancelled: false)
            }
        }
        return Outcome(status: .passed, steps: reports, reason: nil, cancelled: false)
    }
}
