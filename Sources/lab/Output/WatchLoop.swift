import Foundation
import LabKit
import LabRuntime

/// `lab watch` on a terminal: draws `WatchView`, reads keys, re-runs the focused exercise's check
/// when one of its sources changes, redraws on resize; returns the exit status.
struct WatchLoop {
    enum Input: Sendable {
        case keys([UInt8])
        case resized
        case changed([String])
        case checked(ExerciseResult?, interruption: Int32?, error: String?)
    }

    let location: LabLocation

    func run() async throws(LabError) -> Int32 {
        let snapshot = try WatchSession.open(location)
        guard FullScreen.enter() else { throw .message("lab watch needs a terminal (stdin is not one)") }
        defer { FullScreen.restore() }
        let (stream, continuation) = AsyncStream.makeStream(of: Input.self)
        let reader = KeyReader(continuation: continuation)
        reader.start()
        SignalDispositions.ignore(SIGWINCH)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        resize.setEventHandler { continuation.yield(.resized) }
        resize.resume()
        defer { resize.cancel() }

        let (status, signal) = await TerminationSignals.cancellingOnSignal { [location] in
            var state = WatchState(snapshot: snapshot, index: snapshot.nextIndex)
            var checks = Checks(location: location, continuation: continuation)
            var watcherTask = Self.watchSources(state.snapshot, continuation: continuation)
            defer { watcherTask.cancel() }
            Self.draw(state)
            var status = ExitStatus.interrupted(by: SIGINT)
            loop: for await input in stream {
                if Task.isCancelled { break }
                switch input {
                case .resized:
                    break
                case .changed(let paths):
                    watcherTask = Self.watchSources(state.snapshot, continuation: continuation)
                    let watcher = SourceWatcher(root: state.snapshot.root, labFile: state.snapshot.labFile)
                    if let focus = state.focus, !focus.isManual, paths.contains(where: { watcher.matches($0, focus) }) {
                        checks.start(focus.id, state: &state)
                    }
                case .checked(let result, let interruption, let error):
                    if let interruption {
                        status = ExitStatus.interrupted(by: interruption)
                        break loop
                    }
                    checks.finished(state: &state)
                    if let result { state.results[result.id] = result }
                    state.message = error
                    if let reopened = try? WatchSession.open(location) {
                        let focusID = state.focus?.id
                        state.snapshot = reopened
                        state.index = reopened.exercises.firstIndex { $0.id == focusID } ?? min(state.index, max(0, reopened.exercises.count - 1))
                    }
                case .keys(let bytes):
                    for key in WatchKey.decode(bytes) {
                        if let ending = Self.handle(key, state: &state, checks: &checks) {
                            status = ending
                            break loop
                        }
                    }
                }
                Self.draw(state)
            }
            // A check still running ends with the watch: its processes are killed, not left behind.
            await checks.stop()
            return status
        }
        if let signal { return ExitStatus.interrupted(by: signal) }
        return status
    }

    /// The one check that runs at a time, and the one asked for while it ran.
    struct Checks {
        let location: LabLocation
        let continuation: AsyncStream<Input>.Continuation
        var task: Task<Void, Never>?

        /// Starts the check of `id`, or queues it when another one is running.
        mutating func start(_ id: String, state: inout WatchState) {
            if let running = state.running {
                if running != id { state.queued = id }
                return
            }
            state.running = id
            let (location, continuation) = (location, continuation)
            task = Task {
                do {
                    let (result, interruption) = try await WatchSession.check(location, exercise: id)
                    continuation.yield(.checked(result, interruption: interruption, error: nil))
                } catch {
                    continuation.yield(.checked(nil, interruption: nil, error: LabError(error).description))
                }
            }
        }

        /// The running check ended: the queued one, if any, starts.
        mutating func finished(state: inout WatchState) {
            state.running = nil
            task = nil
            if let next = state.queued {
                state.queued = nil
                start(next, state: &state)
            }
        }

        /// Cancels the running check and waits until its processes are gone.
        func stop() async {
            guard let task else { return }
            task.cancel()
            await task.value
        }
    }

    /// What a key does; an exit status when it ends the watch.
    private static func handle(_ key: WatchKey, state: inout WatchState, checks: inout Checks) -> Int32? {
        let count = state.snapshot.exercises.count
        state.message = nil
        if let selection = state.listSelection {
            switch key {
            case .up, .previous: state.listSelection = max(0, selection - 1)
            case .down, .next: state.listSelection = min(count - 1, selection + 1)
            case .enter:
                state.index = selection
                state.listSelection = nil
            case .escape, .list: state.listSelection = nil
            case .quit: return ExitStatus.success
            case .interrupt: return ExitStatus.interrupted(by: SIGINT)
            default: break
            }
            return nil
        }
        switch key {
        case .hint: state.showHint.toggle()
        case .next, .down: if count > 0 { state.index = (state.index + 1) % count }
        case .previous, .up: if count > 0 { state.index = (state.index + count - 1) % count }
        case .rerun:
            if let focus = state.focus, focus.isManual {
                state.message = "\(focus.id) is manual: tick it with lab mark \(focus.id)"
            } else if let focus = state.focus {
                checks.start(focus.id, state: &state)
            }
        case .list: state.listSelection = state.index
        case .quit: return ExitStatus.success
        case .interrupt: return ExitStatus.interrupted(by: SIGINT)
        case .enter, .escape: break
        }
        return nil
    }

    private static func watchSources(_ snapshot: WatchSession.Snapshot, continuation: AsyncStream<Input>.Continuation) -> Task<Void, Never> {
        let exercises = snapshot.exercises
        let watcher = SourceWatcher(root: snapshot.root, labFile: snapshot.labFile)
        return Task {
            let before = watcher.snapshot(exercises)
            guard let change = await watcher.waitForChange(from: before, exercises: exercises), !Task.isCancelled else { return }
            continuation.yield(.changed(change.paths))
        }
    }

    private static func draw(_ state: WatchState) {
        let size = FullScreen.size()
        FullScreen.draw(WatchView.render(state, rows: size.rows, columns: size.columns))
    }
}

/// Reads the terminal's bytes on a thread of its own (a blocking read is the point) and hands
/// them to the watch loop.
final class KeyReader: Sendable {
    let continuation: AsyncStream<WatchLoop.Input>.Continuation

    init(continuation: AsyncStream<WatchLoop.Input>.Continuation) {
        self.continuation = continuation
    }

    func start() {
        let continuation = continuation
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    // The terminal went away: as if q was pressed.
                    continuation.yield(.keys([UInt8(ascii: "q")]))
                    return
                }
                continuation.yield(.keys(Array(buffer[..<count])))
            }
        }
        thread.start()
    }
}
