import CLabSystem
import SystemPackage

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// How a process is started: both make the same process (a new session, every signal at its
/// default and none blocked, stdin on /dev/null, no other descriptor inherited).
enum Spawner: Sendable, CaseIterable {
    /// `lab_spawn` (clone with CLONE_VFORK) where the system has it, posix_spawn elsewhere.
    case automatic
    /// posix_spawn always: the portable way, and what the tests compare `automatic` with.
    case posixSpawn
}

/// A program started as the leader of a new session, with the pipes that carry its output and a
/// descriptor that reports its exit.
struct SpawnedProcess {
    let pid: pid_t
    /// The token in its environment, which everything it starts inherits (see `Orphans`).
    let token: String
    /// A pidfd that polls readable once the process has exited; nil where the kernel has none.
    let exitDescriptor: FileDescriptor?
    let stdoutRead: FileDescriptor
    let stderrRead: FileDescriptor

    /// Starts the command with stdin on /dev/null and stdout/stderr on fresh pipes.
    static func launch(_ command: ProcessCommand, spawner: Spawner = .automatic) throws(LaunchError) -> SpawnedProcess {
        try validate(command)
        _ = Orphans.subreaper
        var command = command
        let token = Orphans.nextToken()
        command.environment[Orphans.tokenVariable] = token
        let stdoutPipe = try PipeDescriptors.make(purpose: "creating a pipe")
        let stderrPipe: (read: FileDescriptor, write: FileDescriptor)
        do {
            stderrPipe = try PipeDescriptors.make(purpose: "creating a pipe")
        } catch {
            try? stdoutPipe.read.close()
            try? stdoutPipe.write.close()
            throw error
        }

        unblockChildSignals()
        var pid: pid_t = 0
        let failure = spawn(command, spawner: spawner, stdout: stdoutPipe.write.rawValue, stderr: stderrPipe.write.rawValue, pid: &pid)
        // The child holds its own copies now; ours would keep the pipes from ever reaching EOF.
        try? stdoutPipe.write.close()
        try? stderrPipe.write.close()
        if let failure {
            try? stdoutPipe.read.close()
            try? stderrPipe.read.close()
            throw failure
        }
        Orphans.spawned(pid)
        let pidfd = lab_pidfd_open(pid)
        return SpawnedProcess(
            pid: pid, token: token, exitDescriptor: pidfd >= 0 ? FileDescriptor(rawValue: pidfd) : nil,
            stdoutRead: stdoutPipe.read, stderrRead: stderrPipe.read
        )
    }

    /// Lets SIGCHLD reach the spawning thread, where its default action discards it.
    ///
    /// The kernel sends a child's SIGCHLD to the thread that started it. The concurrency runtime's
    /// threads block every signal, and a blocked signal is never discarded: it is queued for the
    /// process, waking the main thread (which waits for signals unblocked) and every watcher of a
    /// signalfd, twice per step for nothing. Unblocked, SIGCHLD is dropped as it is sent, as in a
    /// single-threaded program. The runner itself learns of exits from pidfds and waitpid.
    private static func unblockChildSignals() {
        var childSignal = sigset_t()
        sigemptyset(&childSignal)
        sigaddset(&childSignal, SIGCHLD)
        _ = pthread_sigmask(SIG_UNBLOCK, &childSignal, nil)
    }

    private static func validate(_ command: ProcessCommand) throws(LaunchError) {
        if command.executable.isEmpty { throw .invalidArgument("the program name is empty") }
        if contains(0, command.executable) { throw .invalidArgument("the program path contains a NUL byte") }
        if command.arguments.contains(where: { contains(0, $0) }) {
            throw .invalidArgument("the command contains a NUL byte")
        }
        if contains(0, command.workingDirectory) {
            throw .invalidArgument("the working directory contains a NUL byte")
        }
        for (name, value) in command.environment {
            if name.isEmpty || contains(0, name) || contains(UInt8(ascii: "="), name) {
                throw .invalidArgument("'\(name)' is not a valid environment variable name")
            }
            if contains(0, value) {
                throw .invalidArgument("environment variable '\(name)' contains a NUL byte")
            }
        }
    }

    /// Whether `text` holds the byte: memchr over its UTF-8 where it is stored contiguously (a
    /// byte-by-byte walk of the view cost more than the spawn's other checks together).
    private static func contains(_ byte: UInt8, _ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(byte), bytes.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// Starts the process; nil on success.
    private static func spawn(
        _ command: ProcessCommand, spawner: Spawner, stdout: Int32, stderr: Int32, pid: inout pid_t
    ) -> LaunchError? {
        if spawner == .automatic {
            var stage: Int32 = 0
            let code = withCStrings([command.name ?? command.executable] + command.arguments) { arguments in
                withEnvironment(adding: command.environment) { environment in
                    command.workingDirectory.withCString { directory in
                        command.executable.withCString { program in
                            arguments.withUnsafeBufferPointer { arguments in
                                var request = lab_spawn_request(
                                    program: program, arguments: arguments.baseAddress, environment: environment,
                                    directory: command.workingDirectory.isEmpty ? nil : directory,
                                    stdout_descriptor: stdout, stderr_descriptor: stderr,
                                    search_path: command.searchesPath ? 1 : 0)
                                return lab_spawn(&request, &pid, &stage)
                            }
                        }
                    }
                }
            }
            if code != ENOSYS || stage != 0 {
                return code == 0 ? nil : launchError(code, stage: stage, of: command)
            }
        }
        let code = posixSpawn(command, stdout: stdout, stderr: stderr, pid: &pid)
        return code == 0 ? nil : diagnose(code, of: command)
    }

    /// What `lab_spawn`'s failure at `stage` means.
    private static func launchError(_ code: Int32, stage: Int32, of command: ProcessCommand) -> LaunchError {
        switch UInt32(stage) {
        case LAB_SPAWN_STAGE_DIRECTORY.rawValue:
            return .workingDirectoryUnusable(path: command.workingDirectory, errno: code)
        case LAB_SPAWN_STAGE_EXEC.rawValue:
            return .notRunnable(program: command.executable, errno: code)
        case LAB_SPAWN_STAGE_SESSION.rawValue:
            return .systemResource("starting a session", errno: code)
        case LAB_SPAWN_STAGE_INPUT.rawValue:
            return .systemResource("opening /dev/null", errno: code)
        case LAB_SPAWN_STAGE_OUTPUT.rawValue:
            return .systemResource("connecting the output", errno: code)
        case LAB_SPAWN_STAGE_DESCRIPTORS.rawValue:
            return .systemResource("closing inherited descriptors", errno: code)
        default:
            return .systemResource("starting a process", errno: code)
        }
    }

    /// Returns posix_spawn's error number, 0 on success.
    private static func posixSpawn(_ command: ProcessCommand, stdout: Int32, stderr: Int32, pid: inout pid_t) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { return ENOMEM }
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        guard posix_spawnattr_init(&attributes) == 0 else { return ENOMEM }
        defer { posix_spawnattr_destroy(&attributes) }

        var result = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if result == 0 { result = posix_spawn_file_actions_adddup2(&actions, stdout, 1) }
        if result == 0 { result = posix_spawn_file_actions_adddup2(&actions, stderr, 2) }
        if result == 0, !command.workingDirectory.isEmpty {
            // Without it a working directory cannot be set without touching this process's own.
            result = lab_spawn_add_chdir(&actions, command.workingDirectory)
        }
        if result == 0 {
            // Missing on older C libraries: then only descriptors without close-on-exec leak.
            let closed = lab_spawn_add_closefrom(&actions, 3)
            if closed != ENOSYS { result = closed }
        }
        guard result == 0 else { return result }

        // Signals this process ignores or blocks (lab handles the terminating ones itself) would
        // otherwise stay ignored or blocked in the child.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        let flags = Int32(lab_spawn_setsid_flag()) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        result = posix_spawnattr_setflags(&attributes, Int16(flags))
        if result == 0 { result = posix_spawnattr_setsigmask(&attributes, &noSignals) }
        if result == 0 { result = posix_spawnattr_setsigdefault(&attributes, &allSignals) }
        guard result == 0 else { return result }

        return withCStrings([command.name ?? command.executable] + command.arguments) { arguments in
            withEnvironment(adding: command.environment) { environment in
                command.executable.utf8.contains(UInt8(ascii: "/")) || !command.searchesPath
                    ? posix_spawn(&pid, command.executable, &actions, &attributes, arguments, environment)
                    : posix_spawnp(&pid, command.executable, &actions, &attributes, arguments, environment)
            }
        }
    }

    /// Calls `body` with a NULL-terminated array of C strings that lives for the call.
    private static func withCStrings(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Int32
    ) -> Int32 {
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        pointers.reserveCapacity(strings.count + 1)
        defer { for pointer in pointers { free(pointer) } }
        for string in strings {
            guard let copy = strdup(string) else { return ENOMEM }
            pointers.append(copy)
        }
        pointers.append(nil)
        return body(pointers)
    }

    /// Calls `body` with this process's environment plus `additions`, an addition replacing a
    /// variable of the same name. Inherited entries are passed by pointer, not copied.
    private static func withEnvironment(
        adding additions: [String: String],
        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32
    ) -> Int32 {
        let current: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard let inherited = current else { return ENOMEM }
        if additions.isEmpty { return body(inherited) }
        // Each addition as one `NAME=value` C string, with the length of its `NAME`.
        var added: [(entry: UnsafeMutablePointer<CChar>, nameLength: Int)] = []
        added.reserveCapacity(additions.count)
        defer { for addition in added { free(addition.entry) } }
        for (name, value) in additions {
            guard let entry = cString(name, "=", value) else { return ENOMEM }
            added.append((entry, name.utf8.count))
        }
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var cursor = inherited
        while let entry = cursor.pointee {
            // An inherited entry is replaced by an addition of the same name: compared only when
            // the lengths agree, which few do.
            let nameLength = strcspn(entry, "=")
            let replaced = added.contains {
                $0.nameLength == nameLength && entry[nameLength] == CChar(UInt8(ascii: "=")) && memcmp(entry, $0.entry, nameLength) == 0
            }
            if !replaced { entries.append(entry) }
            cursor += 1
        }
        entries.append(contentsOf: added.map { Optional.some($0.entry) })
        entries.append(nil)
        return entries.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return ENOMEM }
            return body(base)
        }
    }

    /// `first`, `separator` and `second` in one C string that the caller frees; nil without memory.
    private static func cString(_ first: String, _ separator: StaticString, _ second: String) -> UnsafeMutablePointer<CChar>? {
        let firstCount = first.utf8.count, separatorCount = separator.utf8CodeUnitCount, secondCount = second.utf8.count
        guard let memory = malloc(firstCount + separatorCount + secondCount + 1) else { return nil }
        let bytes = memory.bindMemory(to: UInt8.self, capacity: firstCount + separatorCount + secondCount + 1)
        var offset = 0
        func append<Bytes: Collection<UInt8>>(_ source: Bytes) {
            for byte in source {
                bytes[offset] = byte
                offset += 1
            }
        }
        if first.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(first.utf8) }
        append(UnsafeBufferPointer(start: separator.utf8Start, count: separatorCount))
        if second.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(second.utf8) }
        bytes[offset] = 0
        return memory.assumingMemoryBound(to: CChar.self)
    }

    /// Turns posix_spawn's error into a reason: it reports a failed `chdir` and a failed `exec`
    /// with the same error numbers, so look at the working directory to tell them apart.
    private static func diagnose(_ code: Int32, of command: ProcessCommand) -> LaunchError {
        if !command.workingDirectory.isEmpty {
            var info = stat()
            if stat(command.workingDirectory, &info) != 0 {
                return .workingDirectoryUnusable(path: command.workingDirectory, errno: errno)
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                return .workingDirectoryUnusable(path: command.workingDirectory, errno: ENOTDIR)
            }
            if access(command.workingDirectory, X_OK) != 0 {
                return .workingDirectoryUnusable(path: command.workingDirectory, errno: errno)
            }
        }
        return .notRunnable(program: command.executable, errno: code)
    }
}
