import ArgumentParser
import Foundation

/// The options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if lab was started in DIR.", valueName: "DIR"), completion: .directory)
    var directory: String?

    @Option(name: .customLong("lab"), help: ArgumentHelp("The lab file (default: lab.yml, searched upward from the working folder).", valueName: "FILE"), completion: .file(extensions: ["yml", "yaml"]))
    var labFile: String?

    @Option(help: ArgumentHelp("When to use colours: auto (a terminal without NO_COLOR), always or never.", valueName: "WHEN"))
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print less: only problems and summaries.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more detail.")
    var verbose = false

    func validate() throws { try settings.validate() }

    /// The values given, without argument-parser's wrappers.
    var settings: GlobalSettings {
        GlobalSettings(directory: directory, labFile: labFile, color: color, quiet: quiet, verbose: verbose)
    }
}

/// The global options' values: what `GlobalOptions` parsed, or what `QuickCommandLine` read.
struct GlobalSettings: Equatable {
    var directory: String?
    var labFile: String?
    var color: ColorChoice = .auto
    var quiet = false
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
    }

    /// These options, with anything left unset taken from `parent` (the options before the subcommand).
    func merged(over parent: GlobalSettings) -> GlobalSettings {
        var merged = self
        merged.directory = directory ?? parent.directory
        merged.labFile = labFile ?? parent.labFile
        if color == .auto { merged.color = parent.color }
        merged.quiet = quiet || parent.quiet
        merged.verbose = verbose || parent.verbose
        return merged
    }

    /// The folder commands work from: `-C DIR` resolved against the real working folder; nil
    /// when that is needed and the working folder no longer exists (deleted from under the shell).
    var workingDirectory: URL? {
        if let directory, directory.hasPrefix("/") { return URL(fileURLWithPath: directory) }
        guard let current = Self.currentDirectory() else { return nil }
        guard let directory else { return current }
        return current.appending(path: directory)
    }

    private static func currentDirectory() -> URL? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let path = String(cString: buffer)
        // Linux answers "(unreachable)/…" for a folder outside the process's root.
        guard path.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: path)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
