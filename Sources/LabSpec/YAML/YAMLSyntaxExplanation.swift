/// libyaml's syntax errors in words a learner understands, with the likely cause: libyaml says
/// what its grammar expected ("did not find expected key"), not what the writer got wrong (a line
/// indented one space too far, no space after a ':', a value holding ': ' without quotes).
///
/// The message keeps libyaml's own words in parentheses, so that they can still be searched for.
struct YAMLSyntaxExplanation {
    var message: String
    var notes: [Diagnostic.Note]

    /// - Parameters:
    ///   - problem: libyaml's problem ("mapping values are not allowed in this context").
    ///   - context: libyaml's context ("while parsing a block mapping"), if any.
    ///   - mark: where libyaml found the problem; `contextMark` where the context began.
    init?(problem: String, context: String?, at mark: Mark, contextMark: Mark?, in source: SourceFile) {
        let lines = SourceLines(source: source)
        var notes: [Diagnostic.Note] = []
        let plain: String
        switch problem {
        case "mapping values are not allowed in this context":
            plain = "a ':' cannot start a key here"
            notes.append(Self.causeOfStrayColon(at: mark, lines: lines, source: source))
        case "did not find expected key" where context == "while parsing a block mapping":
            plain = "this line does not line up with the keys of its mapping"
            let column = lines.indentation(mark.line) + 1
            if let contextMark {
                notes.append(Diagnostic.Note(
                    "likely cause: indentation — the keys of one mapping start in the same column; this line starts in "
                        + "column \(column), the mapping that begins on line \(contextMark.line) in column \(contextMark.column)",
                    at: source.location(contextMark)))
            }
        case "did not find expected '-' indicator" where context == "while parsing a block collection":
            plain = "this line does not line up with the list above it"
            if let dash = lines.missingSpaceAfterDash(on: mark.line) {
                // `-id: b` lines up with the items, but without its space it is not one.
                notes.append(Diagnostic.Note(
                    "likely cause: no space after '-' in '\(dash.text)' on line \(mark.line), so YAML does not read it as a list "
                        + "item; write '- \(dash.text.dropFirst())'",
                    at: source.location(Mark(line: mark.line, column: dash.column, offset: source.lineStarts[mark.line - 1] + dash.column - 1))))
            } else if let contextMark {
                notes.append(Diagnostic.Note(
                    "likely cause: indentation — each item of a list starts with '- ' in the same column; the first item "
                        + "(line \(contextMark.line)) is in column \(contextMark.column), this line in column \(lines.indentation(mark.line) + 1)",
                    at: source.location(contextMark)))
            }
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            plain = "a tab cannot indent YAML; use spaces"
            notes.append(Diagnostic.Note(
                "likely cause: a tab in the indentation of line \(mark.line) (an editor that inserts tabs); YAML indents with spaces only"))
        case "block sequence entries are not allowed in this context":
            plain = "a list item ('- ') cannot start here"
            notes.append(Diagnostic.Note(
                "likely cause: a list on the same line as its key, or indented deeper than the item above it; write the key "
                    + "alone ('key:') and its items on the lines below, each '- ' in the same column"))
        case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
            let list = problem.contains("]")
            let (closer, separated, what) = list ? ("]", "items", "list") : ("}", "entries", "mapping")
            plain = list ? "a list in brackets is not closed" : "a mapping in braces is not closed"
            notes.append(Diagnostic.Note(
                "likely cause: a missing '\(closer)' (or ',' between two \(separated)) in the \(what) opened "
                    + (contextMark.map { "on line \($0.line)" } ?? "above"),
                at: contextMark.map(source.location)))
        case "did not find expected node content":
            plain = "a value is missing here"
            notes.append(Diagnostic.Note(
                "likely cause: a ',' with nothing after it, a '- ' or ':' followed by a character YAML reserves, or a "
                    + "value that needs quotes"))
        case "found unknown escape character":
            plain = "a backslash in double quotes starts an escape, and this one is not an escape YAML knows"
            notes.append(Diagnostic.Note(
                "write the value in single quotes ('C:\\path'), where a backslash is just a backslash, or double it (\"C:\\\\path\")"))
        case "found character that cannot start any token":
            let character = mark.offset < source.bytes.count ? Character(Unicode.Scalar(source.bytes[mark.offset])) : " "
            plain = "a value cannot start with '\(character)'"
            notes.append(Diagnostic.Note("put the value in quotes: '\(character)…'"))
        case "could not find expected ':'":
            plain = "expected ':' after this key"
            if let token = lines.missingSpaceAfterColon(from: mark.line, back: 1) {
                notes.append(Self.missingSpaceNote(token, lines: lines, source: source))
            } else {
                notes.append(Diagnostic.Note(
                    "likely cause: a key without ': ' (a colon, then a space) before its value, or a quote left open on the line above"))
            }
        default:
            return nil
        }
        message = "\(plain) (\(problem))"
        self.notes = notes
    }

    /// A ':' where no key may start: a value holding ': ' on the same line, a missing space after
    /// a ':' on a line above (so that line was read as a plain value), or deeper indentation.
    private static func causeOfStrayColon(at mark: Mark, lines: SourceLines, source: SourceFile) -> Diagnostic.Note {
        if let key = lines.keyBeforeValue(on: mark.line, before: mark.column) {
            return Diagnostic.Note("likely cause: the value of '\(key)' holds ': '; put the whole value in quotes (\(key): \"…\")")
        }
        if let token = lines.missingSpaceAfterColon(from: mark.line - 1, back: 3) {
            return missingSpaceNote(token, lines: lines, source: source)
        }
        if let above = lines.contentLine(before: mark.line), lines.indentation(mark.line) > lines.indentation(above) {
            return Diagnostic.Note(
                "likely cause: indentation — this line is indented deeper than line \(above), which already has its value; "
                    + "line the keys of one mapping up in the same column",
                at: source.location(Mark(line: above, column: lines.indentation(above) + 1, offset: source.lineStarts[above - 1] + lines.indentation(above))))
        }
        return Diagnostic.Note("likely cause: indentation, or a value holding ': ' that needs quotes")
    }

    private static func missingSpaceNote(_ token: SourceLines.Token, lines: SourceLines, source: SourceFile) -> Diagnostic.Note {
        Diagnostic.Note(
            "likely cause: no space after ':' in '\(token.text)' on line \(token.line), so YAML reads it as one value; "
                + "write '\(token.key): \(token.value)'",
            at: source.location(Mark(line: token.line, column: token.column, offset: source.lineStarts[token.line - 1] + token.column - 1)))
    }
}

/// The lines of a source as text, for explaining an error: rare, so plain string work will do.
private struct SourceLines {
    let source: SourceFile

    func text(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        return source.line(number)
    }

    /// Leading spaces of a line.
    func indentation(_ number: Int) -> Int {
        text(number)?.prefix { $0 == " " }.count ?? 0
    }

    /// The nearest line above `number` with something other than spaces or a comment.
    func contentLine(before number: Int) -> Int? {
        var line = number - 1
        while line >= 1 {
            let content = text(line)?.drop { $0 == " " || $0 == "\t" } ?? ""
            if !content.isEmpty && !content.hasPrefix("#") { return line }
            line -= 1
        }
        return nil
    }

    /// The key of `key: value` when the line holds one before `column`.
    func keyBeforeValue(on number: Int, before column: Int) -> String? {
        guard let line = text(number) else { return nil }
        let head = String(line.unicodeScalars.prefix(max(0, column - 1)))
        guard let (key, rest) = splitKey(head), rest.hasPrefix(": ") || rest.hasPrefix(":\t") else { return nil }
        let value = rest.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        return value.isEmpty ? nil : key
    }

    /// `-id: b`: a '-' followed by something other than a space, starting the line's content.
    func missingSpaceAfterDash(on number: Int) -> (text: String, column: Int)? {
        guard let line = text(number) else { return nil }
        let indent = line.prefix { $0 == " " }.count
        var content = line.dropFirst(indent)
        if let comment = content.firstRange(of: " #") { content = content[..<comment.lowerBound] }
        while content.last == " " { content = content.dropLast() }
        guard content.first == "-", let next = content.dropFirst().first, next != " ", next != "-", next != "\t" else { return nil }
        return (String(content), indent + 1)
    }

    struct Token {
        var line: Int
        var column: Int
        var key: String
        var value: String
        var text: String { key + ":" + value }
    }

    /// A `key:value` with no space after the colon at the start of a line's content, from line
    /// `number` up to `back` content lines above it.
    func missingSpaceAfterColon(from number: Int, back: Int) -> Token? {
        var line = number
        var seen = 0
        while line >= 1 && seen <= back {
            if let text = text(line) {
                let indent = text.prefix { $0 == " " }.count
                var content = Substring(text.dropFirst(indent))
                var column = indent + 1
                while content.hasPrefix("- ") {
                    content = content.dropFirst(2)
                    column += 2
                }
                if !content.isEmpty && !content.hasPrefix("#") {
                    seen += 1
                    if let (key, rest) = splitKey(content), rest.hasPrefix(":"), let next = rest.dropFirst().first,
                        next != " ", next != "\t", next != ":", next != "/"
                    {
                        let value = rest.dropFirst().prefix { $0 != " " && $0 != "#" }
                        return Token(line: line, column: column, key: key, value: String(value))
                    }
                }
            }
            line -= 1
        }
        return nil
    }

    /// A plain key (`title`, `dns-basics`, `stdout_matches`) at the start of `text` (after its
    /// indentation and any '- '), and what follows it.
    private func splitKey(_ text: some StringProtocol) -> (String, Substring)? {
        var rest = Substring(text).drop { $0 == " " }
        while rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
        let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard let first = key.first, first.isLetter else { return nil }
        return (String(key), rest.dropFirst(key.count))
    }
}
