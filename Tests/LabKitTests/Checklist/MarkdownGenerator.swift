/// Builds random Markdown documents from fragments of every block construct that matters to task items.
///
/// Lines are a few random container prefixes (quotes, list markers, indentation) followed by a
/// random body (task markers, fences, HTML, headings, tables, breaks, text), so that code, HTML,
/// lazy continuation, interruption and nesting rules all meet each other. Documents use one of
/// several line-ending styles, sometimes a byte order mark, sometimes no final newline, and now and
/// then bytes that are not UTF-8.
struct MarkdownGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    static let prefixes: [String] = [
        "", "", "", " ", "  ", "   ", "    ", "\t", " \t", "> ", ">", " > ", ">\t", "- ", "- ", "* ", "+ ",
        "-  ", "-    ", "-     ", "-\t", "1. ", "1. ", "2. ", "1) ", "3) ", "10. ", "0. ", "123456789. ",
        "  - ", "    - ", "1.  ", "  ", "  ", "   ", "\t- ", " \t- ", "-\u{0B}", "> - ", ">- ",
    ]

    static let bodies: [String] = [
        "[ ] task one", "[x] done thing", "[X] Done too", "[ ] second task", "[ ]", "[x]", "[ ] ",
        "[ ]\ttabbed task", "[x]  two spaces", "[ ] buy [x] film", "[ ] bind me <!-- lab:ex-1 -->",
        "[x] Explain DNS <!-- lab:dns -->", "[y] not a task", "[ x] not either", "[\t] tab inside",
        "[ ]x glued", "plain text", "more words here", "é ü 日本語 text", "", "", "```", "```swift", "``` a`b",
        "````", "~~~", "~~~ info ```", "<!-- comment", "-->", "<!-- lab:x -->", "<div>", "</div>",
        "<span class=\"a\">", "</span>", "<script>", "</script>", "<pre>", "</pre>", "<?php", "?>",
        "<!DOCTYPE html>", "<![CDATA[", "]]>", "<custom-tag>", "<textarea>", "***", "* * *", "---", "- - -",
        "___", "===", "# Heading", "## Progress checklist", "### closed ###", "#no heading", "| a | b |",
        "|---|---|", "--- | ---", "a | b", ":-:", "|", "\\| escaped", "text | [ ] cell", "[ ] a | b",
        "    indented code", "-", "*", "1.", "2)", "10)", "> quote", "`code`", "* [ ] star task",
        "+ [x] plus task", "- [ ] dash task", "1. [x] ordered task", "<div class=\"x\">text",
        "continued text", "<a href=\"x\">", "<a href='y' b=c/>", "</a>", "<x-y data-z=1>", "<!-- c -->",
        "    ", "[ ]\u{0B}vertical tab", "[ ]\u{0C}form feed", "`````", "~~~~", "[ ] title | two",
        "1) [ ] paren task", "01. [ ] zero led", "\\[ ] escaped", "[x]\there", "2. [ ] two",
    ]

    static let lineEndings: [[String]] = [["\n"], ["\n"], ["\r\n"], ["\r"], ["\n", "\r\n", "\r"]]

    mutating func document() -> [UInt8] {
        var bytes: [UInt8] = []
        if chance(0.05) {
            bytes += [0xEF, 0xBB, 0xBF]
        }
        let endings = pick(Self.lineEndings)
        let lineCount = Int.random(in: 1...24, using: &random)
        for index in 0..<lineCount {
            bytes += line()
            if index < lineCount - 1 || chance(0.7) {
                bytes += Array(pick(endings).utf8)
            }
        }
        return bytes
    }

    private mutating func line() -> [UInt8] {
        var text = ""
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            text += pick(Self.prefixes)
        }
        text += pick(Self.bodies)
        var bytes = Array(text.utf8)
        if chance(0.03) {
            // Not UTF-8: a stray continuation byte, a truncated sequence, a NUL.
            bytes += pick([[0xFF], [0xC3], [0x80, 0x41], [0x00, 0x61]])
        }
        if chance(0.05) {
            bytes += Array(pick([" ", "  ", "\t", " #"]).utf8)
        }
        return bytes
    }

    private mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }
}
