import CLabSystem
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processes a command left behind outside its session: a daemon that called `setsid` and
/// let go of its output, a double fork. On Linux this process becomes a *child subreaper* before
/// it starts anything, so every such orphan is reparented to it rather than to init, and can be
/// found — by its parent — and ended.
///
/// Each command started here carries a token in its environment (`LAB_PROCESS_TOKEN`), inherited
/// by whatever it starts: when a command ends, the orphans with its token are killed; when the
/// whole run ends, every orphan left is. An orphan that cleared its environment is caught by the
/// second sweep. Elsewhere than Linux orphans go to init and cannot be found this way.
public enum Orphans {
    /// The variable that carries a command's token into everything it starts.
    public static let tokenVariable = "LAB_PROCESS_TOKEN"

    private static let tokens = Atomic<Int>(0)
    /// Leaders this process spawned and has not reaped yet: children that are not orphans.
    private static let leaders = Mutex<Set<pid_t>>([])

    /// Makes this process the subreaper of its descendants; once, before the first spawn.
    static let subreaper: Bool = lab_become_child_subreaper() == 0

    /// A token for the next command.
    static func nextToken() -> String {
        let number = tokens.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(getpid()).\(number)"
    }

    static func spawned(_ pid: pid_t) { leaders.withLock { _ = $0.insert(pid) } }
    static func reaped(_ pid: pid_t) { leaders.withLock { _ = $0.remove(pid) } }

    /// Kills, with whatever they started, and reaps the orphans reparented to this process whose
    /// environment carries `token` (every orphan when nil). `newerThan` limits the search to
    /// processes started after that one: pids grow, so the scan skips the rest of the system.
    /// Returns how many processes were killed.
    @discardableResult
    public static func kill(token: String?, newerThan: pid_t? = nil, until deadline: ContinuousClock.Instant) -> Int {
        #if os(Linux)
        guard subreaper else { return 0 }
        let own = getpid()
        var killed = 0
        var pause: useconds_t = 500
        while true {
            let known = leaders.withLock { $0 }
            let found = LeftoverProcesses.processes(newerThan: newerThan) { pid in
                guard !known.contains(pid), LeftoverProcesses.status(of: pid)?.parent == own else { return false }
                guard let token else { return true }
                return LeftoverProcesses.environment(of: pid, contains: tokenVariable + "=" + token)
            }
            if found.isEmpty { return killed }
            for pid in found {
                // A daemon that made a session of its own: its session goes with it.
                if LeftoverProcesses.status(of: pid)?.session == pid {
                    LeftoverProcesses.killMembers(ofSession: pid, until: deadline)
                }
                LeftoverProcesses.signal(pid, SIGKILL) { LeftoverProcesses.status(of: $0)?.parent == own }
                killed += 1
            }
            // Reap them; their children, reparented here in turn, are found on the next round.
            for pid in found {
                var status: Int32 = 0
                while waitpid(pid, &status, WNOHANG) == 0, ContinuousClock.now < deadline { usleep(200) }
            }
            if ContinuousClock.now >= deadline { return killed }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        #else
        return 0
        #endif
    }
}
