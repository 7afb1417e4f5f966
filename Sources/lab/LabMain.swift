import Dispatch
import Foundation
import LabRuntime

/// The process's entry point: sets the allocator up, then runs the command line.
///
/// `main` is synchronous on purpose. An `async` main starts Swift concurrency's thread pool
/// before its first line runs: two or three threads, their 8 MiB stacks, dispatch's manager and
/// its epoll and timer descriptors, and a hop to a worker thread — about 0.7 ms of a 4 ms
/// `lab status`. `status`, `list`, `validate` and `--version` suspend nowhere and run here, on
/// the main thread, with no task and no executor (`validate` still starts threads of its own for
/// a large lab: libyaml's reader, and dispatch's workers for a large template folder). Every
/// other command runs on the pool (`runOnPool`), as under an async main.
@main
enum LabMain {
    static func main() {
        LabCommand.launched = .now
        StandardDescriptors.keepOpen()
        let commandLine = Array(CommandLine.arguments.dropFirst())
        // Before any thread starts. `lab scaffold` renders and writes hundreds of files on every
        // core, and `lab validate` reads a large lab.yml on two threads (libyaml on one, the
        // reader on this one, in the main arena): both are quicker with an arena per thread; the
        // rest of lab is not. `lab validate`'s arenas are made writable whole
        // (`M_TOP_PAD`, which the main arena's growth follows too), for the reader's thousands
        // of small growths.
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
    /// hands this thread to `dispatchMain`, which on Linux leaves it waiting for signals while the
    /// pool's threads serve the main queue. Call it on the main thread only: `dispatchMain`
    /// fails anywhere else. `body` ends the process, from its own thread.
    static func runOnPool(_ body: @escaping @Sendable () async -> Never) -> Never {
        Task.detached { await body() }
        dispatchMain()
    }
}
