import Foundation
import Synchronization

/// Runs a blocking system call (`getaddrinfo`, `connect` with `poll`) on a thread of its own, so
/// that no cooperative thread waits on it. The caller gets nil when the time is up or its task is
/// cancelled first; the thread then finishes on its own and its result is dropped — `getaddrinfo`
/// cannot be interrupted, and a lookup outliving its step holds nothing of the step's.
public enum BlockingCall {
    public static func run<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () -> T) async -> T? {
        let slot = Slot<T>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
                guard slot.wait(continuation) else { return }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    slot.finish(nil)
                }
                slot.setTimer(timer)
                Thread.detachNewThread { slot.finish(work()) }
            }
        } onCancel: {
            slot.finish(nil)
        }
    }

    /// The first of the work, the timer and a cancellation to finish resumes the caller.
    private final class Slot<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T?, Never>?
            var finished = false
            var timer: Task<Void, Never>?
        }

        private let state = Mutex(State())

        /// Registers the caller; false (and the caller resumed) when it was cancelled already.
        func wait(_ continuation: CheckedContinuation<T?, Never>) -> Bool {
            let cancelled = state.withLock { state -> Bool in
                if state.finished { return true }
                state.continuation = continuation
                return false
            }
            if cancelled { continuation.resume(returning: nil) }
            return !cancelled
        }

        func setTimer(_ timer: Task<Void, Never>) {
            let finished = state.withLock { state -> Bool in
                if state.finished { return true }
                state.timer = timer
                return false
            }
            if finished { timer.cancel() }
        }

        func finish(_ value: T?) {
            let (continuation, timer) = state.withLock { state -> (CheckedContinuation<T?, Never>?, Task<Void, Never>?) in
                guard !state.finished else { return (nil, nil) }
                state.finished = true
                defer { state.continuation = nil; state.timer = nil }
                return (state.continuation, state.timer)
            }
            timer?.cancel()
            continuation?.resume(returning: value)
        }
    }
}
