import CLabSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs programs to their end, each in its own session, and reports how they ended.
///
/// Every process gets its own process group (setsid), stdin on /dev/null and bounded output
/// tails. When it exits, times out, or its task is cancelled, the whole group is signalled so that
/// no process it started outlives it: SIGTERM then SIGKILL after `killGrace` when stopping it, and
/// SIGKILL at once for whatever it left behind after exiting on its own.
///
/// Processes are started with `lab_spawn` (clone with CLONE_VFORK; `posix_spawn` where there is
/// none) and watched with `poll` on a pidfd and the output pipes. Most commands (`grep`,
/// `test -f`) end within a few milliseconds, so the calling thread watches each for a moment
/// itself and hands it to a thread of its own only when it runs longer; that keeps the cost of a
/// short command close to a bare fork and exec while a long one never holds a thread of Swift's
/// cooperative pool.
public struct ProcessRunner: Sendable {
    /// How long the calling thread watches a process before handing it to a supervising thread.
    public var inlineWatch: Duration
    /// How processes are started: the tests run the same steps both ways.
    var spawner = Spawner.automatic

    public init(inlineWatch: Duration = .milliseconds(5)) {
        self.inlineWatch = inlineWatch
    }

    /// Runs one command to its end; throws only when it cannot be started at all.
    public func run(_ command: ProcessCommand) async throws(LaunchError) -> ProcessOutcome {
        let supervisor = try ProcessSupervisor(command, spawner: spawner)
        if Task.isCancelled {
            supervisor.cancel()
        }
        if let outcome = supervisor.supervise(until: .now + inlineWatch) {
            return outcome
        }
        let cancellation = CancellationPipe()
        supervisor.watchCancellation(cancellation)
        defer { cancellation.dispose() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ProcessOutcome, Never>) in
                let finish: @Sendable () -> Void = {
                    continuation.resume(returning: supervisor.superviseToEnd())
                }
                if !SupervisorThread.start(finish) {
                    // No thread to be had: watch it from here, as correct if less polite.
                    finish()
                }
            }
        } onCancel: {
            cancellation.fire()
        }
    }

    /// Sends `signal` to the process group of every command running in this process.
    ///
    /// Takes no lock and allocates nothing, so it may be called from a signal handler as well as
    /// from a signal watcher. The commands then end as killed by that signal.
    public static func killAllRunningGroups(signal: Int32 = SIGKILL) {
        ProcessGroupRegistry.killAll(signal: signal)
    }

    /// Kills every orphan reparented to this process (see `Orphans`): for the end of a run.
    public static func killOrphans() {
        Orphans.kill(token: nil, until: .now + .seconds(2))
    }

    /// Kills every process still running that a command of this process started: the groups of
    /// the commands running, then every orphan reparented here. For the end of a run and for exits.
    public static func killEverything() {
        ProcessGroupRegistry.killAll(signal: SIGKILL)
        Orphans.kill(token: nil, until: .now + .seconds(2))
    }
}
