import CLabSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds, through `/proc`, the processes a command left behind that signalling its process group
/// cannot reach or has not finished off, and kills them.
///
/// Scanning `/proc` costs a millisecond or two, so the runner does it only when it knows something
/// is left: a group that still has members after its leader was reaped, a command that was stopped,
/// or an output pipe still open after the group was killed. A command that ends cleanly never pays.
/// Every process found here was started by the command: only its descendants can join its session
/// or hold its private output pipes.
enum LeftoverProcesses {
    /// Kills every process of `session` until none is left but zombies, or until `deadline`
    /// (a process stuck in the kernel cannot die sooner). Members that moved to another process
    /// group of the session, which the group signal missed, are caught here too.
    static func killMembers(ofSession session: pid_t, until deadline: ContinuousClock.Instant) {
        #if os(Linux)
        var pause: useconds_t = 1000
        while true {
            let members = processes { pid in
                guard let status = status(of: pid) else { return false }
                return status.session == session && status.state != UInt8(ascii: "Z")
            }
            if members.isEmpty || ContinuousClock.now >= deadline { return }
            for pid in members {
                signal(pid, SIGKILL) { status(of: $0)?.session == session }
            }
            // SIGKILL is final, but a process needs a moment to finish dying; back off in case
            // one is stuck in the kernel, so as not to burn a core rescanning /proc.
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        #endif
    }

    /// Kills every other process that has a descriptor on one of `pipes` (read ends this process
    /// holds): descendants that left the command's session with `setsid` but kept its output.
    static func killHolders(of pipes: [Int32]) {
        #if os(Linux)
        let links = Set(pipes.compactMap { descriptor -> String? in
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            return "pipe:[\(info.st_ino)]"
        })
        guard !links.isEmpty else { return }
        let ownPID = getpid()
        let holders = processes { $0 != ownPID && holds(links, pid: $0) }
        for pid in holders {
            signal(pid, SIGKILL) { holds(links, pid: $0) }
        }
        #endif
    }

    #if os(Linux)
    /// The fields of `/proc/PID/stat` the sweeps need.
    struct Status {
        var state: UInt8
        var parent: pid_t
        var session: pid_t
    }

    /// The pids in `/proc` that satisfy `include`.
    static func processes(where include: (pid_t) -> Bool) -> [pid_t] {
        guard let proc = opendir("/proc") else { return [] }
        defer { closedir(proc) }
        var found: [pid_t] = []
        while let entry = readdir(proc) {
            if let pid = pid_t(name(of: entry)), include(pid) {
                found.append(pid)
            }
        }
        return found
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    static func status(of pid: pid_t) -> Status? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        // "pid (command) state ppid pgrp session …": the command may hold spaces and
        // parentheses, so the fields are counted from its last closing parenthesis.
        guard let close = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 3, let state = fields[0].first,
              let parent = pid_t(String(decoding: fields[1], as: UTF8.self)),
              let session = pid_t(String(decoding: fields[3], as: UTF8.self))
        else { return nil }
        return Status(state: state, parent: parent, session: session)
    }

    /// Whether `/proc/PID/environ` holds the entry `entry` (`NAME=value`) exactly.
    static func environment(of pid: pid_t, contains entry: String) -> Bool {
        let descriptor = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while content.count < 1 << 20 {
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 { break }
            content += chunk[..<count]
        }
        let wanted = Array(entry.utf8)
        return content.split(separator: 0).contains { $0.elementsEqual(wanted) }
    }

    /// The pid handed out last in this pid namespace, from `/proc/loadavg`; nil when unreadable.
    static func newestPid() -> pid_t? {
        let descriptor = open("/proc/loadavg", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return nil }
            return lastNumber(in: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The last field of a `/proc/loadavg` line ("0.00 0.01 0.05 1/123 4567": the pid handed out
    /// last), read on its bytes; nil unless it is a number that fits.
    static func lastNumber(in line: UnsafeBufferPointer<UInt8>) -> pid_t? {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var start = end
        while start > 0, line[start - 1] != UInt8(ascii: " ") { start -= 1 }
        guard start < end, end - start <= 9 else { return nil }
        var value: pid_t = 0
        for index in start..<end {
            let digit = line[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + pid_t(digit)
        }
        return value
    }

    /// The most pids probed one by one before reading the whole of `/proc` is cheaper.
    static let probeLimit: pid_t = 256

    /// The pids newer than `floor` (every pid when nil) that satisfy `include`. Pids grow, so when
    /// few have been handed out since `floor` each is probed directly — a command that started
    /// nothing costs one read of `/proc/loadavg` — and the whole of `/proc` is listed otherwise,
    /// or when pids have wrapped around since.
    static func processes(newerThan floor: pid_t?, where include: (pid_t) -> Bool) -> [pid_t] {
        guard let floor, let newest = newestPid(), newest >= floor else { return processes(where: include) }
        if newest - floor <= probeLimit {
            // A probe of a thread's id finds its process's fields; the callers' checks of parent and
            // environment hold for it as for the process, and a signal to it reaches the process.
            return newest == floor ? [] : ((floor + 1)...newest).filter(include)
        }
        return processes { $0 > floor && include($0) }
    }

    private static func holds(_ links: Set<String>, pid: pid_t) -> Bool {
        let folder = "/proc/\(pid)/fd"
        guard let descriptors = opendir(folder) else { return false }
        defer { closedir(descriptors) }
        var target = [CChar](repeating: 0, count: 64)
        while let entry = readdir(descriptors) {
            let name = name(of: entry)
            guard name.first?.isNumber == true else { continue }
            let length = readlink("\(folder)/\(name)", &target, target.count)
            guard length > 0 else { continue }
            let link = String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if links.contains(link) { return true }
        }
        return false
    }

    /// Sends `signal` to `pid` if it still passes `check`. Through a pidfd when possible: the pidfd
    /// pins the process, so re-checking after opening it proves the signal reaches the process
    /// that was found, never one that got its recycled pid.
    static func signal(_ pid: pid_t, _ signal: Int32, ifStill check: (pid_t) -> Bool) {
        let descriptor = lab_pidfd_open(pid)
        guard descriptor >= 0 else {
            // No pidfds on this system: the plain signal, after checking once more.
            if errno == ENOSYS, check(pid) { _ = kill(pid, signal) }
            return
        }
        defer { close(descriptor) }
        if check(pid) {
            _ = lab_pidfd_send_signal(descriptor, signal)
        }
    }
    #endif
}
