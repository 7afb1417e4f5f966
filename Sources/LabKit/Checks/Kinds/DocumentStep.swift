import Foundation
import LabRuntime
import LabSpec

/// Checks a `json` or `yaml` step: reads the file, finds the value, compares it, and says where
/// it is when it is not as expected (`deployment.yaml:14:9: spec.replicas is 1 (expected ≥ 2)`).
enum DocumentStep {
    static func evaluate(_ check: DocumentCheck, step: Step, root: String) -> StepResult {
        var report = StepResult(kind: step.kind, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        var place: Mark?
        report.message = problem(check, root: root, place: &place)
        report.passed = report.message == nil
        // Inside the lab only, and a file that is there: an annotation points at the value.
        if !check.path.hasPrefix("/"), FileSystem.resolvedKind(root + "/" + check.path) == .file {
            report.location = FilePosition(path: check.path, line: place?.line, column: place?.column)
        }
        return report
    }

    private static func problem(_ check: DocumentCheck, root: String, place: inout Mark?) -> String? {
        func located(_ path: String, _ mark: Mark?, _ message: String) -> String {
            place = mark
            return Self.located(path, mark, message)
        }
        let path = check.path
        let full = path.hasPrefix("/") ? path : root + "/" + path
        switch FileSystem.resolvedKind(full) {
        case .missing: return "file '\(path)' does not exist"
        case .directory: return "'\(path)' is a folder, not a file"
        case .file: break
        default: return "'\(path)' is not a regular file"
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(full, displayPath: path, limit: ReadLimits.document)
        } catch {
            return error.description
        }
        let documents: [DataNode]
        switch check.format {
        case .json:
            switch DocumentReader.json(bytes, path: path) {
            case .success(let node): documents = [node]
            case .failure(let failure): return located(path, failure.mark, "is " + failure.message)
            }
        case .yaml:
            switch DocumentReader.yaml(bytes, path: path) {
            case .success(let nodes): documents = nodes
            case .failure(let failure): return located(path, failure.mark, "is not valid YAML: " + failure.message)
            }
        }
        switch check.document {
        case nil:
            guard documents.count == 1 else {
                return "'\(path)' holds \(documents.count) YAML documents: say which with 'document: N' (from 0) or 'document: any'"
            }
            return ValueMatcher.check(check.check, in: documents[0]).map { located(path, $0.mark, $0.message) }
        case .index(let index):
            guard index < documents.count else {
                let count = documents.count == 1 ? "1 document" : "\(documents.count) documents"
                return "'\(path)' holds \(count): there is no document \(index) (they count from 0)"
            }
            return ValueMatcher.check(check.check, in: documents[index]).map { located(path, $0.mark, $0.message) }
        case .any:
            var first: ValueMatcher.Problem?
            for document in documents {
                guard let problem = ValueMatcher.check(check.check, in: document) else { return nil }
                if first == nil { first = problem }
            }
            guard let first, documents.count > 1 else { return first.map { located(path, $0.mark, $0.message) } }
            return located(path, first.mark, first.message + "; and no other of its \(documents.count) documents passes either")
        }
    }

    /// `path:line:col: message` when the position is known, `path: message` otherwise.
    static func located(_ path: String, _ mark: Mark?, _ message: String) -> String {
        guard let mark else { return "\(path): \(message)" }
        return "\(path):\(mark.line):\(mark.column): \(message)"
    }
}
