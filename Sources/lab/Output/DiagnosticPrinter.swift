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
            // A note without a place of its own is about the diagnostic's place.
            terminal.err("\(locationText(note.location ?? diagnostic.location))\(terminal.style("note:", .cyan, .bold, stderr: true)) \(note.message)")
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

    /// The source line with a caret under the column: a window of at most `excerptWidth`
    /// terminal cells around the column, with `…` where the line goes on.
    private func excerpt(_ location: Diagnostic.Location?) {
        guard let location, let mark = location.mark, let source = sources[location.file],
            let line = source.line(mark.line)
        else { return }
        let number = String(mark.line)
        let gutter = String(repeating: " ", count: max(5, number.count + 1))
        let (shown, caret) = Self.window(of: line, column: mark.column)
        terminal.err(terminal.style(String(repeating: " ", count: gutter.count - number.count) + number + " |", .blue, .bold, stderr: true) + " " + shown)
        terminal.err(terminal.style(gutter + " |", .blue, .bold, stderr: true) + " " + String(repeating: " ", count: caret) + terminal.style("^", .green, .bold, stderr: true))
    }

    static let excerptWidth = 120

    /// The part of `line` to show around `column` (1-based, in Unicode scalars), tabs expanded and
    /// control characters replaced, and how many cells precede the caret in it.
    static func window(of line: String, column: Int, width: Int = excerptWidth) -> (text: String, caret: Int) {
        // Only scalars near the column are looked at: a line can be megabytes long.
        let target = max(0, column - 1)
        let reach = width + 8
        let start = max(0, target - reach)
        var scalars: [Unicode.Scalar] = []
        var index = 0
        var reachedEnd = true
        for scalar in line.unicodeScalars {
            if index >= target + reach {
                reachedEnd = false
                break
            }
            if index >= start { scalars.append(scalar) }
            index += 1
        }
        let caretIndex = target - start
        // Cells of each scalar, tab stops every four cells from the start of what is shown.
        func cells(_ scalar: Unicode.Scalar, at position: Int) -> String {
            if scalar == "\t" { return String(repeating: " ", count: 4 - position % 4) }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        // Widen the window around the caret: a third of the width before it, the rest after.
        var low = caretIndex
        var high = min(caretIndex, scalars.count)
        var used = 0
        let before = width / 3
        while low > 0 {
            let cost = max(1, String(scalars[low - 1]).displayWidth)
            if used + cost > before { break }
            used += cost
            low -= 1
        }
        while high < scalars.count {
            let cost = max(1, String(scalars[high]).displayWidth)
            if used + cost > width { break }
            used += cost
            high += 1
        }
        let cutBefore = start + low > 0
        let cutAfter = high < scalars.count || !reachedEnd
        var text = cutBefore ? "…" : ""
        var caret = cutBefore ? 1 : 0
        for position in low..<high {
            let piece = cells(scalars[position], at: text.displayWidth)
            if position < caretIndex { caret += piece.displayWidth }
            text += piece
        }
        if cutAfter { text += "…" }
        return (text, caret)
    }
}

extension String {
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
}
