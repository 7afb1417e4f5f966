import Foundation
import LabRuntime
import LabSpec

/// `lab check`: selects and plans the exercises, runs them, records ticks, regressions and state
/// under the lab lock, writes the report file, and — with `watch` — reruns what changes until
/// interrupted. A terminating signal cancels the run (every process group it started is killed)
/// and the results so far are still recorded.
public enum CheckWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        /// Exercise ids and phase numbers; none: the phases in progress.
        public var targets: [String]
        /// With no targets: the phases done too.
        public var all: Bool
        /// How many exercises run at once; nil: one per core.
        public var jobs: Int?
        public var force: Bool
        /// Tick the items of passed exercises.
        public var mark: Bool
        public var failFast: Bool
        public var dryRun: Bool
        public var watch: Bool
        /// A skipped exercise (a program it requires is missing) fails the run.
        public var strict: Bool
        /// Only this shard of the selected exercises (`--shard I/N`).
        public var shard: CheckShard?
        /// A JSON report of `lab check` whose durations balance the shards (`--durations FILE`,
        /// relative to the working folder); nil: the durations in `.lab/state.json`.
        public var durationsFile: String?
        /// Where the run's report goes as a file, and how it is rendered.
        public var reportFile: ReportFile?
        /// When the command started: a run's duration counts from there, start-up, loading and
        /// fingerprinting included (nil: from the start of the run).
        public var launched: ContinuousClock.Instant?
        /// The time the journal's events carry, when it is not the clock's (`lab review` under
        /// `LAB_NOW`); nil: the time each event happens.
        public var recordedAt: Date?

        public init(
            location: LabLocation, targets: [String] = [], all: Bool = false, jobs: Int? = nil, force: Bool = false,
            mark: Bool = true, failFast: Bool = false, dryRun: Bool = false, watch: Bool = false, strict: Bool = false,
            shard: CheckShard? = nil, durationsFile: String? = nil, reportFile: ReportFile? = nil,
            launched: ContinuousClock.Instant? = nil
        ) {
            self.launched = launched
            self.location = location
            self.targets = targets
            self.all = all
            self.jobs = jobs
            self.force = force
            self.mark = mark
            self.failFast = failFast
            self.dryRun = dryRun
            self.watch = watch
            self.strict = strict
            self.shard = shard
            self.durationsFile = durationsFile
            self.reportFile = reportFile
        }
    }

    /// A report written to a file after each run (`--output FILE`).
    public struct ReportFile: Sendable {
        /// As the user gave it: relative to the working folder, or absolute.
        public var path: String
        public var render: @Sendable (CheckResult, Lab) -> String

        public init(path: String, render: @escaping @Sendable (CheckResult, Lab) -> String) {
            self.path = path
            self.render = render
        }
    }

    public enum Event: Sendable {
        case warning(String)
        /// A run begins (the first, and each rerun of a watch).
        case runStarted(CheckPlan)
        case exerciseStarted(index: Int, id: String)
        case exerciseFinished(index: Int, result: ExerciseResult)
        /// A run is over and recorded; `errors` are what could not be recorded or written.
        case runFinished(CheckResult, lab: Lab, errors: [String])
        /// Watching for changes of this many files.
        case watching(files: Int)
        case changed(paths: [String])
        /// `lab.yml` changed into something invalid while watching: the watch goes on.
        case labInvalid(diagnostics: [Diagnostic], sources: [SourceFile])
    }

    public enum Result: Sendable {
        /// `dryRun`: what would run, nothing run.
        case planned(CheckPlan, lab: Lab)
        /// The last run failed (a check, or recording its results); `interruption` is the signal
        /// that stopped the run or the watch, if one did.
        case finished(failed: Bool, interruption: Int32?)
    }

    /// A check planned, with exercises to run: what `run(_:events:)` goes on with.
    public struct Pending: Sendable {
        let request: Request
        let project: LabProject
        let lab: Lab
        let exercises: [Exercise]
        let prepared: CheckPreparation
    }

    /// How a check goes on once planned: it is over, or has exercises to run.
    public enum Start: Sendable {
        case finished(Result)
        case pending(Pending)
    }

    public static func run(_ request: Request, events: @escaping @Sendable (Event) -> Void) async throws(LabError) -> Result {
        switch try start(request, events: events) {
        case .finished(let result): return result
        case .pending(let pending): return try await run(pending, events: events)
        }
    }

    /// Selects and plans the exercises, on the calling thread: a dry run ends here, and so does a
    /// run that starts no process (every exercise up to date, skipped or manual, and no watch),
    /// recorded and reported as `run` would, with no task, no thread pool and no signal watcher.
    public static func start(_ request: Request, events: (Event) -> Void) throws(LabError) -> Start {
        if let file = request.reportFile, !request.dryRun { try checkReportFolder(file, request: request) }
        let (project, lab) = try request.location.openLab()
        let exercises = try select(request, project: project, lab: lab)
        if let shard = request.shard, exercises.isEmpty {
            events(.warning("shard \(shard) has no exercises: there are fewer to check than shards"))
        }
        if !request.dryRun { try checkPaths(of: exercises, project: project, lab: lab, mark: request.mark) }
        let prepared = CheckPreparation.prepare(exercises, project: project, lab: lab, force: request.force)
        if request.dryRun { return .finished(.planned(prepared.plan, lab: lab)) }
        if !request.watch && prepared.plan.runsNothing {
            let run = Run(prepared, project: project, lab: lab, request: request, since: request.launched, events: events)
            let results = run.runner.results(runningNothing: prepared.plan) { Run.forward($0, to: events) }
            let outcome = run.finish(results, signal: nil, stopped: false, events: events)
            return .finished(.finished(failed: outcome.failed, interruption: outcome.interruption))
        }
        return .pending(Pending(request: request, project: project, lab: lab, exercises: exercises, prepared: prepared))
    }

    /// Runs a planned check, and with `watch` reruns what changes (throwing when `lab.yml` can no
    /// longer be read meanwhile).
    public static func run(_ pending: Pending, events: @escaping @Sendable (Event) -> Void) async throws(LabError) -> Result {
        let request = pending.request
        var (project, lab, exercises, prepared) = (pending.project, pending.lab, pending.exercises, pending.prepared)
        var outcome = await runOnce(prepared, project: project, lab: lab, request: request, since: request.launched, events: events)
        // A run stopped because its output went away ends the watch too: nobody sees it.
        guard request.watch, outcome.interruption == nil, !outcome.stopped else {
            return .finished(failed: outcome.failed, interruption: outcome.interruption)
        }
        let watcher = SourceWatcher(root: project.root, labFile: project.labFile)
        var snapshot = watcher.snapshot(exercises)
        while true {
            events(.watching(files: snapshot.count))
            let (change, signal, stopped) = await TerminationSignals.cancellingOnSignalOrStop { [snapshot, exercises] in
                await watcher.waitForChange(from: snapshot, exercises: exercises)
            }
            guard let change, signal == nil, !stopped else {
                return .finished(failed: outcome.failed, interruption: signal ?? (stopped ? nil : SIGINT))
            }
            var rerun: [Exercise]
            if change.labFileChanged {
                let reopened = try request.location.openProject()
                guard let reloaded = reopened.lab else {
                    events(.labInvalid(
                        diagnostics: reopened.diagnostics.filter { $0.severity == .error }, sources: [reopened.loaded.source]))
                    snapshot = watcher.snapshot(exercises)
                    continue
                }
                (project, lab) = (reopened, reloaded)
                let ids = Set(exercises.map(\.id))
                exercises = lab.exercises.filter { ids.contains($0.id) }
                if exercises.isEmpty {
                    exercises = (try? select(request, project: project, lab: lab)) ?? []
                }
                rerun = exercises
            } else {
                rerun = exercises.filter { exercise in change.paths.contains { watcher.matches($0, exercise) } }
            }
            snapshot = watcher.snapshot(exercises)
            if rerun.isEmpty { continue }
            events(.changed(paths: change.paths))
            prepared = CheckPreparation.prepare(rerun, project: project, lab: lab, force: false)
            outcome = await runOnce(prepared, project: project, lab: lab, request: request, since: nil, events: events)
            if outcome.interruption != nil || outcome.stopped { return .finished(failed: outcome.failed, interruption: outcome.interruption) }
            // The snapshot is the one taken before the rerun: an edit made while it ran is seen
            // by the next wait, not lost.
        }
    }

    /// Where `--output` goes, as the run's end writes it.
    private static func reportURL(_ file: ReportFile, request: Request) -> URL {
        file.path.hasPrefix("/") ? URL(fileURLWithPath: file.path) : request.location.workingDirectory.appending(path: file.path)
    }

    /// A report file whose folder does not exist could only be found out after every check had
    /// run: said before anything runs.
    private static func checkReportFolder(_ file: ReportFile, request: Request) throws(LabError) {
        let folder = reportURL(file, request: request).deletingLastPathComponent().path
        switch FileSystem.resolvedKind(folder) {
        case .directory: return
        case .missing: throw .message("cannot write the report to '\(file.path)': there is no folder '\(folder)'")
        default: throw .message("cannot write the report to '\(file.path)': '\(folder)' is not a folder")
        }
    }

    /// The exercises the request selects, only those of its shard when it names one.
    private static func select(_ request: Request, project: LabProject, lab: Lab) throws(LabError) -> [Exercise] {
        let selected = try CheckSelection.select(targets: request.targets, all: request.all, lab: lab)
        guard let shard = request.shard else { return selected }
        return shard.select(selected, durations: try durations(request, project: project))
    }

    /// The last duration of each exercise that ran: from the report named by `--durations`, else
    /// from the state. Up-to-date, skipped and manual results took no time worth counting.
    private static func durations(_ request: Request, project: LabProject) throws(LabError) -> [String: Double] {
        guard let file = request.durationsFile else {
            return StateStore.load(files: project.files).state.exercises.mapValues(\.duration)
        }
        let report = try CheckReportFile.read(file, from: request.location.workingDirectory)
        var durations: [String: Double] = [:]
        for result in report.results {
            switch result.status {
            case .passed, .failed, .timedOut, .error: durations[result.id] = result.duration
            case .upToDate, .skipped, .manual, .notRun: continue
            }
        }
        return durations
    }

    /// Resolves every path a run writes before anything runs, so that one leading out of the lab
    /// stops the run with nothing written: `.lab/`, the lock, the state, the documents to tick, the
    /// journal, the README and the pictures.
    private static func checkPaths(of exercises: [Exercise], project: LabProject, lab: Lab, mark: Bool) throws(LabError) {
        var paths = [".lab/lock", StateStore.path]
        if mark {
            let phases = Set(exercises.map(\.phase))
            paths += lab.phases.filter { phases.contains($0.id) }.map(\.doc)
        }
        try ProgressRefresh.checkPaths(lab, project: project, more: paths)
    }

    private struct RunOutcome {
        var failed: Bool
        var interruption: Int32?
        /// Stopped without a signal: its output went away.
        var stopped = false
    }

    /// One run: the plan's exercises, then ticks, state and the report file. Its duration counts
    /// from `since` (the command's start), else from now.
    private static func runOnce(
        _ prepared: CheckPreparation, project: LabProject, lab: Lab, request: Request, since: ContinuousClock.Instant?,
        events: @escaping @Sendable (Event) -> Void
    ) async -> RunOutcome {
        let run = Run(prepared, project: project, lab: lab, request: request, since: since, events: events)
        let (runner, plan) = (run.runner, prepared.plan)
        // Stopped by a signal, or because its output went away (`lab check | head -1`) before
        // every exercise had finished: the report says the run was interrupted either way, as
        // its unfinished exercises do.
        let (results, signal, stopped) = await TerminationSignals.cancellingOnSignalOrStop {
            await runner.run(plan) { Run.forward($0, to: events) }
        }
        return run.finish(results, signal: signal, stopped: stopped, events: events)
    }

    /// A run under way: its runner, and when it started. Made before its exercises run; `finish`
    /// records what they gave.
    private struct Run {
        let prepared: CheckPreparation
        let project: LabProject
        let lab: Lab
        let request: Request
        let runner: CheckRunner
        let clock: ContinuousClock.Instant
        let started: Date

        /// Announces the run (`runStarted`, after the preparation's warnings) and sets its runner up.
        init(
            _ prepared: CheckPreparation, project: LabProject, lab: Lab, request: Request, since: ContinuousClock.Instant?,
            events: (Event) -> Void
        ) {
            (self.prepared, self.project, self.lab, self.request) = (prepared, project, lab, request)
            for warning in prepared.warnings { events(.warning(warning)) }
            events(.runStarted(prepared.plan))
            var options = CheckRunner.Options(jobs: request.jobs ?? ProcessInfo.processInfo.activeProcessorCount, failFast: request.failFast)
            let running = prepared.plan.items.filter { $0.decision == .run }.flatMap(\.exercise.verify)
            if running.contains(where: { $0.kind == .quiz }) {
                // The state first; the journal, which git carries, knows the quizzes of another clone.
                options.quizzes = prepared.state.quizzes
                for (id, records) in QuizWorkflow.records(in: JournalStore.load(files: project.files)) {
                    options.quizzes[id, default: []] += records
                }
            }
            if running.contains(where: { $0.kind == .note }) {
                options.noteTemplateLines = NoteTemplate.lines(lab: lab, files: project.files)
            }
            runner = CheckRunner(root: project.root, lab: lab, options: options)
            clock = since ?? ContinuousClock.now
            started = Date().addingTimeInterval(-(ContinuousClock.now - clock).seconds)
        }

        /// A runner's event as the workflow's.
        static func forward(_ event: CheckRunner.Event, to events: (Event) -> Void) {
            switch event {
            case .started(let index, let id): events(.exerciseStarted(index: index, id: id))
            case .finished(let index, let result): events(.exerciseFinished(index: index, result: result))
            }
        }

        /// Records `results` — ticks, state, journal, the README's table and pictures, under the
        /// lock — writes the report file, and says how the run ended.
        func finish(_ results: [ExerciseResult], signal: Int32?, stopped: Bool, events: (Event) -> Void) -> RunOutcome {
            let interrupted = signal != nil || (stopped && results.contains { $0.status == .notRun })
            let duration = (ContinuousClock.now - clock).seconds
            // Whatever a step orphaned and the step's own cleanup did not find goes now.
            ProcessRunner.killOrphans()

            var report: CheckResult
            var errors: [String] = []
            do throws(LabError) {
                let lock = try project.lock()
                (report, errors) = CheckRecorder.record(
                    results, prepared: prepared, project: project, lab: lab, started: started, duration: duration,
                    mark: request.mark, interrupted: interrupted, recordedAt: request.recordedAt, holding: lock)
                // After every run, not only one that ticked: a run killed between its ticks and this
                // redraw left the table and pictures behind, and the next run (all up to date, say)
                // puts them right. Only what changed is written.
                let (current, currentLab) = request.location.current(project, lab)
                report.warnings += ProgressRefresh.run(project: current, lab: currentLab, readme: true, holding: lock)
            } catch {
                report = CheckResult(lab: lab.name, started: started, duration: duration, results: results)
                report.interrupted = interrupted
                errors.append("cannot record the results: \(error)")
            }
            report.strict = request.strict
            if let file = request.reportFile {
                let url = CheckWorkflow.reportURL(file, request: request)
                do {
                    try AtomicFile.write(Array(file.render(report, lab).utf8), to: project.files.resolveChosen(url.path, display: file.path))
                } catch {
                    errors.append(error.description)
                }
            }
            events(.runFinished(report, lab: lab, errors: errors))
            return RunOutcome(failed: report.failsRun || !errors.isEmpty, interruption: signal, stopped: stopped && signal == nil)
        }
    }
}
