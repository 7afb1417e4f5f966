import Dispatch
import Foundation
import LabRuntime

/// The process's entry point: sets the allocator up, then runs the command line.
///
/// `main` is synchronous on purpose. An `async` main starts Swift concurrency's thread pool
/// before its first line runs: two or three threads, their 8 MiB stacks, dispatch's manager and
/// its epoll and timer descriptors, and a hop to a worker thread — about 0.7 ms of a 4 ms
/// `lab status`. `status`, `list`, `validate` and `--version` need none of it and run here, on
/// the main thread; every other command runs on the pool (`runOnPool`), as under an async main.
@main
enum LabMain {
    static func main() {
        LabCommand.launched = .now
        let commandLine = Array(CommandLine.arguments.dropFirst())
        // Before any thread starts. `lab scaffold` renders and writes hundreds of files on every
        // core, and `lab validate` reads a large lab.yml on two threads (libyaml on one): both
        // are quicker with glibc's arena per thread; the rest of lab is not. `lab validate`'s
        // arenas are made writable whole, for the reader's thousands of small growths.
        switch QuickCommandLine.subcommand(commandLine) {
        case "scaffold": break
        case "validate": MallocArenas.usePerThreadGrownWhole()
        default: MallocArenas.useOne()
        }
        if let invocation = QuickCommandLine.parse(commandLine) {
            QuickCommandLine.run(invocation)
        }
        runOnPool { await LabCommand.parseAndRun(commandLine) }
    }

    /// Runs `body` on Swift concurrency's global executor, as an `async` main runs its body, and
    /// parks this thread in dispatch's main loop, which serves the main actor. `body` ends the
    /// process; it exits from its own thread, without a hop back to this one.
    static func runOnPool(_ body: @escaping @Sendable () async -> Never) -> Never {
        Task.detached { await body() }
        dispatchMain()
    }
}
