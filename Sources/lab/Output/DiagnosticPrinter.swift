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
        let shown = line.replacingTabs().replacingControlCharacters()
        let prefix = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, mark.column - 1)))).replacingTabs()
        let padding = String(repeating: " ", count: prefix.displayWidth)
        terminal.err(terminal.style(String(repeating: " ", count: gutter.count - number.count) + number + " |", .blue, .bold, stderr: true) + " " + shown)
        terminal.err(terminal.style(gutter + " |", .blue, .bold, stderr: true) + " " + padding + terminal.style("^", .green, .bold, stderr: true))
    }
}

extension String {
    /// Control characters would move the terminal's cursor: show them as U+FFFD.
    fileprivate func replacingControlCharacters() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : $0 }))
    }

    /// Terminal cells: East Asian wide characters and most emoji take two, combining marks none.
    var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
                || value == 0x200B || value == 0x200D { return width }
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
                || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
                || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
                || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

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
