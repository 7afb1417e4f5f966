import Foundation
import LabRuntime
import Synchronization

/// A `run:` command that the shell would only split into words and execute: it can be executed
/// directly, as make does, saving a shell per step — with the same environment, working folder,
/// exit status, timeout and output as `sh -c` would give.
///
/// Only for `/bin/sh` as dash (Debian's and Ubuntu's): what is emulated is dash's behaviour. A
/// command qualifies when its text has no shell syntax at all — no quoting, expansion, globbing,
/// redirection, pipe, list, grouping, comment or assignment, one line — and its first word is
/// neither a reserved word nor a shell builtin (but `true` and `false` without arguments, which
/// the system's programs of those names do identically, whatever the step's `PATH` holds). Any
/// other program must be found on the step's own `PATH`; anything else, and any failure to
/// start, goes to the shell.
public struct DirectCommand: Sendable, Equatable {
    /// The program as the shell would pass it to `execve`: as written when it holds a slash, else
    /// the `PATH` entry it was found in (as written) and its name — relative ones relative to the
    /// step's folder, where it starts — so that a script sees the same `$0` either way.
    public var executable: String
    /// Every word, the program's name as written first.
    public var words: [String]

    /// Whether `byte` makes a command shell syntax (anything but a plain word list): quoting,
    /// expansion, globbing, redirection, a separator, a comment, or a control character but tab.
    /// Every such character is ASCII, so bytes of UTF-8 are enough. (A switch rather than a
    /// `Set<Unicode.Scalar>`: the first Set of an element type costs a scan of every
    /// conformance record of the binary, on every run.)
    private static func isSyntax(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "`"),
            UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "#"),
            UInt8(ascii: "!"):
            return true
        default:
            return byte < 0x20 && byte != UInt8(ascii: "\t")
        }
    }

    private static let shellWords: Set<String> = [
        // Reserved words.
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "function",
        "select", "time",
        // dash's builtins, but true and false.
        ".", ":", "alias", "bg", "break", "cd", "chdir", "command", "continue", "echo", "eval", "exec", "exit", "export",
        "fc", "fg", "getopts", "hash", "jobs", "kill", "local", "printf", "pwd", "read", "readonly", "return", "set",
        "shift", "test", "times", "trap", "type", "ulimit", "umask", "unalias", "unset", "wait", "source",
    ]

    /// Whether `shell` is dash, whose behaviour direct execution reproduces.
    public static func shellIsDash(_ shell: String, locator: ProgramLocator) -> Bool {
        guard let path = locator.locate(shell), let resolved = realpath(path, nil) else { return false }
        defer { free(resolved) }
        return String(cString: resolved).hasSuffix("/dash")
    }

    /// The words of `command` when it is a plain word list, else nil.
    public static func words(of command: String) -> [String]? {
        guard !command.utf8.contains(where: isSyntax) else { return nil }
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, !first.utf8.contains(UInt8(ascii: "=")), !shellWords.contains(first) else { return nil }
        return words
    }

    /// The direct form of `command`, its program found as the shell would from `folder` — a path
    /// holding a slash from there, a name on `path` (the step's own `PATH`; an empty or relative
    /// entry is the folder's) — or nil when the shell must run it.
    public static func resolve(_ command: String, path: String?, from folder: String) -> DirectCommand? {
        guard let words = words(of: command), let program = words.first else { return nil }
        if program == "true" || program == "false" {
            // dash runs its builtins whatever PATH holds; the system's programs of those names do
            // the same, given no argument (GNU's read `--help` and `--version`).
            guard words.count == 1, let system = systemPrograms.locate(program) else { return nil }
            return DirectCommand(executable: system, words: words)
        }
        let search = search(path: path ?? "/usr/local/bin:/usr/bin:/bin", folder: folder)
        guard let executable = search.executable(for: program) else { return nil }
        return DirectCommand(executable: executable, words: words)
    }

    /// One search per `PATH` and folder for the whole run, so that each program is looked for once
    /// — as a shell remembers where it found a command — and the search path is split once, not
    /// once per step. A program found that is gone by the time it starts goes to the shell, like
    /// any failed start.
    private static func search(path: String, folder: String) -> Search {
        let key = SearchKey(path: path, folder: folder)
        return searches.withLock { known in
            if let search = known[key] { return search }
            let search = Search(path: path, folder: folder)
            known[key] = search
            return search
        }
    }

    private struct SearchKey: Hashable {
        var path: String
        var folder: String
    }

    private static let searches = Mutex<[SearchKey: Search]>([:])

    /// Where `true` and `false` are taken from, in place of dash's builtins.
    private static let systemPrograms = ProgramLocator(directories: ["/usr/bin", "/bin"])

    /// dash's search: each entry as written, and where it is from this process (split here, not
    /// joined into a PATH again: the lab's folder may hold a ':').
    private final class Search: Sendable {
        let folder: String
        let written: [String]
        let absolute: [String]
        let found = Mutex<[String: String?]>([:])

        init(path: String, folder: String) {
            self.folder = folder
            written = path.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            absolute = written.map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
        }

        /// What dash would `execve` for `program`, or nil when it is not an executable file.
        func executable(for program: String) -> String? {
            if let known = found.withLock({ $0[program] }) { return known }
            var answer: String?
            if program.utf8.contains(UInt8(ascii: "/")) {
                answer = ProgramLocator.isExecutableFile(program.hasPrefix("/") ? program : folder + "/" + program) ? program : nil
            } else if let index = absolute.indices.first(where: { ProgramLocator.isExecutableFile(absolute[$0] + "/" + program) }) {
                // An empty entry gives the bare name, as dash builds it.
                answer = written[index].isEmpty ? program : written[index] + "/" + program
            }
            found.withLock { $0[program] = answer }
            return answer
        }
    }

    /// The `PWD` dash would export from `folder`: the inherited one while it still names that
    /// folder, else the folder's physical path.
    public static func workingDirectoryVariable(for folder: String, inherited: String?) -> String {
        var wanted = stat()
        guard stat(folder, &wanted) == 0 else { return folder }
        if let inherited, inherited.hasPrefix("/") {
            var current = stat()
            if stat(inherited, &current) == 0, current.st_dev == wanted.st_dev, current.st_ino == wanted.st_ino {
                return inherited
            }
        }
        guard let real = realpath(folder, nil) else { return folder }
        defer { free(real) }
        return String(cString: real)
    }
}
