import CLabSystem
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches one spawned process until it is reaped: reads both output pipes, enforces the timeout,
/// honours cancellation, and leaves no process of its group behind.
///
/// The leader is reaped only at the very end: until then it is at least a zombie, so its pid, which
/// is the group's id, cannot be recycled, and signalling the group can never hit a stranger.
///
/// A supervisor is used by one thread at a time: the caller's until it hands the supervisor to a
/// supervising thread, which then owns it alone; hence `@unchecked Sendable`.
final class ProcessSupervisor: @unchecked Sendable {
    /// How long to keep reading after the group was killed: a pipe still open by then is held by
    /// a process that left the group, and waiting for it would let it hang the process.
    static let escapedHolderWait: Duration = .milliseconds(250)
    /// How long to wait for killed leftovers to finish dying before giving up on them (a process
    /// stuck in an uninterruptible kernel call cannot die sooner).
    static let leftoverWait: Duration = .seconds(2)
    /// Without a pidfd, how often to look whether the leader has exited.
    static let exitPollInterval: Duration = .milliseconds(5)
    /// How often to look at the cancellation flag, for a cancellation whose wake-up did not come.
    static let cancellationLook: Duration = .milliseconds(250)
    private static let readChunk = 65536
    private static let stdoutIndex = 0, stderrIndex = 1, exitIndex = 2, cancellationIndex = 3

    private let command: ProcessCommand
    private let leader: SpawnedProcess
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant
    private let registrySlot: Int?

    private var outputs: [TailBuffer]
    /// stdout, stderr, the pidfd, the cancellation pipe; -1 where there is nothing (more) to poll.
    private var watched: [pollfd]
    private var openPipes = 2
    private var leaderExited = false
    private var killAt: ContinuousClock.Instant?
    private var groupKilledAt: ContinuousClock.Instant?
    private var timedOut = false
    private var cancelled = false
    private var cancellation: CancellationPipe?
    private let scratch: UnsafeMutableRawBufferPointer

    /// Starts the process; only a failed launch is an error.
    init(_ command: ProcessCommand, spawner: Spawner = .automatic) throws(LaunchError) {
        started = clock.now
        leader = try SpawnedProcess.launch(command, spawner: spawner)
        registrySlot = ProcessGroupRegistry.register(leader.pid)
        self.command = command
        // A century stands for "no limit" and keeps the instant arithmetic from overflowing.
        let century = Duration.seconds(100 * 365 * 86400)
        deadline = started + min(max(command.timeout, .zero), century)
        outputs = [TailBuffer(capacity: command.tailLimit), TailBuffer(capacity: command.tailLimit)]
        let readable = Int16(POLLIN)
        watched = [
            pollfd(fd: leader.stdoutRead.rawValue, events: readable, revents: 0),
            pollfd(fd: leader.stderrRead.rawValue, events: readable, revents: 0),
            pollfd(fd: leader.exitDescriptor?.rawValue ?? -1, events: readable, revents: 0),
            pollfd(fd: -1, events: readable, revents: 0),
        ]
        scratch = .allocate(byteCount: Self.readChunk, alignment: 16)
    }

    deinit {
        scratch.deallocate()
    }

    /// Wakes the supervisor as soon as `pipe` fires, to stop the process as cancelled.
    func watchCancellation(_ pipe: CancellationPipe) {
        cancellation = pipe
        watched[Self.cancellationIndex].fd = pipe.readEnd?.rawValue ?? -1
    }

    /// Stops the process because its task was cancelled: SIGTERM now, SIGKILL after the grace.
    func cancel() {
        guard killAt == nil, groupKilledAt == nil, !leaderExited else { return }
        cancelled = true
        terminateGroup(clock.now)
    }

    /// Supervises until the process is over and returns its outcome.
    func superviseToEnd() -> ProcessOutcome {
        while true {
            if let outcome = supervise(until: clock.now + .seconds(3600)) {
                return outcome
            }
        }
    }

    /// Supervises until the process is over and returns its outcome, or returns nil at `limit`
    /// with the process still running.
    func supervise(until limit: ContinuousClock.Instant) -> ProcessOutcome? {
        while true {
            let now = clock.now
            if let cancellation, cancellation.isFired {
                self.cancellation = nil
                cancel()
            }
            if !leaderExited, killAt == nil, groupKilledAt == nil, now >= deadline {
                timedOut = true
                terminateGroup(now)
            }
            if let killAt, groupKilledAt == nil, now >= killAt {
                killGroup(now)
            }
            if leaderExited, let groupKilledAt, openPipes == 0 || now >= groupKilledAt + Self.escapedHolderWait {
                return finish()
            }
            if now >= limit { return nil }
            waitForEvents(until: min(nextWake(now) ?? limit, limit))
            handleEvents()
        }
    }

    /// The earliest moment something must happen without an event, or nil to wait for events only.
    private func nextWake(_ now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var wake: ContinuousClock.Instant?
        func consider(_ instant: ContinuousClock.Instant) {
            wake = wake.map { min($0, instant) } ?? instant
        }
        if !leaderExited, killAt == nil, groupKilledAt == nil { consider(deadline) }
        if let killAt, groupKilledAt == nil { consider(killAt) }
        if let groupKilledAt { consider(groupKilledAt + Self.escapedHolderWait) }
        if leader.exitDescriptor == nil, !leaderExited { consider(now + Self.exitPollInterval) }
        if cancellation != nil, killAt == nil, groupKilledAt == nil, !leaderExited {
            consider(now + Self.cancellationLook)
        }
        return wake
    }

    private func waitForEvents(until wake: ContinuousClock.Instant) {
        let (seconds, attoseconds) = clock.now.duration(to: wake).components
        // Round up: waking a little early would only go round once more.
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let milliseconds = Int32(clamping: max(0, total))
        for index in watched.indices { watched[index].revents = 0 }
        if poll(&watched, nfds_t(watched.count), milliseconds) < 0, Errno(rawValue: errno) != .interrupted {
            // poll only fails for lack of memory; back off instead of spinning.
            usleep(1000)
        }
    }

    private func handleEvents() {
        for index in [Self.stdoutIndex, Self.stderrIndex] where watched[index].fd >= 0 && watched[index].revents != 0 {
            readOnce(from: index)
        }
        if watched[Self.exitIndex].fd >= 0, watched[Self.exitIndex].revents != 0 {
            leaderExited = true
            watched[Self.exitIndex].fd = -1
        } else if leader.exitDescriptor == nil, !leaderExited {
            leaderExited = Self.hasExited(leader.pid)
        }
        if watched[Self.cancellationIndex].fd >= 0, watched[Self.cancellationIndex].revents != 0 {
            // Stop polling the pipe: it stays readable and would wake us for nothing.
            watched[Self.cancellationIndex].fd = -1
            cancellation = nil
            cancel()
        }
        if leaderExited, groupKilledAt == nil {
            if killAt == nil {
                // The leader ended on its own: whatever it left running in the background goes now.
                killGroup(clock.now)
            } else if openPipes == 0 {
                // Terminated and wound down before the grace ran out; catch stragglers that
                // closed their output.
                killGroup(clock.now)
            }
        }
    }

    /// One read per readiness event, so a blocking pipe never blocks us and neither stream
    /// can starve the other.
    private func readOnce(from index: Int) {
        let descriptor = FileDescriptor(rawValue: watched[index].fd)
        do {
            let count = try descriptor.read(into: scratch)
            if count > 0 {
                outputs[index].append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                return
            }
        } catch Errno.wouldBlock {
            return
        } catch {
            // Any other error ends the stream as end-of-file does.
        }
        try? descriptor.close()
        watched[index].fd = -1
        openPipes -= 1
    }

    private func terminateGroup(_ now: ContinuousClock.Instant) {
        _ = kill(-leader.pid, SIGTERM)
        // A stopped process would sit on SIGTERM until the grace runs out.
        _ = kill(-leader.pid, SIGCONT)
        killAt = now + min(max(command.killGrace, .zero), .seconds(3600))
    }

    private func killGroup(_ now: ContinuousClock.Instant) {
        _ = kill(-leader.pid, SIGKILL)
        groupKilledAt = now
    }

    private func finish() -> ProcessOutcome {
        let stillOpen = [Self.stdoutIndex, Self.stderrIndex].map { watched[$0].fd }.filter { $0 >= 0 }
        if !stillOpen.isEmpty {
            LeftoverProcesses.killHolders(of: stillOpen)
        }
        for descriptor in stillOpen {
            try? FileDescriptor(rawValue: descriptor).close()
        }
        if let registrySlot {
            ProcessGroupRegistry.unregister(slot: registrySlot)
        }
        let (termination, coreDumped) = reap()
        Orphans.reaped(leader.pid)
        // With the leader reaped, the group exists only while something else is in it: killed
        // processes still dying, or zombies their new parent has not reaped yet. Only then, or
        // when the process was stopped, is the session worth a look; the group id cannot be
        // recycled meanwhile, since it stays taken while the group has members.
        if killAt != nil || kill(-leader.pid, 0) == 0 {
            LeftoverProcesses.killMembers(ofSession: leader.pid, until: clock.now + Self.leftoverWait)
        }
        // What left the session and was orphaned — a daemon, a double fork — was reparented here.
        Orphans.kill(token: leader.token, newerThan: leader.pid, until: clock.now + Self.leftoverWait)
        try? leader.exitDescriptor?.close()
        return ProcessOutcome(
            termination: termination,
            timedOut: timedOut,
            cancelled: cancelled,
            stdout: outputs[Self.stdoutIndex].tail,
            stderr: outputs[Self.stderrIndex].tail,
            duration: clock.now - started,
            processID: leader.pid,
            coreDumped: coreDumped
        )
    }

    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return true }
        #if os(Linux)
        return info._sifields._sigchld.si_pid == pid
        #else
        return info.si_pid == pid
        #endif
    }

    private func reap() -> (ProcessOutcome.Termination, coreDumped: Bool) {
        var status: Int32 = 0
        while waitpid(leader.pid, &status, 0) < 0 {
            // Only EINTR is worth retrying; ECHILD means another part of this process reaped
            // the process (or SIGCHLD is ignored) and the status is lost.
            if Errno(rawValue: errno) != .interrupted { return (.exited(-1), false) }
        }
        if lab_wait_status_signaled(status) != 0 {
            return (.signaled(lab_wait_status_signal(status)), lab_wait_status_core_dumped(status) != 0)
        }
        return (.exited(lab_wait_status_exit_code(status)), false)
    }
}
