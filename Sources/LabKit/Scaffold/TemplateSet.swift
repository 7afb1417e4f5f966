import LabRuntime
import Foundation
import LabSpec

/// A template set ready to render: its files, its partials, its folders, and a digest of all of it.
///
/// A set is a folder tree, compiled in (`builtin:NAME`) or a folder of the lab. Files under its
/// top-level `_partials/` folder are partials (`_partials/header.mustache` is `{{> header}}`), not
/// rendered on their own. Files under its top-level `_root/` folder are rendered at the lab root
/// instead of the scaffold's `into` folder (see `RenderedScaffold.labPath`).
public struct TemplateSet: Sendable {
    public static let partialsFolder = "_partials"
    public static let rootFolder = "_root"

    public var source: Scaffold.Source
    /// The files to render or copy, sorted by path; partials excluded.
    public var files: [TemplateFile]
    /// Partials by name: their path under `_partials/` without `.mustache`.
    public var partials: [(name: String, file: TemplateFile)]
    /// Every folder of the set (not its root), so a folder left empty can get a `.gitkeep`.
    public var folders: [String]
    /// SHA-256 over every path, executable bit and content of the set (partials included, in
    /// path order), then every folder: computed when asked, as it reads every byte of the set
    /// (the planner asks on a thread of its own while the set renders).
    public var digest: String {
        var builder = ContentDigest.Builder()
        for file in (files + partials.map(\.file)).sorted(by: { Self.precedes($0.path, $1.path) }) {
            builder.add(file.path)
            builder.add(file.executable ? "x" : "-")
            builder.add(file.bytes)
        }
        for folder in folders { builder.add("folder:" + folder) }
        return builder.finish()
    }

    public init(source: Scaffold.Source, files: [TemplateFile], folders: [String] = []) {
        self.source = source
        var rendered: [TemplateFile] = []
        var partials: [(name: String, file: TemplateFile)] = []
        for file in files {
            let prefix = Self.partialsFolder + "/"
            if file.path.hasPrefix(prefix) {
                var name = String(file.path.dropFirst(prefix.count))
                if name.hasSuffix(".mustache") { name.removeLast(".mustache".count) }
                partials.append((name, file))
            } else {
                rendered.append(file)
            }
        }
        // The folders of every file: a folder met before had its own parents added then.
        var allFolders: Set<String> = []
        for file in rendered {
            var parent = Substring(file.path)
            while let slash = parent.utf8.lastIndex(of: UInt8(ascii: "/")) {
                parent = parent[..<slash]
                guard allFolders.insert(String(parent)).inserted else { break }
            }
        }
        allFolders.formUnion(folders)
        self.files = rendered.sorted { Self.precedes($0.path, $1.path) }
        self.partials = partials.sorted { Self.precedes($0.name, $1.name) }
        self.folders = allFolders.filter { $0 != Self.partialsFolder && !$0.hasPrefix(Self.partialsFolder + "/") }
            .sorted(by: Self.precedes)
    }

    /// Renders one file of the set, with the set's partials: for a template used on its own, such
    /// as the phase document (`builtin:phase`, `phase.md.mustache`).
    public func render(_ path: String, context: TemplateContext) throws(TemplateError) -> RenderedText {
        guard let file = files.first(where: { $0.path == path }) ?? partials.first(where: { $0.file.path == path })?.file else {
            throw TemplateError([.error("no template '\(path)' in '\(source)'", at: nil)])
        }
        let renderer = TemplateRenderer(
            context: context,
            partials: partials.map { ($0.name, SourceFile(path: displayPath($0.file.path), bytes: $0.file.bytes)) })
        return try renderer.render(SourceFile(path: displayPath(path), bytes: file.bytes))
    }

    /// How a file of the set is named in messages: `builtin:cloud/main.tf` or `templates/cloud/main.tf`.
    public func displayPath(_ path: String) -> String {
        "\(source)/\(path)"
    }

    /// Byte order, so that sorting is the same everywhere.
    static func precedes(_ a: String, _ b: String) -> Bool {
        // In place for native strings (no copy to make either contiguous).
        let inPlace = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        if let inPlace, let inPlace { return inPlace }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Why a set cannot be loaded: a missing set or folder (an error), or a symbolic link leading
    /// out of the template folder (a refusal).
    public struct LoadError: Error, Sendable {
        public var diagnostics: [Diagnostic]
        /// The set is refused for safety rather than broken.
        public var isRefusal: Bool
    }

    /// Loads a built-in set, or a folder relative to the lab `root`.
    public static func load(_ source: Scaffold.Source, root: URL) throws(LoadError) -> TemplateSet {
        switch source {
        case .builtin(let name):
            guard let files = BuiltinSets.templateFiles(of: name) else {
                throw LoadError(diagnostics: [.error("no built-in template set '\(source)'", at: nil)], isRefusal: false)
            }
            return TemplateSet(source: source, files: files)
        case .folder(let folder):
            var reader = FolderReader(display: folder)
            let top: String
            do {
                // A template folder that is a link out of the lab would copy outside files in.
                top = try ContainedRoot(root.path).resolve(folder, for: ContainedRoot.copyFrom).absolute
            } catch {
                throw LoadError(diagnostics: [.error(error.description, at: nil)], isRefusal: true)
            }
            guard FileSystem.resolvedKind(top) == .directory else {
                throw LoadError(diagnostics: [.error("template folder '\(folder)' does not exist", at: nil)], isRefusal: false)
            }
            guard let real = realpath(top, nil) else {
                throw LoadError(diagnostics: [.error("cannot read the template folder '\(folder)'", at: nil)], isRefusal: false)
            }
            reader.realRoot = String(cString: real)
            free(real)
            reader.visited.insert(reader.realRoot)
            reader.walk(top, relative: "")
            reader.readFiles()
            if !reader.refusals.isEmpty { throw LoadError(diagnostics: reader.refusals, isRefusal: true) }
            if !reader.errors.isEmpty { throw LoadError(diagnostics: reader.errors, isRefusal: false) }
            return TemplateSet(source: source, files: reader.files, folders: reader.folders)
        }
    }

    /// Reads a template folder, following symbolic links that stay inside it.
    private struct FolderReader {
        let display: String
        var realRoot = ""
        var visited: Set<String> = []
        var files: [TemplateFile] = []
        /// Files found by the walk, read afterwards side by side: the absolute path, the relative one.
        var found: [(path: String, relative: String)] = []
        var folders: [String] = []
        var errors: [Diagnostic] = []
        /// The walk's errors, each with the number of files found before it: merged with the
        /// read errors by `readFiles`, so that every error comes in the set's order.
        var walkErrors: [(filesBefore: Int, diagnostic: Diagnostic)] = []
        var refusals: [Diagnostic] = []

        init(display: String) { self.display = display }

        mutating func walk(_ path: String, relative: String) {
            guard let rawNames = FileSystem.rawNames(path) else {
                fail(.error("cannot list the template folder", at: location(relative)))
                return
            }
            var names: [(name: String, kind: FileSystem.Kind?)] = []
            for raw in rawNames {
                // A name that cannot be written to the scaffold lock as it is, or printed safely.
                guard let name = raw.text, raw.isPrintable else {
                    let shown = (relative.isEmpty ? "" : relative + "/") + raw.escaped
                    let problem = raw.text == nil ? "is not valid UTF-8" : "holds a control character"
                    fail(.error(
                        "the file name '\(shown)' \(problem); rename it", at: location(relative.isEmpty ? "" : relative)))
                    continue
                }
                names.append((name, raw.listedKind))
            }
            for (name, listedKind) in names.sorted(by: { $0.name < $1.name }) {
                let child = path + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                // The listing's word for what each entry is saves a `stat` a file. A file is read
                // later without following a link in its last part, so one swapped for a link
                // meanwhile is refused, not followed out of the folder (a folder swapped for a link
                // between its listing and its own is not caught, as it was not with `lstat`).
                switch listedKind ?? FileSystem.kind(child) {
                case .directory:
                    folders.append(childRelative)
                    walk(child, relative: childRelative)
                case .file:
                    read(child, relative: childRelative)
                case .symlink:
                    follow(child, relative: childRelative)
                case .other:
                    fail(.error("not a regular file or a folder (a FIFO, a device or a socket)", at: location(childRelative)))
                case .missing:
                    fail(.error("disappeared while the template folder was read", at: location(childRelative)))
                }
            }
        }

        private mutating func follow(_ link: String, relative: String) {
            guard let resolved = realpath(link, nil) else {
                fail(.error("symbolic link leads nowhere", at: location(relative)))
                return
            }
            let target = String(cString: resolved)
            free(resolved)
            guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                refusals.append(.error(
                    "symbolic link points outside the template folder, to '\(target)'", at: location(relative),
                    notes: [Diagnostic.Note("a template set may only link to its own files")]))
                return
            }
            switch FileSystem.resolvedKind(target) {
            case .directory:
                guard visited.insert(target).inserted else {
                    fail(.error("symbolic link makes a loop", at: location(relative)))
                    return
                }
                folders.append(relative)
                walk(target, relative: relative)
                visited.remove(target)
            case .file:
                read(target, relative: relative)
            default:
                fail(.error("symbolic link leads to something that is not a file or a folder", at: location(relative)))
            }
        }

        private mutating func read(_ path: String, relative: String) {
            found.append((path, relative))
        }

        private mutating func fail(_ diagnostic: Diagnostic) {
            walkErrors.append((found.count, diagnostic))
        }

        /// Reads the files the walk found, in order; a worker per core for a set of any size.
        mutating func readFiles() {
            let found = self.found
            let display = self.display
            var read = [Result<TemplateFile, FileError>?](repeating: nil, count: found.count)
            read.withUnsafeMutableBufferPointer { read in
                let width = min(ProcessInfo.processInfo.activeProcessorCount, max(1, found.count / 64))
                ConcurrentFileWork.blocking(found.count, width: width) { run in
                    for index in run {
                        let (path, relative) = found[index]
                        var mode: mode_t = 0
                        do throws(FileError) {
                            // `path` is a file the walk listed, or a link's real target: neither
                            // ends in a link unless it was swapped for one since.
                            let bytes = try FileSystem.read(
                                path, displayPath: display + "/" + relative, limit: ReadLimits.template, mode: &mode, followingLinks: false)
                            read[index] = .success(TemplateFile(path: relative, bytes: bytes, executable: mode & 0o111 != 0))
                        } catch {
                            read[index] = .failure(error)
                        }
                    }
                }
            }
            var pending = walkErrors[...]
            for (index, result) in read.enumerated() {
                while let next = pending.first, next.filesBefore <= index {
                    errors.append(next.diagnostic)
                    pending.removeFirst()
                }
                switch result {
                case .success(let file): files.append(file)
                case .failure(let error):
                    let message = switch error.code {
                    case ENOENT: "disappeared while the template folder was read"
                    case ELOOP: "became a symbolic link while the template folder was read"
                    default: error.description
                    }
                    errors.append(.error(message, at: location(found[index].relative)))
                case nil: break
                }
            }
            errors += pending.map(\.diagnostic)
        }

        private func location(_ relative: String) -> Diagnostic.Location {
            Diagnostic.Location(file: relative.isEmpty ? display : display + "/" + relative, mark: nil)
        }
    }
}
