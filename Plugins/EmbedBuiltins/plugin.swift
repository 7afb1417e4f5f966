import Foundation
import PackagePlugin

/// Compiles the built-in template sets under `Builtin/Sets` into the target as Swift source, so a
/// `lab` binary copied alone to another machine still has them.
@main
struct EmbedBuiltins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let sets = target.directoryURL.appending(path: "Builtin/Sets")
        // The default lab of `lab init` is this repository's own course.
        let defaultLab = context.package.directoryURL.appending(path: "lab.yml")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinSets.generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding built-in template sets",
                executable: try context.tool(named: "embed-builtins").url,
                arguments: [sets.path, output.path, "init/lab.yml=\(defaultLab.path)"],
                inputFiles: files(under: sets) + [defaultLab],
                outputFiles: [output]
            )
        ]
    }

    /// Every file and folder under `root`, so adding, editing or removing a template reruns the tool.
    private func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [URL] = [root]
        for case let url as URL in walker { found.append(url) }
        return found
    }
}
