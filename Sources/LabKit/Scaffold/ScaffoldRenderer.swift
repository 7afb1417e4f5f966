import Foundation
import LabRuntime
import LabSpec

/// Renders a template set with a context into files, in memory: `.mustache` files rendered and the
/// suffix dropped, other files copied byte for byte, `{{var}}` path segments rendered (an empty one
/// drops its file or folder), a `.gitkeep` in every folder left empty.
public enum ScaffoldRenderer {
    public static func render(_ set: TemplateSet, context: TemplateContext) -> RenderedScaffold {
        let partials = set.partials.map { ($0.name, SourceFile(path: set.displayPath($0.file.path), bytes: $0.file.bytes)) }
        var work = Work(set: set, renderer: TemplateRenderer(context: context, partials: partials))
        // Paths first, in order: most segments repeat, and their renders are cached. What a path
        // reports is kept aside, to be reported with what its content reports, file by file.
        var jobs: [Job] = []
        jobs.reserveCapacity(set.files.count)
        var pathReports: [PathReport] = []
        pathReports.reserveCapacity(set.files.count)
        for file in set.files {
            let display = set.displayPath(file.path)
            var templatePath = file.path
            let isTemplate = templatePath.hasSuffix(".mustache")
            if isTemplate { templatePath.removeLast(".mustache".count) }
            let counts = (work.result.errors.count, work.result.warnings.count, work.result.refusals.count)
            let path = work.renderPath(templatePath, of: display)
            pathReports.append(PathReport(
                errors: Array(work.result.errors[counts.0...]), warnings: Array(work.result.warnings[counts.1...]),
                refusals: Array(work.result.refusals[counts.2...]), job: path == nil ? nil : jobs.count))
            work.result.errors.removeSubrange(counts.0...)
            work.result.warnings.removeSubrange(counts.1...)
            work.result.refusals.removeSubrange(counts.2...)
            if let path { jobs.append(Job(file: file, display: display, path: path, isTemplate: isTemplate)) }
        }
        let outputs = renderContents(jobs, first: work.renderer, context: context, partials: partials)
        var byPath: [String: RenderedScaffold.File] = [:]
        for report in pathReports {
            work.result.errors += report.errors
            work.result.warnings += report.warnings
            work.result.refusals += report.refusals
            guard let index = report.job else { continue }
            let (job, output) = (jobs[index], outputs[index])
            let bytes: [UInt8]
            let digest: String
            switch output {
            case .copied(let sha256):
                bytes = job.file.bytes
                digest = sha256
            case .rendered(let rendered, let sha256):
                work.result.warnings += rendered.warnings
                work.addSources(rendered.sources)
                bytes = rendered.bytes
                digest = sha256
            case .failed(let error):
                work.result.errors += error.diagnostics
                work.addSources(error.sources)
                continue
            }
            if let other = byPath[job.path] {
                work.result.errors.append(.error(
                    "renders to '\(job.path)', as '\(other.template)' does", at: Diagnostic.Location(file: job.display, mark: nil)))
                continue
            }
            byPath[job.path] = RenderedScaffold.File(
                path: job.path, bytes: bytes, executable: job.file.executable, template: job.display, sha256: digest)
        }
        var files = Array(byPath.values)
        // Substrings: a parent looked up is not copied out of its path.
        let filePaths = Set(byPath.keys.lazy.map { Substring($0) })
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.utf8.lastIndex(of: UInt8(ascii: "/")) {
                parent = parent[..<slash]
                if filePaths.contains(parent) {
                    work.result.errors.append(.error(
                        "'\(parent)' is rendered both as a file and as a folder", at: Diagnostic.Location(file: file.template, mark: nil)))
                }
            }
        }
        files += gitkeeps(set, files: files, work: &work)
        // Sorted by index: moving whole files around while sorting costs more than comparing.
        let order = files.indices.sorted { TemplateSet.precedes(files[$0].path, files[$1].path) }
        work.result.files = order.map { files[$0] }
        return work.result
    }

    /// What rendering a file's path reported, and its job (nil: the file is dropped).
    private struct PathReport {
        var errors: [Diagnostic]
        var warnings: [Diagnostic]
        var refusals: [Diagnostic]
        var job: Int?
    }

    /// A file of the set whose path rendered.
    private struct Job {
        var file: TemplateFile
        var display: String
        var path: String
        var isTemplate: Bool
    }

    /// What became of a job's content, and the SHA-256 of the bytes it gives.
    private enum Output {
        case copied(sha256: String)
        case rendered(RenderedText, sha256: String)
        case failed(TemplateError)
    }

    /// Renders (or copies) the content of every job, side by side: a worker per core, each with a
    /// renderer of its own (a renderer caches what it resolved, for the files it renders next).
    /// The first worker uses `first`.
    private static func renderContents(
        _ jobs: [Job], first: TemplateRenderer, context: TemplateContext, partials: [(String, SourceFile)]
    ) -> [Output] {
        var outputs = [Output](repeating: .copied(sha256: ""), count: jobs.count)
        // A worker is worth its start-up for a few dozen files.
        let width = min(ProcessInfo.processInfo.activeProcessorCount, max(1, jobs.count / 32))
        outputs.withUnsafeMutableBufferPointer { outputs in
            ConcurrentFileWork.blocking(jobs.count, width: width) { run in
                let renderer = run.lowerBound == 0 ? first : TemplateRenderer(context: context, partials: partials)
                for index in run {
                    let job = jobs[index]
                    guard job.isTemplate else {
                        outputs[index] = .copied(sha256: ContentDigest.sha256(job.file.bytes))
                        continue
                    }
                    do throws(TemplateError) {
                        let rendered = try renderer.render(SourceFile(path: job.display, bytes: job.file.bytes))
                        outputs[index] = .rendered(rendered, sha256: ContentDigest.sha256(rendered.bytes))
                    } catch {
                        outputs[index] = .failed(error)
                    }
                }
            }
        }
        return outputs
    }

    /// A `.gitkeep` for each rendered folder that holds no file and no folder, and for the `into`
    /// folder itself when nothing else is rendered.
    private static func gitkeeps(_ set: TemplateSet, files: [RenderedScaffold.File], work: inout Work) -> [RenderedScaffold.File] {
        var occupied: Set<Substring> = []
        for file in files {
            var parent = Substring(file.path)
            while let slash = parent.utf8.lastIndex(of: UInt8(ascii: "/")) {
                parent = parent[..<slash]
                // The rest of the way up was inserted with an earlier file of this folder.
                guard occupied.insert(parent).inserted else { break }
            }
        }
        var folders: [String] = []
        for folder in set.folders {
            if let path = work.renderPath(folder, of: set.displayPath(folder)) { folders.append(path) }
        }
        for folder in folders {
            var parent = Substring(folder)
            while let slash = parent.utf8.lastIndex(of: UInt8(ascii: "/")) {
                parent = parent[..<slash]
                guard occupied.insert(parent).inserted else { break }
            }
        }
        // `_root/` stands for the lab root, which needs no `.gitkeep`.
        var keeps = Set(folders.filter { !occupied.contains(Substring($0)) && $0 != TemplateSet.rootFolder }).map {
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
            // Most paths have no tag at all.
            guard TemplateRenderer.hasTags(path) else { return path }
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
