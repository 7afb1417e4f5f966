import Foundation
import Testing

/// libyaml's raw syntax errors come with a sentence a learner understands and the likely cause,
/// located like every other diagnostic; an empty `lab.yml` is located too.
@Suite struct YAMLSyntaxMessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        /// Lines of stderr that must appear, in order.
        var lines: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "empty file", file: "",
            lines: [
                "lab.yml:1:1: error: the file is empty",
                "lab.yml:1:1: note: a lab needs at least 'lab: NAME' and a list of 'phases:' ('lab init' writes a complete one)",
            ]),
        Case(
            name: "only comments", file: "# the plan\n\n  # comes later\n",
            lines: ["lab.yml:1:1: error: the file is empty"]),
        Case(
            name: "key indented too deep", file: "lab: L\nphases:\n  - id: 1\n    title: F\n      weeks: 1-2\n",
            lines: [
                "lab.yml:5:12: error: a ':' cannot start a key here (mapping values are not allowed in this context)",
                "lab.yml:4:5: note: likely cause: indentation — this line is indented deeper than line 4, which already has its value; line the keys of one mapping up in the same column",
            ]),
        Case(
            name: "no space after a colon", file: "lab: L\nphases:\n  - id:1\n    title: F\n",
            lines: [
                "lab.yml:4:10: error: a ':' cannot start a key here (mapping values are not allowed in this context)",
                "lab.yml:3:5: note: likely cause: no space after ':' in 'id:1' on line 3, so YAML reads it as one value; write 'id: 1'",
            ]),
        Case(
            name: "no space after the last colon", file: "lab: L\nphases:\n  - id: 1\n    title:F\n",
            lines: [
                "lab.yml:4:5: error: expected ':' after this key (could not find expected ':')",
                "lab.yml:4:5: note: likely cause: no space after ':' in 'title:F' on line 4, so YAML reads it as one value; write 'title: F'",
            ]),
        Case(
            name: "a value holding a colon", file: "lab: L\nphases:\n  - id: 1\n    title: Phase 1: intro\n",
            lines: [
                "lab.yml:4:19: error: a ':' cannot start a key here (mapping values are not allowed in this context)",
                "lab.yml:4:19: note: likely cause: the value of 'title' holds ': '; put the whole value in quotes (title: \"…\")",
            ]),
        Case(
            name: "key dedented", file: "lab: L\nphases:\n  - id: 1\n    title: F\n    exercises:\n      - id: a\n        title: A\n     verify: []\n",
            lines: [
                "lab.yml:8:6: error: this line does not line up with the keys of its mapping (did not find expected key)",
                "lab.yml:3:5: note: likely cause: indentation — the keys of one mapping start in the same column; this line starts in column 6, the mapping that begins on line 3 in column 5",
            ]),
        Case(
            name: "list item out of line", file: "lab: L\nphases:\n  - id: 1\n    title: F\n   - id: 2\n",
            lines: [
                "lab.yml:5:4: error: this line does not line up with the list above it (did not find expected '-' indicator)",
                "lab.yml:3:3: note: likely cause: indentation — each item of a list starts with '- ' in the same column; the first item (line 3) is in column 3, this line in column 4",
            ]),
        Case(
            name: "no space after a dash", file: "lab: L\nphases:\n  - id: 1\n    title: F\n    exercises:\n      - id: a\n        title: A\n      -id: b # next\n",
            lines: [
                "lab.yml:8:7: error: this line does not line up with the list above it (did not find expected '-' indicator)",
                "lab.yml:8:7: note: likely cause: no space after '-' in '-id: b' on line 8, so YAML does not read it as a list item; write '- id: b'",
            ]),
        Case(
            name: "tab", file: "lab: L\nphases:\n\t- id: 1\n",
            lines: ["lab.yml:3:1: error: a tab cannot indent YAML; use spaces"]),
        Case(
            name: "tab in a mapping", file: "lab: L\nphases:\n  - id: 1\n\ttitle: F\n",
            lines: [
                "lab.yml:4:1: error: a tab cannot indent YAML; use spaces (found a tab character that violates indentation)",
                "lab.yml:4:1: note: likely cause: a tab in the indentation of line 4 (an editor that inserts tabs); YAML indents with spaces only",
            ]),
        Case(
            name: "tab in a block text", file: "lab: L\nphases:\n  - id: 1\n    title: F\n    objectives: |\n      one\n\t  two\n",
            lines: [
                "lab.yml:7:1: error: a tab cannot indent YAML; use spaces (found a tab character where an indentation space is expected)",
            ]),
        Case(
            name: "unclosed bracket", file: "lab: L\nphases: [1, 2\nx: 1\n",
            lines: [
                "lab.yml:3:2: error: a list in brackets is not closed (did not find expected ',' or ']')",
                "lab.yml:2:9: note: likely cause: a missing ']' (or ',' between two items) in the list opened on line 2",
            ]),
        Case(
            name: "unclosed brace", file: "lab: L\nphases: []\nx: {a: 1\ny: 2\n",
            lines: [
                "lab.yml:4:2: error: a mapping in braces is not closed (did not find expected ',' or '}')",
                "lab.yml:3:4: note: likely cause: a missing '}' (or ',' between two entries) in the mapping opened on line 3",
            ]),
        Case(
            name: "unknown escape", file: "lab: \"C:\\path\"\nphases: []\n",
            lines: [
                "lab.yml:1:9: error: a backslash in double quotes starts an escape, and this one is not an escape YAML knows (found unknown escape character)",
            ]),
        Case(
            name: "reserved first character", file: "lab: @me\nphases: []\n",
            lines: [
                "lab.yml:1:6: error: a value cannot start with '@' (found character that cannot start any token)",
                "lab.yml:1:6: note: put the value in quotes: '@…'",
            ]),
    ]

    @Test(arguments: cases)
    func explained(_ example: Case) throws {
        let lab = try TemporaryLab(files: ["lab.yml": example.file])
        for arguments in [["validate"], ["status"]] {
            let result = try lab.lab(arguments: arguments)
            #expect(result.status == 2, "\(result)")
            var remaining = Substring(result.stderr)
            for line in example.lines {
                guard let range = remaining.range(of: line + "\n") else {
                    Issue.record("missing or out of order: \(line)\n\(result)")
                    break
                }
                remaining = remaining[range.upperBound...]
            }
        }
    }

    @Test func jsonKeepsTheLocation() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "# nothing yet\n"])
        let result = try lab.lab("validate", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostic = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["line"] as? Int == 1)
        #expect(diagnostic["column"] as? Int == 1)
        #expect(diagnostic["message"] as? String == "the file is empty")
    }
}
