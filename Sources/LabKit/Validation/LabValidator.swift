import Foundation
import LabSpec

/// Everything `lab validate` found: the diagnostics of `lab.yml`, of its templates and of its phase
/// documents, with the sources needed to show their lines.
public struct ValidationReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]
    public var labFile: String
    public var phaseCount: Int
    public var exerciseCount: Int
    public var scaffoldCount: Int

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// `lab.yml: 2 errors, 1 warning` or `lab.yml: valid (4 phases, 34 exercises, 3 scaffolds)`.
    public var summary: String {
        if errorCount == 0 && warningCount == 0 {
            return "\(labFile): valid (\(plural(phaseCount, "phase")), \(plural(exerciseCount, "exercise")), \(plural(scaffoldCount, "scaffold")))"
        }
        var parts: [String] = []
        if errorCount > 0 { parts.append(plural(errorCount, "error")) }
        if warningCount > 0 { parts.append(plural(warningCount, "warning")) }
        return "\(labFile): " + parts.joined(separator: ", ")
    }
}

func plural(_ count: Int, _ word: String) -> String {
    count == 1 ? "1 \(word)" : "\(count) \(word)s"
}

/// Checks a lab as a whole: `lab.yml`, then what it points to.
public enum LabValidator {
    public static func validate(_ project: LabProject) -> ValidationReport {
        var report = ValidationReport(
            diagnostics: project.diagnostics, sources: [], labFile: project.displayName,
            phaseCount: 0, exerciseCount: 0, scaffoldCount: 0)
        guard let lab = project.lab else { return report }
        report.phaseCount = lab.phases.count
        report.exerciseCount = lab.exercises.count
        report.scaffoldCount = lab.scaffolds.count
        let source = project.loaded.source
        for phase in lab.phases {
            if let problem = documentProblem(project.path(phase.doc)) {
                report.diagnostics.append(.warning(
                    "phase \(phase.id): cannot read '\(phase.doc)': \(problem)", at: source.location(phase.mark)))
            }
        }
        for scaffold in lab.scaffolds {
            if case .folder(let folder) = scaffold.from, FileSystem.resolvedKind(project.path(folder)) != .directory {
                report.diagnostics.append(.error(
                    "scaffold '\(scaffold.name)': template folder '\(folder)' does not exist",
                    at: source.location(scaffold.mark)))
                continue
            }
            for (name, _) in scaffold.vars where ["lab", "phase", "scaffold"].contains(name) {
                report.diagnostics.append(.warning(
                    "scaffold '\(scaffold.name)': var '\(name)' is hidden by the built-in '\(name)' of the template context",
                    at: source.location(scaffold.mark)))
            }
            validateTemplates(of: scaffold, lab: lab, project: project, into: &report)
        }
        return report
    }

    /// Why a phase document that is there cannot be read (a missing one is fine: `lab phase
    /// start` writes it), without reading it.
    private static func documentProblem(_ path: String) -> String? {
        switch FileSystem.resolvedKind(path) {
        case .missing: return nil
        case .directory: return "it is a directory"
        case .file: return access(path, R_OK) == 0 ? nil : String(cString: strerror(errno)).lowercased()
        case .symlink, .other: return "it is not a regular file"
        }
    }

    /// Renders a scaffold's templates in memory: syntax errors, missing partials, unsafe paths,
    /// variables the context lacks.
    private static func validateTemplates(of scaffold: Scaffold, lab: Lab, project: LabProject, into report: inout ValidationReport) {
        let set: TemplateSet
        do {
            set = try TemplateSet.load(scaffold.from, root: project.root)
        } catch {
            report.diagnostics += error.diagnostics
            return
        }
        let rendered = ScaffoldRenderer.render(set, context: TemplateContext.scaffold(scaffold, in: lab))
        report.diagnostics += rendered.errors + rendered.refusals + rendered.warnings
        for source in rendered.sources where !report.sources.contains(where: { $0.path == source.path }) {
            report.sources.append(source)
        }
    }
}
