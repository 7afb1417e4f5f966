import LabSpec

/// Renders a template set with a context into files, in memory: `.mustache` files rendered and the
/// suffix dropped, other files copied byte for byte, `{{var}}` path segments rendered (an empty one
/// drops its file or folder), a `.gitkeep` in every folder left empty.
public enum ScaffoldRenderer {
    public static func render(_ set: TemplateSet, context: TemplateContext) -> RenderedScaffold {
        var work = Work(set: set, renderer: TemplateRenderer(
            context: context,
            partials: set.partials.map { ($0.name, SourceFile(path: set.displayPath($0.file.path), bytes: $0.file.bytes)) }))
        var byPath: [String: RenderedScaffold.File] = [:]
        for file in set.files {
            let display = set.displayPath(file.path)
            var templatePath = file.path
            let isTemplate = templatePath.hasSuffix(".mustache")
            if isTemplate { templatePath.removeLast(".mustache".count) }
            guard let path = work.renderPath(templatePath, of: display) else { continue }
            let bytes: [UInt8]
            if isTemplate {
                do {
                    let rendered = try work.renderer.render(SourceFile(path: display, bytes: file.bytes))
                    work.result.warnings += rendered.warnings
                    work.addSources(rendered.sources)
                    bytes = rendered.bytes
                } catch {
                    work.result.errors += error.diagnostics
                    work.addSources(error.sources)
                    continue
                }
            } else {
                bytes = file.bytes
            }
            if let other = byPath[path] {
                work.result.errors.append(.error(
                    "renders to '\(path)', as '\(other.template)' does", at: Diagnostic.Location(file: display, mark: nil)))
                continue
            }
            byPath[path] = RenderedScaffold.File(path: path, bytes: bytes, executable: file.executable, template: display)
        }
        var files = Array(byPath.values)
        let filePaths = Set(byPath.keys)
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if filePaths.contains(String(parent)) {
                    work.result.errors.append(.error(
                        "'\(parent)' is rendered both as a file and as a folder", at: Diagnostic.Location(file: file.template, mark: nil)))
                }
            }
        }
        files += gitkeeps(set, files: files, work: &work)
        work.result.files = files.sorted { TemplateSet.precedes($0.path, $1.path) }
        return work.result
    }

    /// A `.gitkeep` for each rendered folder that holds no file and no folder, and for the `into`
    /// folder itself when nothing else is rendered.
    private static func gitkeeps(_ set: TemplateSet, files: [RenderedScaffold.File], work: inout Work) -> [RenderedScaffold.File] {
        var occupied: Set<String> = []
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                occupied.insert(String(parent))
            }
        }
        var folders: [String] = []
        for folder in set.folders {
            if let path = work.renderPath(folder, of: set.displayPath(folder)) { folders.append(path) }
        }
        for folder in folders {
            var parent = Substring(folder)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                occupied.insert(String(parent))
            }
        }
        // `_root/` stands for the lab root, which needs no `.gitkeep`.
        var keeps = Set(folders.filter { !occupied.contains($0) && $0 != TemplateSet.rootFolder }).map {
            RenderedScaffold.File(path: $0 + "/.gitkeep", bytes: [], executable: false, template: "")
        }
        if files.isEmpty && folders.isEmpty {
            keeps.append(RenderedScaffold.File(path: ".gitkeep", bytes: [], executable: false, template: ""))
        }
        return keeps.filter { keep in !files.contains { $0.path == keep.path } }
    }

    private struct Work {
        let set: TemplateSet
        let renderer: TemplateRenderer
        var result = RenderedScaffold()
        /// Rendered path segments by their template text: most segments repeat across files.
        var segments: [String: String?] = [:]
        var sourcePaths: Set<String> = []

        init(set: TemplateSet, renderer: TemplateRenderer) {
            self.set = set
            self.renderer = renderer
        }

        mutating func addSources(_ sources: [SourceFile]) {
            for source in sources where sourcePaths.insert(source.path).inserted { result.sources.append(source) }
        }

        /// The rendered path, or nil when a segment renders empty (the file is dropped) or is unsafe
        /// (recorded as a refusal).
        mutating func renderPath(_ path: String, of display: String) -> String? {
            var rendered: [String] = []
            for segment in path.pathSegments(keepingEmpty: true) {
                guard TemplateRenderer.hasTags(segment) else {
                    rendered.append(segment)
                    continue
                }
                if let cached = segments[segment] {
                    guard let cached else { return nil }
                    rendered.append(cached)
                    continue
                }
                guard let text = renderSegment(segment, of: display) else {
                    segments[segment] = .some(nil)
                    return nil
                }
                if text.isEmpty {
                    segments[segment] = .some(nil)
                    return nil
                }
                if let problem = Self.unsafe(text) {
                    result.refusals.append(.error(
                        "path segment '\(segment)' renders to '\(Self.shown(text))', \(problem)",
                        at: Diagnostic.Location(file: display, mark: nil),
                        notes: [Diagnostic.Note("a rendered path must stay inside the scaffold's folder: nothing was written")]))
                    return nil
                }
                segments[segment] = .some(text)
                rendered.append(text)
            }
            return rendered.joined(separator: "/")
        }

        private mutating func renderSegment(_ segment: String, of display: String) -> String? {
            do {
                let output = try renderer.render(SourceFile(path: display, bytes: Array(segment.utf8)))
                for warning in output.warnings {
                    var moved = warning
                    moved.location = Diagnostic.Location(file: display, mark: nil)
                    moved.message = "in its path: " + warning.message
                    if !result.warnings.contains(moved) { result.warnings.append(moved) }
                }
                return output.text
            } catch {
                for diagnostic in error.diagnostics {
                    var moved = diagnostic
                    moved.location = Diagnostic.Location(file: display, mark: nil)
                    moved.message = "in its path: " + diagnostic.message
                    result.errors.append(moved)
                }
                return nil
            }
        }

        /// Why a rendered segment cannot be used as a path segment, if it cannot.
        static func unsafe(_ text: String) -> String? {
            if text == "." || text == ".." { return "which would leave its folder" }
            if text.contains("/") { return "which holds '/'" }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return "which holds a control character"
            }
            return nil
        }

        static func shown(_ text: String) -> String {
            String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        }
    }
}
