import LabRuntime
import Foundation
import LabSpec

/// Runs the steps of one exercise in order, with retries, stopping at the first failure.
struct ExerciseRunner: Sendable {
    let root: String
    let defaults: Lab.Defaults
    let processRunner: ProcessRunner
    let tailLimit: Int
    /// Whether a command that is a plain word list may skip the shell (see `DirectCommand`).
    var directExecution = false
    /// The quizzes answered so far, by exercise, for its `quiz` steps.
    var quizzes: [String: [QuizRecord]] = [:]
    /// The lines of the note template that a `note` step with `no_placeholders` refuses.
    var noteTemplateLines: Set<String> = []

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
            let timeout = step.timeout ?? exercise.timeout ?? defaults.timeout
            let started = ContinuousClock.now
            var report: StepResult?
            for attempt in 1...attempts {
                if attempt > 1, let delay = step.retry?.delay, delay > .zero {
                    do { try await Task.sleep(for: delay) } catch {
                        return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true)
                    }
                }
                if Task.isCancelled { return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true) }
                let attemptStarted = ContinuousClock.now
                var current: StepResult
                switch step.action {
                case .run(let command):
                    let outcome: ProcessOutcome
                    do {
                        outcome = try await launch(command, environment: environment, timeout: timeout)
                    } catch {
                        reports.append(StepResult(
                            kind: .run, command: command, expectation: StepWording.expectation(step), passed: false,
                            message: error.description, attempts: attempt))
                        return Outcome(status: .error, steps: reports, reason: error.description, cancelled: false)
                    }
                    if outcome.cancelled {
                        return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true)
                    }
                    current = StepEvaluator.evaluateRun(outcome, step: step, command: command, expect: step.expect, timeout: timeout)
                case .file(let check):
                    current = FileStep.evaluate(check, step: step, root: root)
                case .document(let check):
                    current = DocumentStep.evaluate(check, step: step, root: root)
                case .http(let check):
                    current = await HTTPStep.evaluate(check, step: step, root: root, timeout: timeout)
                case .tcp(let check):
                    current = await TCPStep.evaluate(check, step: step, timeout: timeout)
                case .dns(let check):
                    current = await DNSStep.evaluate(check, step: step, timeout: timeout)
                case .quiz(let check):
                    current = QuizStep.evaluate(check, step: step, exercise: exercise.id, records: quizzes[exercise.id] ?? [])
                case .note(let check):
                    current = NoteStep.evaluate(check, step: step, root: root, templateLines: noteTemplateLines)
                }
                if step.kind != .run {
                    if Task.isCancelled { return Outcome(status: .skipped, steps: reports, reason: nil, cancelled: true) }
                    current.duration = (ContinuousClock.now - attemptStarted).seconds
                }
                current.attempts = attempt
                report = current
                if current.passed { break }
            }
            guard var report else { break }
            // A declarative step's message says how long it was tried: "connection refused on
            // 127.0.0.1:18701 after 5 attempts over 4.0s".
            if !report.passed, report.attempts > 1, step.kind != .run, let message = report.message {
                let elapsed = (ContinuousClock.now - started).seconds
                report.message = message + " after \(report.attempts) attempts over \((elapsed * 10).rounded() / 10)s"
            }
            reports.append(report)
            if !report.passed {
                return Outcome(status: report.timedOut ? .timedOut : .failed, steps: reports, reason: nil, cancelled: false)
            }
        }
        return Outcome(status: .passed, steps: reports, reason: nil, cancelled: false)
    }

    /// Runs a `run` step's command: executed directly when the shell would only split it into words
    /// and run it, with what the shell adds (`PWD`, an exit status of 128 + N for a program killed
    /// by signal N) reproduced; through `shell -c` otherwise, or when the direct start fails.
    func launch(_ command: String, environment: [String: String], timeout: Duration) async throws(LaunchError) -> ProcessOutcome {
        if directExecution,
            let direct = DirectCommand.resolve(
                command, path: environment["PATH"] ?? EnvironmentVariable.value("PATH"), from: root)
        {
            var variables = environment
            // Found at each step, as dash finds it when it starts: a link on the way may change.
            variables["PWD"] = DirectCommand.workingDirectoryVariable(
                for: root, inherited: environment["PWD"] ?? EnvironmentVariable.value("PWD"))
            var request = ProcessCommand(
                executable: direct.executable, arguments: Array(direct.words.dropFirst()), workingDirectory: root,
                environment: variables, timeout: timeout, tailLimit: tailLimit)
            request.name = direct.words[0]
            // What dash would execve: a bare name (from an empty PATH entry) is a file of the
            // step's folder, not a name to look up.
            request.searchesPath = false
            if var outcome = try? await processRunner.run(request) {
                if !outcome.timedOut, !outcome.cancelled, case .signaled(let number) = outcome.termination {
                    // What dash does when its command dies of a signal: says which (but for an
                    // interrupt or a broken pipe) and exits 128 + N.
                    outcome.termination = .exited(128 + number)
                    if number != SIGINT, number != SIGPIPE, let text = strsignal(number) {
                        let line = String(cString: text) + (outcome.coreDumped ? " (core dumped)" : "") + "\n"
                        outcome.stderr = outcome.stderr.appending(Array(line.utf8), limit: tailLimit)
                    }
                }
                return outcome
            }
        }
        return try await processRunner.run(ProcessCommand.shell(
            command, shell: defaults.shell, workingDirectory: root, environment: environment, timeout: timeout, tailLimit: tailLimit))
    }
}
