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
    static let subreaper: Bool = {
        spawnedAny.store(true, ordering: .releasing)
        return lab_become_child_subreaper() == 0
    }()
    /// Whether `subreaper` was asked for: until then nothing was started, and no orphan can be
    /// reparented here.
    private static let spawnedAny = Atomic<Bool>(false)

    /// This process's id: lab never forks without exec, so it stays.
    private static let processID = getpid()

    /// A token for the next command.
    static func nextToken() -> String {
        let number = tokens.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(processID).\(number)"
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
        // A run that started nothing (all up to date) has no orphans, and need not become a
        // subreaper nor read /proc to learn it.
        guard spawnedAny.load(ordering: .acquiring), subreaper else { return 0 }
        let own = processID
        var killed = 0
        var pause: useconds_t = 500
        while true {
            // An orphan reparented here is a child of this process: with no child at all there is
            // none, and neither /proc nor the newest pid need be read (the common case, once a
            // step's leader is reaped with no other step running).
            if !hasChildren() { return killed }
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

    #if os(Linux)
    /// Whether this process has a child, running, stopped or exited and not yet reaped; true
    /// when the kernel does not say.
    static func hasChildren() -> Bool {
        var info = siginfo_t()
        let result = waitid(P_ALL, 0, &info, WEXITED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT)
        return result == 0 || errno != ECHILD
    }
    #endif
}
