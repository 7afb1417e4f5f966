import LabRuntime
import LabSpec

/// `.lab/scaffold.lock`: what each scaffold last generated, committed with the lab so that
/// regeneration knows which files are its own and what they held.
///
/// A plain line format, sorted, one line per file, so a change shows as a small diff:
///
///     # lab scaffold lock: what `lab scaffold` generated. Commit it; do not edit it.
///     version 1
///
///     scaffold cloud
///     from builtin:cloud
///     into cloud
///     template 3b4c…
///     vars 9f2e…
///     file 644 e3b0c442… README.md
///     file 755 5d41402a… scripts/build.sh
///
/// `template` is the SHA-256 of the template set, `vars` of the scaffold's vars, each `file` line
/// the mode and SHA-256 of the content generated at that path (inside `into`), which the
/// scaffold's pack of merge bases, `.lab/base/<scaffold>.bases`, holds. A name or path that could be mistaken for the line format
/// (a backslash, a quote first, a control character, a blank at either end) is written as a
/// double-quoted string with backslash escapes, so no value can forge a line.
public struct ScaffoldLock: Sendable, Equatable {
    public static let path = ".lab/scaffold.lock"
    static let header = "# lab scaffold lock: what `lab scaffold` generated. Commit it; do not edit it."

    public struct Entry: Sendable, Equatable {
        public var executable: Bool
        public var sha256: String

        public init(executable: Bool, sha256: String) {
            self.executable = executable
            self.sha256 = sha256
        }
    }

    public struct Record: Sendable, Equatable {
        public var from: String
        public var into: String
        public var templateDigest: String
        public var varsDigest: String
        /// By path inside `into`.
        public var files: [String: Entry]

        public init(from: String, into: String, templateDigest: String, varsDigest: String, files: [String: Entry] = [:]) {
            self.from = from
            self.into = into
            self.templateDigest = templateDigest
            self.varsDigest = varsDigest
            self.files = files
        }
    }

    /// By scaffold name.
    public var scaffolds: [String: Record]

    public init(scaffolds: [String: Record] = [:]) {
        self.scaffolds = scaffolds
    }

    /// A lock file that cannot be read back.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "'\(ScaffoldLock.path)' line \(line): \(reason)" }

        /// What to do about it, for the message.
        public static let wayOut = "run 'lab scaffold --repair-lock' to rebuild the lock from .lab/base/"
    }

    /// `value` as it is when it reads back the same, else double-quoted with escapes.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.hasPrefix("\"") || value.hasPrefix(" ") || value.hasSuffix(" ")
            || value.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The value `quoted` wrote: as it is unless it starts with a quote; nil when a quoted value is
    /// malformed.
    static func unquoted(_ text: String) -> String? {
        guard text.hasPrefix("\"") else { return text }
        var scalars = Array(text.unicodeScalars.dropFirst())
        guard scalars.last == "\"" else { return nil }
        scalars.removeLast()
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" { return nil }
            guard scalar == "\\" else { out.append(scalar); continue }
            guard index < scalars.count else { return nil }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "u":
                guard index + 4 <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + 4)])), radix: 16),
                    let decoded = Unicode.Scalar(value)
                else { return nil }
                out.append(decoded)
                index += 4
            default: return nil
            }
        }
        return String(out)
    }

    public var text: String {
        var text = Self.header + "\nversion 1\n"
        for (name, record) in scaffolds.sorted(by: { TemplateSet.precedes($0.key, $1.key) }) {
            text += "\nscaffold \(Self.quoted(name))\nfrom \(Self.quoted(record.from))\ninto \(Self.quoted(record.into))\n"
            text += "template \(record.templateDigest)\nvars \(record.varsDigest)\n"
            text.reserveCapacity(text.utf8.count + record.files.count * 120)
            for (path, entry) in record.files.sorted(by: { TemplateSet.precedes($0.key, $1.key) }) {
                text += "file " + (entry.executable ? "755 " : "644 ") + entry.sha256 + " " + Self.quoted(path) + "\n"
            }
        }
        return text
    }

    public init(parsing text: String) throws(FormatError) {
        var scaffolds: [String: Record] = [:]
        var current: (name: String, record: Record)?
        var sawVersion = false
        func finish() {
            if let current { scaffolds[current.name] = current.record }
            current = nil
        }
        // "\r\n" is one Character: split on both, for a lock checked out with CRLF line endings.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("<<<<<<<") || line.hasPrefix(">>>>>>>") || line == "=======" {
                throw FormatError(line: number, reason: "it holds merge conflict markers: resolve them, or delete the lock and run 'lab scaffold' again")
            }
            let keyEnd = line.firstIndex(of: " ") ?? line.endIndex
            let key = line[..<keyEnd]
            let rawValue = keyEnd < line.endIndex ? String(line[line.index(after: keyEnd)...]) : ""
            func unquoted(_ text: String) throws(FormatError) -> String {
                guard let value = Self.unquoted(text) else {
                    throw FormatError(line: number, reason: "a quoted value that does not end or holds an unknown escape")
                }
                return value
            }
            let value = key == "file" ? rawValue : try unquoted(rawValue)
            switch key {
            case "version":
                guard value == "1" else { throw FormatError(line: number, reason: "unknown version '\(value)' (this lab reads version 1)") }
                sawVersion = true
            case "scaffold":
                guard !value.isEmpty else { throw FormatError(line: number, reason: "a scaffold without a name") }
                finish()
                guard scaffolds[value] == nil else { throw FormatError(line: number, reason: "scaffold '\(value)' appears twice") }
                current = (value, Record(from: "", into: "", templateDigest: "", varsDigest: ""))
            case "from", "into", "template", "vars", "file":
                guard current != nil else { throw FormatError(line: number, reason: "'\(key)' before any 'scaffold' line") }
                switch key {
                case "from": current?.record.from = value
                case "into": current?.record.into = value
                case "template": current?.record.templateDigest = value
                case "vars": current?.record.varsDigest = value
                default:
                    let parts = value.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                    guard parts.count == 3, parts[0] == "644" || parts[0] == "755", parts[1].count == 64,
                        let written = Self.unquoted(String(parts[2])),
                        let path = RelativePath.normalize(written), path == written, path != "."
                    else { throw FormatError(line: number, reason: "expected 'file MODE SHA256 PATH'") }
                    guard current?.record.files[path] == nil else {
                        throw FormatError(line: number, reason: "'\(path)' appears twice")
                    }
                    current?.record.files[path] = Entry(executable: parts[0] == "755", sha256: String(parts[1]))
                }
            default:
                throw FormatError(line: number, reason: "unknown line '\(key)'")
            }
        }
        finish()
        if !sawVersion && !scaffolds.isEmpty { throw FormatError(line: 1, reason: "no 'version' line") }
        self.scaffolds = scaffolds
    }
}

extension ScaffoldLock {
    /// The lock rebuilt from the merge bases in `.lab/base/`, for a lock that no longer reads
    /// (`lab scaffold --repair-lock`): each scaffold of the lab with bases gets a record, each base
    /// an entry with its digest and the executable bit of the file generated from it. The template
    /// and vars digests are left empty: the next run records them.
    public static func rebuilt(for scaffolds: [Scaffold], files: ContainedRoot) throws(FileError) -> ScaffoldLock {
        var lock = ScaffoldLock()
        let missing = MissingFolders(root: files.path)
        for scaffold in scaffolds {
            let bases = try ScaffoldBases.load(scaffold.name, files: files, missing: missing)
            guard bases.hasPack || bases.hasFolder else { continue }
            var record = Record(from: scaffold.from.description, into: scaffold.into, templateDigest: "", varsDigest: "")
            // A pack's bases were checked against their digests as it was read.
            for (path, base) in try bases.all(files: files) {
                let generated = try files.resolve(RenderedScaffold.labPath(of: path, into: scaffold.into), for: "read").absolute
                let executable = (FileSystem.mode(generated) ?? 0) & 0o111 != 0
                record.files[path] = Entry(executable: executable, sha256: base.sha256)
            }
            lock.scaffolds[scaffold.name] = record
        }
        return lock
    }
}
