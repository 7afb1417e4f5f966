import Foundation
import LabKit
import Testing

@testable import lab

/// Workflow commands as GitHub documents them: `%`, CR and LF escaped in a message, `:` and `,` too
/// in a property; and text that is not lab's own command never reads as one to the runner.
@Suite struct WorkflowCommandTests {
    @Test func aMessageEscapesPercentAndLineBreaks() {
        #expect(WorkflowCommand.escapeData("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b")
    }

    @Test func aPropertyAlsoEscapesColonAndComma() {
        #expect(WorkflowCommand.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }

    @Test func anAnnotationAtAFileLineAndColumn() {
        let command = WorkflowCommand.annotation(
            "error", at: FilePosition(path: "docs/phases/phase-02.md", line: 14, column: 3), title: "terraform-state failed",
            message: "step 3 of 4: terraform validate\nexit 1")
        #expect(command.line == "::error file=docs/phases/phase-02.md,line=14,col=3,title=terraform-state failed::step 3 of 4: terraform validate%0Aexit 1\n")
        #expect(WorkflowCommand.annotation("warning", at: FilePosition(path: "notes.md"), title: nil, message: "m").line == "::warning file=notes.md::m\n")
        #expect(WorkflowCommand.annotation("notice", at: nil, title: "t", message: "").line == "::notice title=t::\n")
    }

    /// Whatever a title, path or message holds, the runner reads back exactly one command with
    /// exactly those values — but for white space at the end of the last property, which the
    /// runner trims (there is no escape for it), and empty values, which lab leaves out.
    @Test func whatGoesInComesBackOut() {
        var generator = SplitMix64(seed: 0x6768_6163)
        let pieces = ["::", "%", "%25", "%0A", "\n", "\r", "\r\n", ",", ":", "=", " ", "##[", "]", "a", "é", "\u{2028}", "\u{85}", "\t", "::error::x"]
        func text() -> String { (0..<Int(generator.next() % 8)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined() }
        for _ in 0..<2000 {
            let (path, title, message) = (text(), text(), text())
            let line = WorkflowCommand.annotation("error", at: FilePosition(path: path, line: 7), title: title, message: message).line
            let commands = ActionsRunner.commands(in: line)
            let kept = String(title.reversed().drop { $0.isWhitespace && $0 != "\r" && $0 != "\n" && $0 != "\r\n" }.reversed())
            let properties = ["file": path, "line": "7", "title": kept].filter { !$0.value.isEmpty }
            #expect(commands == [ActionsRunner.Command(name: "error", properties: properties, data: message)], "\(line.debugDescription)")
        }
    }

    @Test(arguments: [
        "::error::x", "  ::add-mask::secret", "\t::set-env name=A::b", "\u{3000}::warning::ideographic space first",
        "\u{A0}::notice::no-break space", "\u{200B}::zero width", "a ##[error]old form", "###[x]", "##[",
        "::", ":::", "text :: later", "%0A::not a command",
    ])
    func aLineOfTextIsNeverACommand(_ line: String) {
        let shown = WorkflowCommand.inert(line)
        #expect(!ActionsRunner.isCommand(shown), "\(shown.debugDescription)")
        // Only an invisible zero-width space is added.
        #expect(shown.replacingOccurrences(of: "\u{200B}", with: "") == line.replacingOccurrences(of: "\u{200B}", with: ""))
    }

    @Test func logLinesSplitWhereTheRunnerDoes() {
        let text = "one\r\n::error::two\rthree\n  ::warning::four\n"
        #expect(WorkflowCommand.lines(text) == ["one", "::error::two", "three", "  ::warning::four"])
        let log = WorkflowCommand.logLines(text)
        #expect(ActionsRunner.commands(in: log).isEmpty)
        #expect(ActionsRunner.lines(log).count == 4)
    }

    /// `inertText` keeps every byte but the added zero-width spaces, line breaks included, and
    /// leaves text without `::` or `##[` as it is.
    @Test func inertTextKeepsItsLineBreaks() {
        let text = "a\r::error::b\r\n::warning::c\n##[d]\nplain"
        let shown = WorkflowCommand.inertText(text)
        #expect(ActionsRunner.lines(shown).allSatisfy { !ActionsRunner.isCommand($0) })
        #expect(shown.replacingOccurrences(of: "\u{200B}", with: "") == text)
        #expect(WorkflowCommand.inertText("nothing to see: here\n") == "nothing to see: here\n")
    }

    @Test func groupsAndTheirEnd() {
        #expect(WorkflowCommand.group("passed dns — DNS 100%") == "::group::passed dns — DNS 100%25\n")
        #expect(WorkflowCommand.endGroup == "::endgroup::\n")
    }
}
