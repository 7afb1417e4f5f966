import LabSpec

/// Prints diagnostics as compilers do: `file:line:col: error: message`, the source line, a caret.
struct DiagnosticPrinter {
    let terminal: Terminal
    /// Source files by the path their diagnostics name, for showing the line.
    var sources: [String: SourceFile] = [:]

    func print(_ diagnostic: Diagnostic) {
        let label: String
        switch diagnostic.severity {
        case .error: label = terminal.style("error:", .red, .bold, stderr: true)
        case .warning: label = terminal.style("warning:", .magenta, .bold, stderr: true)
        case .note: label = terminal.style("note:", .cyan, .bold, stderr: true)
        }
        terminal.err("\(locationText(diagnostic.location))\(label) \(terminal.style(diagnostic.fullMessage, .bold, stderr: true))")
        excerpt(diagnostic.location)
        for note in diagnostic.notes {
            terminal.err("\(locationText(note.location))\(terminal.style("note:", .cyan, .bold, stderr: true)) \(note.message)")
            if note.location?.mark != nil && note.location?.mark?.line != diagnostic.location?.mark?.line {
                excerpt(note.location)
            }
        }
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { print(diagnostic) }
    }

    private func locationText(_ location: Diagnostic.Location?) -> String {
        guard let location else { return terminal.style("lab: ", .bold, stderr: true) }
        var text = location.file
        if let mark = location.mark { text += ":\(mark.line):\(mark.column)" }
        return terminal.style(text + ":", .bold, stderr: true) + " "
    }

    /// The source line with a caret under the column.
    private func excerpt(_ location: Diagnostic.Location?) {
        guard let location, let mark = location.mark, let source = sources[location.file],
            let line = source.line(mark.line)
        else { return }
        let number = String(mark.line)
        let gutter = String(repeating: " ", count: max(5, number.count + 1))
        let shown = line.replacingTabs()
        let prefix = String(line.unicodeScalars.prefix(max(0, mark.column - 1)).map(Character.init)).replacingTabs()
        let padding = String(repeating: " ", count: prefix.count)
        terminal.err(terminal.style(String(repeating: " ", count: gutter.count - number.count) + number + " |", .blue, .bold, stderr: true) + " " + shown)
        terminal.err(terminal.style(gutter + " |", .blue, .bold, stderr: true) + " " + padding + terminal.style("^", .green, .bold, stderr: true))
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        var result = ""
        for character in self {
            if character == "\t" {
                result += String(repeating: " ", count: 4 - result.count % 4)
            } else {
                result.append(character)
            }
        }
        return result
    }
}
