import LabSpec

/// Each step in words, for `lab hint`, `--dry-run` and the reports: what it looks at
/// (`GET http://127.0.0.1:18701/health`) and what it expects (`status 200, body contains "ok"`).
public enum StepWording {
    /// What the step runs or looks at; for a `run` step, its command.
    public static func subject(_ step: Step) -> String {
        switch step.action {
        case .run(let command): return command
        case .file(let check): return "file \(check.path)"
        case .http(let check): return "\(check.method) \(check.url)"
        case .tcp(let check): return "tcp \(check.address)"
        case .dns(let check): return "dns \(check.name)" + (check.type.map { " (\($0.rawValue))" } ?? "")
        case .document(let check):
            var text = "\(check.format.rawValue) \(check.path)"
            switch check.document {
            case .index(let index)?: text += " (document \(index))"
            case .any?: text += " (any document)"
            case nil: break
            }
            return text
        case .quiz(let check): return "quiz (\(questions(check.questions.count)))"
        case .note(let check): return "note \(check.path)"
        }
    }

    /// What must hold, in words; a `run` step's exit status and output.
    public static func expectation(_ step: Step) -> String {
        switch step.action {
        case .run:
            let expect = step.expect
            var parts = ["exit " + expect.exit.map(String.init).joined(separator: " or ")]
            if !expect.stdout.isEmpty { parts.append("stdout contains " + quotedList(expect.stdout)) }
            if !expect.stderr.isEmpty { parts.append("stderr contains " + quotedList(expect.stderr)) }
            if let pattern = expect.stdoutMatches { parts.append("stdout matches /\(pattern)/") }
            if let pattern = expect.stderrMatches { parts.append("stderr matches /\(pattern)/") }
            parts += expect.json.map { "stdout's " + words($0, root: "JSON") }
            return parts.joined(separator: ", ")
        case .file(let check):
            var parts: [String] = []
            switch check.expectedType {
            case .file: parts.append(check.sizeGreaterThan == nil ? "exists and is not empty" : "exists")
            case .directory: parts.append("is a directory")
            case .symlink: parts.append("is a symbolic link" + (check.linksTo.map { " to \($0)" } ?? ""))
            }
            if let mode = check.mode { parts.append("mode \(FileCheck.octal(mode))") }
            if let size = check.sizeGreaterThan { parts.append("larger than \(size) bytes") }
            if !check.contains.isEmpty { parts.append("contains " + quotedList(check.contains)) }
            if !check.notContains.isEmpty { parts.append("does not contain " + quotedList(check.notContains)) }
            if !check.matches.isEmpty { parts.append("matches " + check.matches.map { "/\($0)/" }.joined(separator: ", ")) }
            return parts.joined(separator: ", ")
        case .http(let check):
            let expect = check.expect
            var parts = [expect.status.isEmpty ? "status 2xx" : "status " + expect.status.map(String.init).joined(separator: " or ")]
            if !expect.body.isEmpty { parts.append("body contains " + quotedList(expect.body)) }
            if let pattern = expect.bodyMatches { parts.append("body matches /\(pattern)/") }
            for header in expect.headers { parts.append("header \(header.name) contains \(DataValue.quoted(header.value))") }
            parts += expect.json.map { "body's " + words($0, root: "JSON") }
            return parts.joined(separator: ", ")
        case .tcp(let check):
            return check.listening ? "accepts connections" : "nothing accepts connections"
        case .dns(let check):
            var text = "resolves"
            if let type = check.type { text += " to \(type == .a ? "an A (IPv4)" : "an AAAA (IPv6)") address" }
            if !check.addresses.isEmpty { text += (check.type == nil ? " to " : ", including ") + check.addresses.joined(separator: " and ") }
            return text
        case .document(let check):
            return words(check.check, root: "the document")
        case .quiz:
            return "answered with lab quiz"
        case .note(let check):
            return noteWords(check)
        }
    }

    /// `3 questions`.
    public static func questions(_ count: Int) -> String {
        count == 1 ? "1 question" : "\(count) questions"
    }

    /// A note step's requirements: `has sections "What", "Why" (40 words each), 2 links to sources,
    /// a console code block, no placeholders`.
    static func noteWords(_ check: NoteCheck) -> String {
        var parts: [String] = []
        if !check.sections.isEmpty {
            let names = check.sections.map { "\"\($0)\"" }.joined(separator: ", ")
            var text = (check.sections.count == 1 ? "has the section " : "has the sections ") + names
            if let minimum = check.minWords { text += " (\(minimum) words \(check.sections.count == 1 ? "or more" : "each"))" }
            parts.append(text)
        } else if let minimum = check.minWords {
            parts.append("has \(minimum) words or more")
        }
        if let links = check.links { parts.append(links == 1 ? "a link to a source" : "\(links) links to sources") }
        for info in check.code { parts.append("a \(info) code block") }
        if check.noPlaceholders { parts.append("no placeholders (TODO, TBD, …, template text)") }
        if parts.isEmpty { parts.append("exists and is not empty") }
        return parts.joined(separator: ", ")
    }

    /// The step as one line: `GET http://127.0.0.1:18701/health → status 200, body contains "ok"`.
    public static func sentence(_ step: Step) -> String {
        switch step.action {
        case .run(let command): return "run: \(command)"
        case .file(let check): return "file \(check.path) " + expectation(step)
        case .tcp(let check): return "\(check.address) " + expectation(step)
        case .dns(let check): return "\(check.name) " + expectation(step)
        case .http, .document: return subject(step) + " → " + expectation(step)
        case .quiz(let check): return "quiz: \(questions(check.questions.count))"
        case .note(let check): return "note \(check.path) " + expectation(step)
        }
    }

    /// A value check in words: `spec.replicas ≥ 2`, `status is "ready"`, `items[*].name exists`.
    public static func words(_ check: ValueCheck, root: String) -> String {
        let subject = check.query.segments.isEmpty ? root : check.query.text
        let expect = check.expect
        if expect.exists == false { return "\(subject) does not exist" }
        var parts: [String] = []
        if let value = expect.equals { parts.append("is \(value.rendered())") }
        if !expect.contains.isEmpty { parts.append("contains " + expect.contains.map { $0.rendered() }.joined(separator: " and ")) }
        if let pattern = expect.matches { parts.append("matches /\(pattern)/") }
        let bounds = expect.bounds
        if !bounds.isEmpty { parts.append(bounds.map { "\($0.symbol) \(DataValue.format($0.limit))" }.joined(separator: " and ")) }
        if parts.isEmpty { parts.append("exists") }
        return subject + " " + parts.joined(separator: ", ")
    }

    static func quotedList(_ texts: [String]) -> String {
        texts.map { DataValue.quoted($0) }.joined(separator: ", ")
    }
}
