import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals that ask `lab` to stop — SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal closed),
/// SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM — turned into task cancellation.
///
/// Installed once per process: each signal is ignored at the C level and delivered through a
/// dispatch source (libdispatch sets up its handler with the first source, and resetting the
/// disposition later would leave the signal ignored for good). SIGPIPE is ignored, so that a
/// closed stdout is a write error the caller sees rather than a silent death.
///
/// While work runs under `cancellingOnSignal`, the first signal cancels it — every process group
/// it started is killed through its cancellation — and a second one kills every running group and
/// exits at once. Outside of it, a signal kills every running group and exits: `128 + N`, as
/// the signal's default action would report.
public enum TerminationSignals {
    public static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM]

    private struct Listener {
        var token: Int
        var received: Int32?
        /// Whether `cancelCurrentWork` stopped it.
        var stopped = false
        var cancel: @Sendable () -> Void
    }

    private struct State {
        var listeners: [Listener] = []
        var nextToken = 0
        /// `cancelCurrentWork` came while nothing ran: the output is gone for good, and any work
        /// started later under `cancellingOnSignal` is stopped as it starts.
        var stopRequested = false
    }

    private static let state = Mutex(State())
    // Written once, by the first `install()`, and kept for the life of the process; dispatch
    // sources are not Sendable, but nothing touches them after they are resumed.
    nonisolated(unsafe) private static let sources: [any DispatchSourceSignal] = {
        SignalDispositions.ignore(SIGPIPE)
        return caught.map { number in
            SignalDispositions.ignore(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received(number) }
            source.resume()
            return source
        }
    }()

    private static let exitHooks = Mutex<[@Sendable () -> Void]>([])

    /// Adds work to do before a signal ends the process at once (nobody listening, or a second
    /// signal): putting a terminal back as it was.
    public static func addExitHook(_ hook: @escaping @Sendable () -> Void) {
        exitHooks.withLock { $0.append(hook) }
    }

    /// Starts catching the signals; later calls do nothing.
    public static func install() {
        _ = sources
    }

    /// Runs `body`; the first terminating signal that arrives meanwhile cancels it. Returns the
    /// body's value and that signal's number (nil when none came).
    public static func cancellingOnSignal<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> (value: T, signal: Int32?) {
        let (value, signal, _) = await cancellingOnSignalOrStop(body)
        return (value, signal)
    }

    /// `cancellingOnSignal`, and whether the body was cancelled at all: by a signal, or stopped by
    /// `cancelCurrentWork` (its output went away) with no signal to name.
    public static func cancellingOnSignalOrStop<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> (value: T, signal: Int32?, stopped: Bool) {
        install()
        let task = Task { await body() }
        let cancel: @Sendable () -> Void = { task.cancel() }
        let (token, stopNow) = state.withLock { state -> (Int, Bool) in
            state.nextToken += 1
            state.listeners.append(Listener(token: state.nextToken, received: nil, stopped: state.stopRequested, cancel: cancel))
            return (state.nextToken, state.stopRequested)
        }
        if stopNow { cancel() }
        let value = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        let (signal, stopped) = state.withLock { state -> (Int32?, Bool) in
            guard let index = state.listeners.firstIndex(where: { $0.token == token }) else { return (nil, false) }
            let listener = state.listeners.remove(at: index)
            return (listener.received, listener.received != nil || listener.stopped)
        }
        return (value, signal, stopped)
    }

    /// Cancels the work running under `cancellingOnSignal` as a signal would, without one: for a
    /// run that can no longer report (its output went away). When none runs, the next is
    /// cancelled as it starts (a watch that printed its last line between two runs).
    public static func cancelCurrentWork() {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            guard let last = state.listeners.indices.last else {
                state.stopRequested = true
                return nil
            }
            state.listeners[last].stopped = true
            return state.listeners[last].cancel
        }
        cancel?()
    }

    private static func received(_ number: Int32) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            guard let last = state.listeners.indices.last, state.listeners[last].received == nil else { return nil }
            state.listeners[last].received = number
            return state.listeners[last].cancel
        }
        if let cancel {
            cancel()
        } else {
            // Nobody listening, or asked twice: stop now, leaving no process behind.
            ProcessRunner.killEverything()
            for hook in exitHooks.withLock({ $0 }) { hook() }
            exit(128 + number)
        }
    }
}
