/// Text from a lab or a step made safe for GitHub-flavoured Markdown: it shows as written and
/// cannot break the table, the `<details>` block or the code block it sits in.
enum MarkdownText {
    /// For a table cell or a line of text: one line (line breaks and tabs become spaces), HTML's
    /// `&`, `<` and `>` as entities, and every character Markdown gives a meaning to inline —
    /// `|` ending a cell, emphasis, links, code, `$` math — escaped with a backslash.
    static func inline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$", "#", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}", "\u{85}": out += " "
            case _ where isControl(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// For text inside an HTML element (`<summary>`): one line, and `&`, `<`, `>` and `"` as
    /// entities. A blank line would end the HTML block, so no line break is kept.
    static func html(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}", "\u{85}": out += " "
            case _ where isControl(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A fenced code block holding `text` as it is: the fence is longer than any run of backticks
    /// in it, so nothing inside can close it; CRLF becomes LF, and control characters other than
    /// tab and LF become U+FFFD.
    static func codeBlock(_ text: String, info: String = "") -> String {
        var body = ""
        var longestRun = 0
        var run = 0
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "`" {
                run += 1
                longestRun = max(longestRun, run)
            } else {
                run = 0
            }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r": body += "\n"
            case "\t": body += "\t"
            case _ where isControl(scalar): body += "\u{FFFD}"
            default: body.unicodeScalars.append(scalar)
            }
        }
        if !body.hasSuffix("\n") { body += "\n" }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return fence + info + "\n" + body + fence + "\n"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0xFFFE...0xFFFF).contains(scalar.value)
    }
}
