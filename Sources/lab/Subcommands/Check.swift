import ArgumentParser
import Dispatch
import Foundation
import LabKit
import LabSpec

extension LabCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here: deriving the name from the type costs a slow reflection at start-up.
            commandName: "check",
            abstract: "Run exercise checks, tick the items of those that pass.",
            discussion: """
                Targets are exercise ids and phase numbers. Without targets, lab checks every \
                exercise of the phases in progress; --all adds the finished ones. Exercises run in \
                parallel (-j), each step in its own process group with a timeout that kills the \
                whole group. An exercise with `sources` that passed and whose sources have not \
                changed is "up to date" and not rerun (--force reruns it).

                Exit status: 0 when nothing failed, 1 when a check failed or timed out, 2 when \
                lab.yml is invalid, 130 when interrupted.

                Examples:
                  lab check                         the phases in progress
                  lab check dns-basics tls-basics   two exercises
                  lab check 2 -j 4                  phase 2, four at a time
                  lab check --all --format junit --output report.xml
                  lab check --watch                 rerun what changes
                """
        )

        @OptionGroup var global: GlobalOptions
        @ParentCommand var parent: LabCommand

        @Argument(help: "Exercise ids or phase numbers (default: the phases in progress).")
        var targets: [String] = []

        @Flag(help: "Check every phase in progress or done.")
        var all = false

        @Option(name: [.customShort("j", allowingJoined: true), .customLong("jobs")], help: "How many exercises run at once (default: the number of cores).")
        var jobs: Int?

        @Flag(help: "Rerun exercises that are up to date.")
        var force = false

        @Flag(name: .customLong("no-mark"), help: "Do not tick the items of passed exercises.")
        var noMark = false

        @Flag(name: .customLong("fail-fast"), help: "Stop at the first failure, killing what runs.")
        var failFast = false

        @Flag(name: .customLong("dry-run"), help: "Print what would run, run nothing.")
        var dryRun = false

        @Option(help: "The report on stdout: text, json, junit or tap.")
        var format: ReportFormat?

        @Option(help: ArgumentHelp("Write the report (json, junit or tap) to FILE; the terminal keeps the text view.", valueName: "FILE"), completion: .file())
        var output: String?

        @Flag(help: "After the run, rerun the exercises whose sources change, until Ctrl-C.")
        var watch = false

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, junit, tap
        }

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("-j needs at least 1.") }
            if output != nil, reportFormat == nil {
                throw ValidationError("--output needs --format json, junit or tap (or a FILE ending in .json, .xml or .tap).")
            }
            if watch && (dryRun || format == .json || format == .junit || format == .tap) && output == nil {
                throw ValidationError("--watch shows the text view; use --output FILE for a report.")
            }
        }

        /// The machine-readable format of the report, from --format or the --output extension.
        var reportFormat: ReportFormat? {
            if let format, format != .text { return format }
            guard let output else { return nil }
            if output.hasSuffix(".json") { return .json }
            if output.hasSuffix(".xml") { return .junit }
            if output.hasSuffix(".tap") { return .tap }
            return nil
        }

        func run() async throws {
            let context = CommandContext(global, parent.global)
            try await context.run {
                let (project, lab) = try context.openLab()
                let session = CheckSession(project: project, lab: lab)
                let prepared = try session.prepare(targets: targets, all: all, force: force)
                if dryRun {
                    printDryRun(prepared.plan, lab: lab, terminal: context.terminal)
                    return
                }
                let outcome = await runOnce(session: session, prepared: prepared, context: context)
                if watch && !outcome.interrupted {
                    try await watchLoop(session: session, exercises: prepared.plan.items.map(\.exercise), context: context, project: project)
                    return
                }
                if outcome.interrupted { throw ExitCode(130) }
                if outcome.failed { throw ExitCode(1) }
            }
        }

        struct RunOutcome {
            var failed: Bool
            var interrupted: Bool
        }

        func runOnce(session: CheckSession, prepared: CheckSession.Prepared, context: CommandContext) async -> RunOutcome {
            let terminal = context.terminal
            let textOnStdout = reportFormat == nil || output != nil
            for warning in prepared.warnings { terminal.warning(warning) }
            let printer = CheckPrinter(terminal: terminal, plan: prepared.plan, enabled: textOnStdout)
            let runner = CheckRunner(
                root: session.project.root, lab: session.lab,
                options: CheckRunner.Options(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, failFast: failFast))
            let started = Date()
            let clock = ContinuousClock.now
            let interruption = Interruption()
            let task = Task { await runner.run(prepared.plan) { printer.handle($0) } }
            interruption.onSignal { task.cancel() }
            let results = await task.value
            let interrupted = interruption.finish()
            printer.clearProgress()
            let duration = (ContinuousClock.now - clock).seconds
            var (report, errors) = session.record(
                results, prepared: prepared, started: started, duration: duration, mark: !noMark, interrupted: interrupted)
            report.warnings = Array(report.warnings.drop { prepared.warnings.contains($0) })
            if textOnStdout {
                printTail(report, terminal: terminal)
            } else {
                for warning in report.warnings { terminal.warning(warning) }
            }
            if let reportFormat {
                let text = render(report, format: reportFormat, lab: session.lab)
                if let output {
                    let url = output.hasPrefix("/") ? URL(fileURLWithPath: output) : context.workingDirectory.appending(path: output)
                    do {
                        try AtomicFile.write(Array(text.utf8), to: url.path, displayPath: output)
                    } catch {
                        errors.append(error.description)
                    }
                } else {
                    terminal.outRaw(text)
                }
            }
            for error in errors { terminal.error(error) }
            return RunOutcome(failed: report.hasFailures || !errors.isEmpty, interrupted: interrupted)
        }

        func render(_ report: CheckReport, format: ReportFormat, lab: Lab) -> String {
            switch format {
            case .json, .text: return JSONReport.render(report)
            case .junit: return JUnitReport.render(report, phaseTitles: Dictionary(lab.phases.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }))
            case .tap: return TAPReport.render(report)
            }
        }

        func printTail(_ report: CheckReport, terminal: Terminal) {
            for warning in report.warnings { terminal.warning(warning) }
            for result in report.results where result.regression {
                terminal.out(terminal.style("regression:", .red, .bold) + " \(result.id) is ticked but its check now fails (left ticked)")
            }
            if !terminal.quiet {
                for (result, place) in zip(report.results.filter(\.ticked), report.ticked) {
                    terminal.out(terminal.style("ticked", .green) + " \(result.id) (\(place))")
                }
            }
            let line = report.summaryLine
            terminal.out(report.hasFailures ? terminal.style(line, .bold) : terminal.style(line, .bold, .green))
        }

        func printDryRun(_ plan: CheckPlan, lab: Lab, terminal: Terminal) {
            for item in plan.items {
                let exercise = item.exercise
                switch item.decision {
                case .manual: terminal.out("manual      \(exercise.id)  (not run; tick it with 'lab mark \(exercise.id)')")
                case .skip(let reason): terminal.out("skip        \(exercise.id)  \(reason)")
                case .upToDate: terminal.out("up to date  \(exercise.id)")
                case .run:
                    terminal.out("run         \(exercise.id)")
                    for (index, step) in exercise.verify.enumerated() {
                        let timeout = step.timeout ?? exercise.timeout ?? lab.defaults.timeout
                        switch step.action {
                        case .run(let command):
                            terminal.out("    \(index + 1). \(lab.defaults.shell) -c \(command.split(separator: "\n").joined(separator: "\n          "))  (timeout \(DurationText.format(timeout)))")
                        case .file:
                            terminal.out("    \(index + 1). \(step.summary)")
                        }
                    }
                }
            }
            terminal.out("\(plan.items.count) exercises; nothing was run (--dry-run)")
        }

        func watchLoop(session: CheckSession, exercises: [Exercise], context: CommandContext, project: LabProject) async throws {
            var session = session
            var exercises = exercises
            let terminal = context.terminal
            let watcher = SourceWatcher(root: project.root, labFile: project.labFile)
            var snapshot = watcher.snapshot(exercises)
            while true {
                terminal.out(terminal.style("watching \(snapshot.count) files; Ctrl-C to stop", .dim))
                let interruption = Interruption()
                interruption.onSignal {}
                let changed = await watcher.waitForChange(from: snapshot, exercises: exercises, interruption: interruption)
                if interruption.finish() { throw ExitCode(130) }
                guard let changed else { throw ExitCode(130) }
                var rerun: [Exercise]
                if changed.labFileChanged {
                    let reopened = try context.openProject()
                    guard let lab = reopened.lab else {
                        context.printDiagnostics(reopened.diagnostics.filter { $0.severity == .error }, of: reopened)
                        snapshot = watcher.snapshot(exercises)
                        continue
                    }
                    session = CheckSession(project: reopened, lab: lab)
                    let ids = Set(exercises.map(\.id))
                    exercises = lab.exercises.filter { ids.contains($0.id) }
                    if exercises.isEmpty { exercises = (try? CheckSelection.select(targets: targets, all: all, lab: lab)) ?? [] }
                    rerun = exercises
                } else {
                    rerun = exercises.filter { exercise in changed.paths.contains { path in watcher.matches(path, exercise) } }
                }
                snapshot = watcher.snapshot(exercises)
                if rerun.isEmpty { continue }
                terminal.out("")
                terminal.out(terminal.style("changed: " + changed.paths.prefix(3).joined(separator: ", ") + (changed.paths.count > 3 ? " …" : ""), .dim))
                let prepared = session.prepare(exercises: rerun, force: false)
                let outcome = await runOnce(session: session, prepared: prepared, context: context)
                if outcome.interrupted { throw ExitCode(130) }
                snapshot = watcher.snapshot(exercises)
            }
        }
    }
}

/// SIGINT and SIGTERM while checks run: the first cancels the run (every process group is
/// killed and the results so far are kept); a second one exits at once.
///
/// The signal handling itself is installed once per process (`SignalMonitor`): libdispatch sets
/// up its handler with the first signal source, and resetting the disposition later would leave
/// the signal ignored for good.
final class Interruption: InterruptionSignal, @unchecked Sendable {
    private let lock = NSLock()
    private var received = false
    private var token: Int?

    func onSignal(_ action: @escaping @Sendable () -> Void) {
        token = SignalMonitor.shared.push { [self] in
            lock.lock()
            let again = received
            received = true
            lock.unlock()
            if again {
                ProcessRunner.killAllRunningGroups(signal: SIGKILL)
                exit(130)
            }
            action()
        }
    }

    /// Stops listening; true when a signal arrived.
    func finish() -> Bool {
        if let token { SignalMonitor.shared.remove(token) }
        token = nil
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    var wasReceived: Bool {
        lock.lock()
        defer { lock.unlock() }
        return received
    }
}

/// Receives SIGINT and SIGTERM for the whole process and hands them to the innermost listener;
/// with none listening, it kills what runs and exits 130, as the default action would.
final class SignalMonitor: @unchecked Sendable {
    static let shared = SignalMonitor()

    private let lock = NSLock()
    private var listeners: [(token: Int, action: @Sendable () -> Void)] = []
    private var nextToken = 0
    private var sources: [DispatchSourceSignal] = []

    private init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let action = listeners.last?.action
                lock.unlock()
                if let action {
                    action()
                } else {
                    ProcessRunner.killAllRunningGroups(signal: SIGKILL)
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func push(_ action: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        listeners.append((nextToken, action))
        return nextToken
    }

    func remove(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        listeners.removeAll { $0.token == token }
    }
}
