#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A step's shell, started by `posix_spawn` as the leader of a new session, with the pipes that
/// carry its output and a descriptor that reports its exit.
struct SpawnedShell {
    let pid: pid_t
    /// A pidfd that polls readable once the shell has exited; -1 where the kernel has none.
    let exitDescriptor: Int32
    let stdoutRead: Int32
    let stderrRead: Int32

    /// Starts `shell -c command` with stdin on /dev/null and stdout/stderr on fresh pipes.
    static func launch(_ step: StepCommand) throws(StepLaunchError) -> SpawnedShell {
        try validate(step)
        let stdoutPipe = try PipeDescriptors.make(purpose: "creating a pipe")
        let stderrPipe: (read: Int32, write: Int32)
        do {
            stderrPipe = try PipeDescriptors.make(purpose: "creating a pipe")
        } catch {
            close(stdoutPipe.read)
            close(stdoutPipe.write)
            throw error
        }

        var pid: pid_t = 0
        let spawnResult = spawn(step, stdout: stdoutPipe.write, stderr: stderrPipe.write, pid: &pid)
        // The child holds its own copies now; ours would keep the pipes from ever reaching EOF.
        close(stdoutPipe.write)
        close(stderrPipe.write)
        if spawnResult != 0 {
            close(stdoutPipe.read)
            close(stderrPipe.read)
            throw diagnose(spawnResult, of: step)
        }
        let exitDescriptor = LibCExtensions.pidfdOpen.map { $0(pid, 0) } ?? -1
        return SpawnedShell(
            pid: pid, exitDescriptor: exitDescriptor,
            stdoutRead: stdoutPipe.read, stderrRead: stderrPipe.read
        )
    }

    private static func validate(_ step: StepCommand) throws(StepLaunchError) {
        if step.shell.utf8.contains(0) { throw .invalidArgument("the shell path contains a NUL byte") }
        if step.command.utf8.contains(0) { throw .invalidArgument("the command contains a NUL byte") }
        if step.workingDirectory.utf8.contains(0) {
            throw .invalidArgument("the working directory contains a NUL byte")
        }
        for (name, value) in step.environment {
            if name.isEmpty || name.utf8.contains(0) || name.utf8.contains(UInt8(ascii: "=")) {
                throw .invalidArgument("'\(name)' is not a valid environment variable name")
            }
            if value.utf8.contains(0) {
                throw .invalidArgument("environment variable '\(name)' contains a NUL byte")
            }
        }
    }

    /// Returns posix_spawn's error number, 0 on success.
    private static func spawn(_ step: StepCommand, stdout: Int32, stderr: Int32, pid: inout pid_t) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { return ENOMEM }
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        guard posix_spawnattr_init(&attributes) == 0 else { return ENOMEM }
        defer { posix_spawnattr_destroy(&attributes) }

        var result = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if result == 0 { result = posix_spawn_file_actions_adddup2(&actions, stdout, 1) }
        if result == 0 { result = posix_spawn_file_actions_adddup2(&actions, stderr, 2) }
        if result == 0, !step.workingDirectory.isEmpty {
            guard let addChdir = LibCExtensions.addChdir else { return ENOSYS }
            result = addChdir(&actions, step.workingDirectory)
        }
        if result == 0, let addCloseFrom = LibCExtensions.addCloseFrom {
            result = addCloseFrom(&actions, 3)
        }
        guard result == 0 else { return result }

        // Signals this process ignores or blocks (lab ignores SIGINT to handle it through a
        // dispatch source) would otherwise stay ignored or blocked in the step.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        let flags = LibCExtensions.spawnSetSessionFlag | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        result = posix_spawnattr_setflags(&attributes, Int16(flags))
        if result == 0 { result = posix_spawnattr_setsigmask(&attributes, &noSignals) }
        if result == 0 { result = posix_spawnattr_setsigdefault(&attributes, &allSignals) }
        guard result == 0 else { return result }

        return withCStrings([step.shell, "-c", step.command]) { arguments in
            withEnvironment(adding: step.environment) { environment in
                step.shell.contains("/")
                    ? posix_spawn(&pid, step.shell, &actions, &attributes, arguments, environment)
                    : posix_spawnp(&pid, step.shell, &actions, &attributes, arguments, environment)
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
        var added: [UnsafeMutablePointer<CChar>] = []
        defer { for pointer in added { free(pointer) } }
        // `NAME=` with its length, to compare against inherited `NAME=value` entries.
        var prefixes: [Int] = []
        for (name, value) in additions {
            guard let entry = strdup("\(name)=\(value)") else { return ENOMEM }
            added.append(entry)
            prefixes.append(name.utf8.count + 1)
        }
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var cursor = inherited
        while let entry = cursor.pointee {
            let replaced = zip(added, prefixes).contains { strncmp(entry, $0, $1) == 0 }
            if !replaced { entries.append(entry) }
            cursor += 1
        }
        entries.append(contentsOf: added.map(Optional.some))
        entries.append(nil)
        return entries.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return ENOMEM }
            return body(base)
        }
    }

    /// Turns posix_spawn's error into a reason: it reports a failed `chdir` and a failed `exec`
    /// with the same error numbers, so look at the working directory to tell them apart.
    private static func diagnose(_ code: Int32, of step: StepCommand) -> StepLaunchError {
        if !step.workingDirectory.isEmpty {
            var info = stat()
            if stat(step.workingDirectory, &info) != 0 {
                return .workingDirectoryUnusable(path: step.workingDirectory, errno: errno)
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                return .workingDirectoryUnusable(path: step.workingDirectory, errno: ENOTDIR)
            }
            if access(step.workingDirectory, X_OK) != 0 {
                return .workingDirectoryUnusable(path: step.workingDirectory, errno: errno)
            }
        }
        return .shellNotRunnable(shell: step.shell, errno: code)
    }
}
