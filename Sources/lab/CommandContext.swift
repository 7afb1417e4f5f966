import ArgumentParser
import Synchronization
import Foundation
import LabKit
import LabSpec

/// What a command needs from the global options: the terminal, and the lab it works on.
struct CommandContext {
    let options: GlobalOptions
    let terminal: Terminal

    init(_ options: GlobalOptions, _ parent: GlobalOptions? = nil) {
        let merged = parent.map { options.merged(over: $0) } ?? options
        self.options = merged
        self.terminal = Terminal(options: merged)
    }

    var workingDirectory: URL { options.workingDirectory }

    /// Finds and reads `lab.yml`; its diagnostics are left for the caller.
    func openProject() throws -> LabProject {
        let file = try LabProject.locate(explicit: options.labFile, from: workingDirectory)
        let project = try LabProject.open(labFile: file, workingDirectory: workingDirectory)
        ProcessLifetime.keep(project)
        return project
    }

    /// The project and its lab, or the errors of `lab.yml` printed and exit 2.
    func openLab() throws -> (LabProject, Lab) {
        let project = try openProject()
        guard let lab = project.lab else {
            printDiagnostics(project.diagnostics.filter { $0.severity == .error }, of: project)
            throw ExitCode(2)
        }
        return (project, lab)
    }

    /// The project and its lab read while holding the lab's lock, for commands that edit
    /// `lab.yml` or the README: their edit starts from what is on disk, not from what another
    /// `lab` changed while this one waited for the lock.
    func openLabLocked() throws -> (LabProject, Lab, LabLock) {
        // Read it once first, so that a broken lab.yml is reported without touching `.lab/`.
        let (first, _) = try openLab()
        let lock = try LabLock.acquire(root: first.root)
        let (project, lab) = try openLab()
        return (project, lab, lock)
    }

    func printDiagnostics(_ diagnostics: [Diagnostic], of project: LabProject, extraSources: [SourceFile] = []) {
        var printer = DiagnosticPrinter(terminal: terminal)
        printer.sources[project.loaded.source.path] = project.loaded.source
        for source in extraSources { printer.sources[source.path] = source }
        printer.print(diagnostics)
    }

    /// Runs a command body, turning errors into `lab: error: …` and the documented exit codes.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as CleanExit {
            throw error
        } catch let error as LabError {
            terminal.error(error.description)
            if case .invalidLab = error { throw ExitCode(2) }
            throw ExitCode(1)
        } catch let error as FileError {
            terminal.error(error.description)
            throw ExitCode(1)
        } catch {
            terminal.error(String(describing: error))
            throw ExitCode(1)
        }
    }
}

/// Objects the command line holds until the process exits: freeing a large YAML tree node by
/// node just before exit would cost more than parsing it did, and the kernel frees it anyway.
enum ProcessLifetime {
    private static let held = Mutex<[any Sendable]>([])

    static func keep(_ object: (any Sendable)?) {
        guard let object else { return }
        held.withLock { $0.append(object) }
    }
}
