import Foundation
import LabRuntime
import LabSpec

/// Shell completion of exercise ids, phase ids and scaffold names: the names of the lab the
/// command line being completed points at (its `-C DIR` and `--lab FILE`), read quickly and
/// without a word on any problem — a completion that fails offers nothing.
public enum CompletionQuery {
    /// The names of the lab found from `workingDirectory` and the words of the command line.
    public static func names(words: [String], workingDirectory: URL) -> LabNames {
        var directory = workingDirectory
        var labFile: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if word == "-C", let next {
                directory = resolve(next, against: directory)
                index += 1
            } else if word.hasPrefix("-C"), word.count > 2 {
                directory = resolve(String(word.dropFirst(2)), against: directory)
            } else if word == "--lab", let next {
                labFile = expandingHome(next)
                index += 1
            } else if word.hasPrefix("--lab=") {
                labFile = expandingHome(String(word.dropFirst("--lab=".count)))
            }
            index += 1
        }
        guard let file = try? LabProject.locate(explicit: labFile, from: directory),
            FileSystem.resolvedKind(file.path) == .file,
            let bytes = try? FileSystem.read(file.path)
        else { return LabNames() }
        return LabNames.read(SourceFile(path: "lab.yml", bytes: bytes))
    }

    private static func resolve(_ path: String, against base: URL) -> URL {
        let path = expandingHome(path)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appending(path: path)
    }

    /// The shell passes `~/lab` as typed.
    private static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = EnvironmentVariable.value("HOME") else { return path }
        return home + path.dropFirst()
    }
}
