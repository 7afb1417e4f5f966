import LabKit

/// A GitHub Actions workflow command — `::error file=F,line=N,title=T::message`, `::group::title` —
/// and the escaping of what goes into one and of the log lines printed around them.
///
/// The runner reads every line a step prints. It takes a line for a command when, blanks at its
/// start trimmed, it begins with `::NAME` and holds a second `::`, or when it holds `##[NAME]`
/// anywhere (the older form); it splits lines at LF and at CR. So a command's message escapes
/// `%`, CR and LF (`%25`, `%0D`, `%0A`), its properties also `:` and `,`; and a line of a step's
/// output or of the lab's text that would read as a command is shown, not run: a zero-width space
/// goes between its two leading colons, or inside `##[`.
struct WorkflowCommand: Equatable {
    var name: String
    var properties: [(name: String, value: String)]
    var message: String

    init(_ name: String, _ properties: [(name: String, value: String)] = [], message: String) {
        self.name = name
        self.properties = properties
        self.message = message
    }

    static func == (lhs: WorkflowCommand, rhs: WorkflowCommand) -> Bool {
        lhs.name == rhs.name && lhs.message == rhs.message
            && lhs.properties.map(\.name) == rhs.properties.map(\.name) && lhs.properties.map(\.value) == rhs.properties.map(\.value)
    }

    /// The command as one line, newline included. A property with an empty value is left out, as
    /// the runner would drop it.
    var line: String {
        var text = "::" + name
        let given = properties.filter { !$0.value.isEmpty }
        if !given.isEmpty {
            text += " " + given.map { $0.name + "=" + Self.escapeProperty($0.value) }.joined(separator: ",")
        }
        return text + "::" + Self.escapeData(message) + "\n"
    }

    /// An annotation (`error`, `warning` or `notice`) at `position` when there is one.
    static func annotation(_ severity: String, at position: FilePosition?, title: String?, message: String) -> WorkflowCommand {
        var properties: [(name: String, value: String)] = []
        if let position {
            properties.append(("file", position.path))
            if let line = position.line {
                properties.append(("line", String(line)))
                if let column = position.column { properties.append(("col", String(column))) }
            }
        }
        if let title { properties.append(("title", title)) }
        return WorkflowCommand(severity, properties, message: message)
    }

    static func group(_ title: String) -> String { WorkflowCommand("group", message: title).line }

    static let endGroup = "::endgroup::\n"

    /// A command's message: `%`, CR and LF escaped.
    static func escapeData(_ text: String) -> String {
        escape(text, colonAndComma: false)
    }

    /// A property's value: `%`, CR, LF, `:` and `,` escaped.
    static func escapeProperty(_ text: String) -> String {
        escape(text, colonAndComma: true)
    }

    private static func escape(_ text: String, colonAndComma: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where colonAndComma: out += "%3A"
            case "," where colonAndComma: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as lines of the log, each ending in a newline: CRLF and a lone CR end a line as LF
    /// does (the runner splits there too), and no line can be taken for a command.
    static func logLines(_ text: String, indent: String = "") -> String {
        lines(text).map { indent + inert($0) + "\n" }.joined()
    }

    /// The lines of `text` as the runner splits them — at LF, CRLF and a lone CR — without the
    /// empty one after a final line break.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// `text` with each of its lines made `inert`, its line breaks kept as they are: for text that
    /// reaches the log without being built here (a warning, a report printed on stdout).
    static func inertText(_ text: String) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                out += inert(String(line))
                out.unicodeScalars.append(scalar)
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        return out + inert(String(line))
    }

    /// One line that the runner cannot take for a command: `::` at its start — after anything the
    /// runner might trim as blank (spaces, controls, format characters) — becomes `:\u{200B}:`, and
    /// every `##[` becomes `#\u{200B}#[`.
    static func inert(_ line: String) -> String {
        var line = line
        if line.contains("##[") { line = line.replacingOccurrences(of: "##[", with: "#\u{200B}#[") }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), scalars[first...].starts(with: "::".unicodeScalars) else {
            return line
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[...first])
        out.append("\u{200B}")
        out.append(contentsOf: scalars[scalars.index(after: first)...])
        return String(out)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
