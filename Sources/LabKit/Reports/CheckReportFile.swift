import Foundation
import LabRuntime

/// A report of `lab check --format json` read back into the `CheckResult` it was written from,
/// for `lab merge-reports` and `--durations`.
///
/// The shape is written by `CheckReportJSON` in the command line's `Output/JSON/`, next to the
/// other printers; it is read here because the workflows that need it live in LabKit, which
/// cannot see the command line. The two are held together by a test that writes a result, reads
/// it back and writes it again, byte for byte. Keys added since a report was written are optional
/// here, so a report of an older `lab` still reads.
public enum CheckReportFile {
    /// The report in `bytes`; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(LabError) -> CheckResult {
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .message("'\(path)' is not a JSON report of lab check: \(describe(error))")
        } catch {
            throw .message("'\(path)' is not a JSON report of lab check: \(error)")
        }
        return try report.checkResult(path: path)
    }

    /// The report at `path` (relative to `folder` unless absolute).
    public static func read(_ path: String, from folder: URL) throws(LabError) -> CheckResult {
        let full = path.hasPrefix("/") ? path : folder.appending(path: path).path
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(full, displayPath: path, limit: ReadLimits.report)
        } catch {
            throw .file(error)
        }
        return try decode(bytes, path: path)
    }

    private struct Report: Decodable {
        var lab: String
        var started: String
        var duration: Double
        var interrupted: Bool?
        var strict: Bool?
        var summary: Summary
        var results: [Result]

        func checkResult(path: String) throws(LabError) -> CheckResult {
            guard let date = try? Date.ISO8601FormatStyle().parse(started) else {
                throw .message("'\(path)' is not a JSON report of lab check: 'started' is not a UTC time ('\(started)')")
            }
            var report = CheckResult(lab: lab, started: date, duration: duration)
            report.interrupted = interrupted ?? false
            report.strict = strict ?? false
            report.ticked = summary.ticked
            report.regressions = summary.regressions
            report.tickedDocuments = CheckResult.documents(of: summary.ticked)
            for (offset, result) in results.enumerated() {
                guard let status = CheckStatus(rawValue: result.status) else {
                    throw .message("'\(path)': result \(offset + 1) ('\(result.id)') has an unknown status '\(result.status)'")
                }
                var exercise = ExerciseResult(
                    id: result.id, phase: result.phase, title: result.title ?? result.id, status: status,
                    duration: result.duration ?? 0, reason: result.reason)
                exercise.ticked = result.ticked ?? false
                exercise.regression = result.regression ?? false
                exercise.item = result.item.map(FilePosition.init(parsing:))
                exercise.missingPrograms = result.missing ?? []
                for (number, step) in (result.steps ?? []).enumerated() {
                    guard let kind = StepResult.Kind(rawValue: step.kind) else {
                        throw .message("'\(path)': step \(number + 1) of '\(result.id)' has an unknown kind '\(step.kind)'")
                    }
                    exercise.steps.append(StepResult(
                        kind: kind, command: step.command ?? "", exit: step.exit, signal: step.signal, duration: step.duration ?? 0,
                        stdout: step.stdout ?? "", stderr: step.stderr ?? "",
                        stdoutBytes: step.stdout?.utf8.count ?? 0, stderrBytes: step.stderr?.utf8.count ?? 0,
                        passed: step.message == nil, message: step.message, attempts: step.attempts ?? 1,
                        timedOut: status == .timedOut && step.message != nil))
                }
                exercise.stepCount = result.stepCount ?? exercise.steps.count
                report.results.append(exercise)
            }
            return report
        }
    }

    private struct Summary: Decodable {
        var ticked: [String]
        var regressions: [String]
    }

    private struct Result: Decodable {
        var id: String
        var phase: Int
        var title: String?
        var status: String
        var duration: Double?
        var ticked: Bool?
        var regression: Bool?
        var reason: String?
        var item: String?
        var missing: [String]?
        var stepCount: Int?
        var steps: [Step]?

        enum CodingKeys: String, CodingKey {
            case id, phase, title, status, duration, ticked, regression, reason, item, missing, steps
            case stepCount = "step_count"
        }
    }

    private struct Step: Decodable {
        var kind: String
        var command: String?
        var exit: Int32?
        var signal: Int32?
        var duration: Double?
        var attempts: Int?
        var stdout: String?
        var stderr: String?
        var message: String?
    }

    /// Where the decoder stopped and why, in a line: `key 'results[2].status' is missing`.
    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = place(context.codingPath + [key])
            return "key '\(at)' is missing"
        case .typeMismatch(let type, let context):
            return "'\(place(context.codingPath))' is not \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "'\(place(context.codingPath))' is null, where \(typeName(type)) belongs"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "'\(place(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "it does not have the shape of a report"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int32.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is [String: Any].Type: return "an object"
        default: return type is any Collection.Type ? "a list" : "an object"
        }
    }
}

extension CheckResult {
    /// The documents named in `ticked` (`DOC:LINE`), in order, with how many items each.
    public static func documents(of ticked: [String]) -> [(path: String, count: Int)] {
        var documents: [(path: String, count: Int)] = []
        for place in ticked {
            let path = FilePosition(parsing: place).path
            if let index = documents.firstIndex(where: { $0.path == path }) {
                documents[index].count += 1
            } else {
                documents.append((path, 1))
            }
        }
        return documents
    }
}
