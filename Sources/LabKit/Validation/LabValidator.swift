import LabRuntime
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
}

/// Checks a lab as a whole: `lab.yml`, then what it points to.
public enum LabValidator {
    public static func validate(_ project: LabProject) -> ValidationReport {
        var report = ValidationReport(
            diagnostics: project.diagnostics, sources: [], labFile: project.displayName,
            phaseCount: 0, exerciseCount: 0, scaffoldCount: 0)
        guard let lab = project.lab else { return report }
        report.phaseCount = lab.phases.count
        report.exerciseCount = lab.phases.reduce(0) { $0 + $1.exercises.count }
        report.scaffoldCount = lab.scaffolds.count
        let source = project.loaded.source
        // The scaffolds first, the phase documents last; for a large lab the documents are read
        // and scanned on a thread of their own while the rest, the scaffolds' templates included,
        // is checked (the 1,000 items of a large phase's document take as long as the rest).
        let labFile = report.labFile
        func documents() -> ValidationReport {
            var part = ValidationReport(diagnostics: [], sources: [], labFile: labFile, phaseCount: 0, exerciseCount: 0, scaffoldCount: 0)
            for phase in lab.phases {
                validateDocument(of: phase, lab: lab, project: project, into: &part)
            }
            return part
        }
        func rest(into report: inout ValidationReport) {
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
            validateGeneratedFiles(project: project, into: &report)
            validatePhaseTemplate(lab: lab, project: project, into: &report)
            validateNoteTemplates(lab: lab, project: project, into: &report)
            validateQuizChoices(lab: lab, source: source, into: &report)
        }
        let part: ValidationReport
        if source.bytes.count >= YAMLReader.largeFile {
            part = ConcurrentFileWork.alongside(documents) { rest(into: &report) }
        } else {
            rest(into: &report)
            part = documents()
        }
        report.diagnostics.append(contentsOf: part.diagnostics)
        for document in part.sources where !report.sources.contains(where: { $0.path == document.path }) {
            report.sources.append(document)
        }
        return report
    }

    /// The files `lab scaffold` generated (as its lock records them): one still holding the
    /// markers of a conflict is an error until resolved; a `PATH.lab-new` left beside one, a warning.
    private static func validateGeneratedFiles(project: LabProject, into report: inout ValidationReport) {
        let lockPath = project.path(ScaffoldLock.path)
        guard FileSystem.kind(lockPath) == .file, let bytes = try? FileSystem.read(lockPath, displayPath: ScaffoldLock.path),
            let lock = try? ScaffoldLock(parsing: String(decoding: bytes, as: UTF8.self))
        else { return }
        for (name, record) in lock.scaffolds.sorted(by: { $0.key < $1.key }) {
            // The scaffold's merge bases — its last render — read once, when a file needs them.
            var pack: MergeBasePack?
            var packRead = false
            func base(of inside: String) -> [UInt8]? {
                if !packRead {
                    packRead = true
                    let path = MergeBasePack.path(of: name)
                    if let bytes = try? FileSystem.read(project.path(path), displayPath: path) {
                        pack = try? MergeBasePack(parsing: bytes, displayPath: path)
                    }
                }
                return pack?.base(of: inside)
            }
            for inside in record.files.keys.sorted() {
                let path = record.into + "/" + inside
                if FileSystem.kind(project.path(path + ".lab-new")) == .file {
                    report.diagnostics.append(.warning(
                        "'\(path).lab-new' is still there: merge what you need into '\(path)', then delete it",
                        at: Diagnostic.Location(file: path + ".lab-new", mark: nil)))
                }
                guard FileSystem.kind(project.path(path)) == .file, let content = try? FileSystem.read(project.path(path), displayPath: path),
                    ConflictMarkers.firstUnresolved(in: content, besides: nil) != nil,
                    let marker = ConflictMarkers.firstUnresolved(in: content, besides: base(of: inside))
                else { continue }
                let source = SourceFile(path: path, bytes: content)
                report.diagnostics.append(.error(
                    "unresolved conflict: '\(path)' still holds the markers of a conflict from 'lab scaffold'",
                    at: source.location(source.mark(atByte: marker.offset)),
                    notes: [Diagnostic.Note(
                        "keep what you want between '<<<<<<< yours', '=======' and '>>>>>>> template', delete the three marker lines, then run 'lab scaffold'")]))
                report.sources.append(source)
            }
        }
    }

    /// A lab's own phase-document template must render.
    private static func validatePhaseTemplate(lab: Lab, project: LabProject, into report: inout ValidationReport) {
        guard FileSystem.kind(project.path(PhaseDocument.overridePath)) != .missing, let phase = lab.phases.first else { return }
        checkRendering(into: &report, otherwise: Diagnostic.Location(file: PhaseDocument.overridePath, mark: nil)) {
            try PhaseDocument.render(phase, in: lab, root: project.root)
        }
    }

    /// Adds what rendering a template reports — its warnings, or the located errors of a template
    /// that does not render — to `report`; any other error (a file that cannot be read) at `location`.
    private static func checkRendering(
        into report: inout ValidationReport, otherwise location: Diagnostic.Location, prefix: String = "", _ render: () throws -> RenderedText
    ) {
        do {
            let rendered = try render()
            report.diagnostics += rendered.warnings
            report.sources += rendered.sources
        } catch let error as TemplateError {
            report.diagnostics += error.diagnostics
            report.sources += error.sources
        } catch {
            report.diagnostics.append(.error(prefix + String(describing: error), at: location))
        }
    }

    /// A multiple-choice question one of whose choices is an accepted answer: else the learner
    /// is shown choices none of which is right. An answer may also be a choice's letter.
    private static func validateQuizChoices(lab: Lab, source: SourceFile, into report: inout ValidationReport) {
        // Through buffers, by index, matching each step's action alone: a loop over
        // `lab.exercises`, or over an exercise or a step by value, an array's subscript, or a
        // property of the whole step (`kind`) copied each one, tens of thousands of steps in a
        // large lab, to look at a few of them.
        for phase in lab.phases.indices {
            lab.phases[phase].exercises.withUnsafeBufferPointer { exercises in
                for index in exercises.indices {
                    exercises[index].verify.withUnsafeBufferPointer { steps in
                        for step in steps.indices {
                            guard case .quiz(let quiz) = steps[step].action else { continue }
                            for (number, question) in quiz.questions.enumerated() where !question.choices.isEmpty {
                                // A choice's letter stands for its text, and is accepted itself too.
                                if QuizAnswer.unanswerableQuestion(in: QuizCheck(questions: [question])) != nil {
                                    report.diagnostics.append(.error(
                                        "question \(number + 1) of the quiz of '\(exercises[index].id)' has choices, but no choice is an accepted answer: hash the right choice's text with 'lab quiz --hash'",
                                        at: source.location(steps[step].mark)))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The lab's own templates of `lab new` (`templates: { adr, note }`): each a readable file of the
    /// lab that renders, so that `lab new` does not fail on what `lab validate` called valid.
    private static func validateNoteTemplates(lab: Lab, project: LabProject, into report: inout ValidationReport) {
        for kind in NoteKind.allCases {
            guard kind.labTemplate(in: lab) != nil else { continue }
            let node = project.loaded.document?.root["templates"]?[kind.rawValue]
            checkRendering(into: &report, otherwise: project.loaded.source.location(node?.start), prefix: "templates.\(kind.rawValue): ") {
                let (template, name) = try kind.template(in: lab, files: project.files)
                // The keys `lab new` gives (NewWorkflow), with sample values.
                let sample: [(name: String, value: TemplateValue)] = [
                    ("lab", .string(lab.name)), ("title", .string("Title")), ("slug", .string("title")), ("date", .string("2026-01-01")),
                    ("number", .string("0001")), ("status", .string("accepted")), ("supersedes", .bool(false)), ("sections", .list([])),
                ]
                return try TemplateRenderer.render(template, name: name, context: TemplateContext(sample))
            }
        }
    }

    /// A phase document: there when the phase has started, readable, with an item for each exercise
    /// and no marker that names no exercise.
    private static func validateDocument(of phase: Phase, lab: Lab, project: LabProject, into report: inout ValidationReport) {
        let labFile = project.loaded.source
        if let problem = documentProblem(project.path(phase.doc)) {
            report.diagnostics.append(.warning("phase \(phase.id): cannot read '\(phase.doc)': \(problem)", at: labFile.location(phase.mark)))
            return
        }
        let document: ChecklistDocument?
        do {
            document = try ChecklistStore(files: project.files).load(phase.doc)
        } catch {
            report.diagnostics.append(.error(error.description, at: Diagnostic.Location(file: phase.doc, mark: nil)))
            return
        }
        guard let document else {
            if phase.status != .pending {
                report.diagnostics.append(.warning(
                    "phase \(phase.id) is \(phase.status.rawValue) but its document '\(phase.doc)' does not exist",
                    at: labFile.location(phase.mark),
                    notes: [Diagnostic.Note("write it with 'lab phase start \(phase.id)'")]))
            }
            return
        }
        let source = SourceFile(path: phase.doc, bytes: document.bytes)
        if let bad = UTF8Validation.firstInvalidByte(in: document.bytes) {
            report.diagnostics.append(.warning("'\(phase.doc)' is not valid UTF-8", at: source.location(source.mark(atByte: bad))))
        }
        for index in phase.exercises.indices where document.item(forExercise: phase.exercises[index].id, title: phase.exercises[index].title) == nil {
            let exercise = phase.exercises[index]
            report.diagnostics.append(.warning(
                "exercise '\(exercise.id)' has no checklist item in '\(phase.doc)'", at: labFile.location(exercise.mark),
                notes: [Diagnostic.Note("add '- [ ] \(exercise.title) <!-- lab:\(exercise.id) -->' (or run 'lab phase start \(phase.id)')")]))
        }
        let ids = Set(phase.exercises.map(\.id))
        var seen: [String: TaskItem] = [:]
        for item in document.items {
            guard let marker = item.markerID else { continue }
            if !ids.contains(marker) {
                let elsewhere = lab.exercise(id: marker).map { " (it is an exercise of phase \($0.phase))" } ?? ""
                report.diagnostics.append(.warning(
                    "item marker 'lab:\(marker)' names no exercise of phase \(phase.id)\(elsewhere)",
                    at: source.location(Mark(line: item.line, column: 1, offset: item.lineStart)),
                    suggestion: elsewhere.isEmpty ? Suggestion.closest(to: marker, in: ids).map { "lab:\($0)" } : nil))
            } else if let first = seen[marker] {
                report.diagnostics.append(.warning(
                    "two items carry the marker 'lab:\(marker)'; only the first is ticked",
                    at: source.location(Mark(line: item.line, column: 1, offset: item.lineStart)),
                    notes: [Diagnostic.Note("the first is here", at: source.location(Mark(line: first.line, column: 1, offset: first.lineStart)))]))
            } else {
                seen[marker] = item
            }
        }
        if !report.sources.contains(where: { $0.path == source.path }) { report.sources.append(source) }
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
