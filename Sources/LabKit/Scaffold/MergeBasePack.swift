import LabRuntime
import LabSpec

/// `.lab/base/<scaffold>.bases`: the content every file of one scaffold was last generated with
/// (its merge base), all in one file, so that a render writes one file more than the files it
/// generates, not twice as many.
///
/// Each base is a header line, its bytes exactly, then a newline of the format's own, so that the
/// next header starts a line whatever the content ends with:
///
///     # lab merge bases of scaffold 'app': what `lab scaffold` generated last. Commit it; do not edit it.
///     version 1
///     file 6 5891b5b5… README.md
///     hello
///
///     file 0 e3b0c442… empty.txt
///
/// `file SIZE SHA256 PATH`, sorted by path, the path written as in the lock (quoted when it could
/// be mistaken for the line format). Text bases stay readable, and a template change shows in a
/// diff as the lines it changed; git merges two branches that changed different bases cleanly.
/// Every base's size frames it and its digest checks it, all of them as the pack is read: a pack
/// edited by hand or merged with conflict markers is refused, never read as a wrong base.
public struct MergeBasePack: Sendable {
    /// Where the pack of `scaffold` is, relative to the lab root.
    public static func path(of scaffold: String) -> String {
        ScaffoldPlanner.baseFolder + "/" + scaffold + ".bases"
    }

    static func header(of scaffold: String) -> String {
        "# lab merge bases of scaffold '\(scaffold)': what `lab scaffold` generated last. Commit it; do not edit it."
    }

    public struct Entry: Sendable, Equatable {
        public var sha256: String
        /// Where its bytes are in `bytes`.
        var range: Range<Int>
    }

    /// The pack as read; each entry's bytes are a range of it.
    let bytes: [UInt8]
    /// By path inside the scaffold's `into`.
    public private(set) var entries: [String: Entry]

    public init() {
        bytes = []
        entries = [:]
    }

    /// The bytes of the base of `path`; nil when the pack has none.
    public func base(of path: String) -> [UInt8]? {
        entries[path].map { Array(bytes[$0.range]) }
    }

    /// What to do about a pack that does not read, for the messages.
    static let wayOut = "delete it to start afresh: the next 'lab scaffold' then leaves each file you edited as it is, with a changed render beside it as PATH.lab-new"

    /// Reads a pack, checking every base against its digest. A pack that does not parse, holds
    /// merge conflict markers, or has a base that does not match its digest is an error naming
    /// its line.
    public init(parsing bytes: [UInt8], displayPath: String) throws(FileError) {
        self.bytes = bytes
        var entries: [String: Entry] = [:]
        var position = 0
        var sawVersion = false
        func lineNumber(at offset: Int) -> Int {
            1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        func failure(_ reason: String, at offset: Int) -> FileError {
            let advised = reason.contains(Self.wayOut) ? reason : reason + "; " + Self.wayOut
            return FileError("read", displayPath, reason: "line \(lineNumber(at: offset)): \(advised)")
        }
        while position < bytes.count {
            let start = position
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw failure("the last line does not end", at: start)
            }
            position = end + 1
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") {
                throw failure(
                    "its lines end in CR LF, which breaks the sizes that frame each base: add '.lab/base/*.bases -text' to .gitattributes, delete it and check it out again (git checkout -- \(displayPath)), or \(Self.wayOut)",
                    at: start)
            }
            if line.hasPrefix("#") || (line.isEmpty && !sawVersion) { continue }
            if line.hasPrefix("<<<<<<<") || line.hasPrefix(">>>>>>>") || line == "=======" {
                throw failure(
                    "it holds merge conflict markers: take one side whole (git checkout --ours, or --theirs, -- \(displayPath)) and run 'lab scaffold' again, or \(Self.wayOut)",
                    at: start)
            }
            if !sawVersion {
                guard line == "version 1" else {
                    throw failure(line.hasPrefix("version ") ? "unknown \(line) (this lab reads version 1)" : "expected 'version 1'", at: start)
                }
                sawVersion = true
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == "file", let size = Int(parts[1]), size >= 0, String(size) == parts[1],
                parts[2].count == 64, parts[2].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }),
                let written = ScaffoldLock.unquoted(String(parts[3])),
                let path = RelativePath.normalize(written), path == written, path != "."
            else { throw failure("expected 'file SIZE SHA256 PATH'", at: start) }
            guard size < bytes.count - position, bytes[position + size] == UInt8(ascii: "\n") else {
                throw failure("the base of '\(path)' is not \(size) bytes long, as its line says", at: start)
            }
            guard entries[path] == nil else { throw failure("'\(path)' appears twice", at: start) }
            if RenderedScaffold.isAtRoot(path), let problem = ScaffoldPlanner.recordedPathProblem(RenderedScaffold.labPath(of: path, into: "")) {
                throw failure("a base of '\(path)', but \(problem) (was the pack edited?)", at: start)
            }
            let range = position..<(position + size)
            guard ContentDigest.sha256(bytes[range]) == parts[2] else {
                throw failure("the base of '\(path)' does not match its SHA-256 (was it edited by hand?): \(Self.wayOut)", at: start)
            }
            entries[path] = Entry(sha256: String(parts[2]), range: range)
            position += size + 1
        }
        if !sawVersion && !bytes.isEmpty { throw failure("no 'version' line", at: 0) }
        self.entries = entries
    }

    /// The bases of a pack by path: the bytes and their SHA-256.
    public typealias Bases = [String: (bytes: ArraySlice<UInt8>, sha256: String)]

    /// Writes the pack of `scaffold` holding `bases` to `sink`, a piece at a time.
    public static func write<Sink: ByteSink>(of scaffold: String, bases: Bases, to sink: inout Sink) throws(Sink.Failure) {
        try sink.append(header(of: scaffold) + "\nversion 1\n")
        for (path, base) in bases.sorted(by: { TemplateSet.precedes($0.key, $1.key) }) {
            try sink.append("file \(base.bytes.count) \(base.sha256) \(ScaffoldLock.quoted(path))\n")
            try sink.append(base.bytes)
            try sink.append("\n")
        }
    }

    /// Every base with its bytes, for writing the pack again with some changed.
    public var all: Bases {
        entries.mapValues { (bytes[$0.range], $0.sha256) }
    }
}
