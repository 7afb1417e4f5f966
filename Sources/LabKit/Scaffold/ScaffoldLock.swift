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
/// the mode and SHA-256 of the content generated at that path (inside `into`), which
/// `.lab/base/<scaffold>/<path>` holds.
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
    }

    public var text: String {
        var lines = [Self.header, "version 1"]
        for name in scaffolds.keys.sorted(by: TemplateSet.precedes) {
            guard let record = scaffolds[name] else { continue }
            lines += ["", "scaffold \(name)", "from \(record.from)", "into \(record.into)",
                      "template \(record.templateDigest)", "vars \(record.varsDigest)"]
            for path in record.files.keys.sorted(by: TemplateSet.precedes) {
                guard let entry = record.files[path] else { continue }
                lines.append("file \(entry.executable ? "755" : "644") \(entry.sha256) \(path)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
            let value = keyEnd < line.endIndex ? String(line[line.index(after: keyEnd)...]) : ""
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
                        let path = RelativePath.normalize(String(parts[2])), path == parts[2], path != "."
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
