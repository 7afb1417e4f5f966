import Foundation

/// The template sets compiled into `lab`, so a binary copied alone to another machine still has
/// them: the scaffold sets (`builtin:cloud`, `builtin:devops`, `builtin:mlops`), the phase-document
/// template (`phase`) and the skeleton of a new lab (`init`). The files come from `Builtin/Sets`,
/// embedded at build time.
public enum BuiltinSets {
    struct File: Sendable {
        let set: String
        let path: String
        let executable: Bool
        let base64: String
    }

    /// Sets used by `lab` itself rather than named in `scaffolds:`.
    static let internalSets: Set<String> = ["phase", "init", "adr", "note"]

    /// The names usable as `from: builtin:NAME`.
    public static var scaffoldSetNames: Set<String> {
        Set(setNames.filter { !internalSets.contains($0) })
    }

    /// The files of a set, or nil when there is no such set.
    public static func templateFiles(of set: String) -> [TemplateFile]? {
        let selected = files.filter { $0.set == set }
        guard !selected.isEmpty else { return nil }
        return selected.map { file in
            TemplateFile(
                path: file.path,
                bytes: Data(base64Encoded: file.base64).map { [UInt8]($0) } ?? [],
                executable: file.executable)
        }
    }
}
