import Testing

@testable import LabKit

/// Which lines of a document hold task items, as `line` + `_` (unticked) or `x` (ticked).
private func tasks(_ markdown: String) -> [String] {
    tasks(Array(markdown.utf8))
}

private func tasks(_ bytes: [UInt8]) -> [String] {
    ChecklistDocument(bytes: bytes).items.map { "\($0.line)\($0.isChecked ? "x" : "_")" }
}

private func texts(_ markdown: String) -> [String] {
    ChecklistDocument(bytes: Array(markdown.utf8)).items.map(\.text)
}

@Suite struct ChecklistScannerTests {
    // MARK: - Markers

    @Test func uncheckedAndCheckedItems() {
        let document = ChecklistDocument(bytes: Array("- [ ] one\n- [x] two\n- [X] three\n".utf8))
        #expect(document.items.map(\.isChecked) == [false, true, true])
        #expect(document.items.map(\.text) == ["one", "two", "three"])
        #expect(document.items.map(\.line) == [1, 2, 3])
        #expect(document.items.map(\.checkOffset) == [3, 13, 23])
    }

    @Test func everyBulletMarker() {
        #expect(tasks("- [ ] a\n\n+ [x] b\n\n* [ ] c\n") == ["1_", "3x", "5_"])
    }

    @Test func orderedMarkersWithDotAndParenthesis() {
        #expect(tasks("1. [ ] a\n2. [x] b\n") == ["1_", "2x"])
        #expect(tasks("1) [x] a\n2) [ ] b\n") == ["1x", "2_"])
        #expect(tasks("123456789. [ ] nine digits\n") == ["1_"])
        #expect(tasks("1234567890. [ ] ten digits\n") == [])
    }

    @Test func bracketMustHoldSpaceOrX() {
        #expect(tasks("- [y] a\n- [ x] b\n- [x ] c\n- [] d\n- (x) f\n") == [])
    }

    @Test func tabBetweenTheBracketsIsUnticked() {
        // The spec: "a whitespace character" between the brackets; cmark-gfm wants a space.
        #expect(tasks("- [\t] e\n") == ["1_"])
        #expect(texts("- [\t] e\n") == ["e"])
        #expect(tasks("- [\t]\te\n* [\t]\n") == ["1_"])
    }

    @Test func whitespaceMustFollowOnTheSameLine() {
        #expect(tasks("- [ ]\n") == [])
        #expect(tasks("- [x]") == [])
        #expect(tasks("- [ ]x\n") == [])
        #expect(tasks("- [ ]\tx\n") == ["1_"])
        #expect(texts("- [ ]\tx\n") == ["x"])
        // Like GitHub, the text may not start on the next line...
        #expect(tasks("- [x]\n  continued\n") == [])
        // ...but a space after the marker is enough, even with nothing else on the line.
        #expect(tasks("- [ ] \n") == ["1_"])
        #expect(texts("- [ ]  \n  continued\n") == ["continued"])
    }

    @Test func taskItemTextSpansContinuationLines() {
        #expect(texts("- [ ] first line\n  second line\nlazy third\n") == ["first line second line lazy third"])
    }

    // MARK: - Nesting

    @Test func nestedLists() {
        let markdown = "- [ ] outer\n  - [x] inner\n    - [ ] innermost\n- [ ] sibling\n"
        #expect(tasks(markdown) == ["1_", "2x", "3_", "4_"])
        #expect(texts(markdown) == ["outer", "inner", "innermost", "sibling"])
    }

    @Test func nestedListUnderOrderedItem() {
        #expect(tasks("1.  [ ] a\n    - [x] b\n") == ["1_", "2x"])
        // Two spaces are not enough to nest under a marker four columns wide: a new top-level list.
        #expect(tasks("10. [ ] a\n  - [x] b\n") == ["1_", "2x"])
    }

    @Test func taskInBlockQuote() {
        // cmark-gfm misses this one; the GFM spec (and so `lab`) counts it.
        #expect(tasks("> - [ ] a\n") == ["1_"])
        #expect(tasks("> > 1. [x] deep\n") == ["1x"])
        #expect(tasks(">- [ ] tight\n") == ["1_"])
    }

    @Test func lazyContinuationInBlockQuote() {
        let markdown = "> - [ ] a\nlazy\n> - [x] b\n"
        #expect(tasks(markdown) == ["1_", "3x"])
        #expect(texts(markdown) == ["a lazy", "b"])
    }

    @Test func innerItemAfterAnotherMarker() {
        // The outer item's first block is a list, not a paragraph: only the inner item is a task.
        let document = ChecklistDocument(bytes: Array("- - [ ] a\n".utf8))
        #expect(document.items.count == 1)
        #expect(document.items.first?.markerOffset == 2)
        #expect(document.items.first?.checkOffset == 5)
    }

    @Test func laterBoxOnTheLineDoesNotTick() {
        // cmark-gfm ticks this item because `[x]` appears on the line; the spec does not.
        let document = ChecklistDocument(bytes: Array("- [ ] buy [x] film\n".utf8))
        #expect(document.items.map(\.isChecked) == [false])
        #expect(document.items.map(\.text) == ["buy [x] film"])
    }

    @Test func taskMarkerOnTheLineAfterAnEmptyMarker() {
        #expect(tasks("-\n  [ ] a\n") == ["1_"])
        #expect(texts("-\n  [ ] a\n") == ["a"])
        // An empty item ends at a blank line.
        #expect(tasks("-\n\n  [ ] a\n") == [])
    }

    @Test func onlyTheFirstParagraphCounts() {
        #expect(tasks("- a\n\n  [ ] b\n") == [])
        #expect(tasks("- > quote\n  [ ] b\n") == [])
        #expect(tasks("- [ ] a\n  [x] b\n") == ["1_"])
    }

    @Test(arguments: [
        // (document, cmark-gfm's tasks, the spec's tasks)
        ("> - [ ] a\n", [], ["1_"]),
        ("- - [ ] a\n", [], ["1_"]),
        ("- [ ] buy [x] film\n", ["1x"], ["1_"]),
        ("-\n  [ ] a\n", [], ["1_"]),
        ("- [\t] a\n", [], ["1_"]),
        ("\u{FEFF}- [ ] a\n", [], ["1_"]),
        ("- a\n\n  1x [ ] b\n", ["1_"], []),
        ("- [x] a\n\n  22 [ ] b\n", ["1_"], ["1x"]),
    ] as [(String, [String], [String])])
    func departuresFromCmarkGFM(markdown: String, cmark: [String], spec: [String]) {
        let bytes = Array(markdown.utf8)
        let reference = MarkdownBlockScanner<CmarkGFMTaskListRule>.scan(bytes).items
        #expect(reference.map { "\($0.line)\($0.isChecked ? "x" : "_")" } == cmark)
        #expect(tasks(bytes) == spec)
    }

    // MARK: - Code

    @Test func backtickFence() {
        #expect(tasks("```\n- [ ] a\n```\n- [ ] b\n") == ["4_"])
    }

    @Test func tildeFence() {
        #expect(tasks("~~~\n- [ ] a\n~~~\n- [ ] b\n") == ["4_"])
    }

    @Test func longFenceNeedsAnEquallyLongClose() {
        #expect(tasks("`````\n```\n- [ ] a\n````\n- [ ] b\n`````\n- [ ] c\n") == ["7_"])
        #expect(tasks("~~~~\n~~~\n- [ ] a\n~~~~~~\n- [ ] b\n") == ["5_"])
    }

    @Test func fenceClosesOnlyWithItsOwnCharacter() {
        #expect(tasks("```\n~~~\n- [ ] a\n```\n- [ ] b\n") == ["5_"])
        #expect(tasks("~~~\n```\n- [ ] a\n~~~\n- [ ] b\n") == ["5_"])
    }

    @Test func fenceWithInfoString() {
        #expect(tasks("```swift title=\"x\"\n- [ ] a\n```\n- [ ] b\n") == ["4_"])
        #expect(tasks("~~~ info with ``` backticks\n- [ ] a\n~~~\n- [ ] b\n") == ["4_"])
        // A closing fence takes no info string.
        #expect(tasks("```\n- [ ] a\n``` not closed\n- [ ] b\n") == [])
    }

    @Test func backtickInfoStringWithBacktickIsNoFence() {
        #expect(tasks("``` a`b\n- [ ] a\n") == ["2_"])
    }

    @Test func unclosedFenceRunsToTheEndOfItsContainer() {
        #expect(tasks("```\n- [ ] a\n\n- [ ] b\n") == [])
        #expect(tasks("> ```\n> - [ ] a\n- [ ] b\n") == ["3_"])
        #expect(tasks("- ```\n  - [ ] a\n- [ ] b\n") == ["3_"])
    }

    @Test func fenceIndentedFourSpacesIsCode() {
        #expect(tasks("    ```\n- [ ] a\n") == ["2_"])
    }

    @Test func indentedCode() {
        #expect(tasks("    - [ ] a\n") == [])
        #expect(tasks("\t- [ ] a\n") == [])
        #expect(tasks("    code\n\n    - [ ] a\n- [ ] b\n") == ["4_"])
    }

    @Test func indentedLineAfterParagraphIsText() {
        #expect(tasks("text\n    - [ ] a\n") == [])
    }

    @Test func fiveSpacesAfterMarkerStartCode() {
        #expect(tasks("-      [ ] x\n") == [])
        #expect(tasks("-     [ ] x\n") == [])
        #expect(tasks("-    [ ] x\n") == ["1_"])
        #expect(tasks("1.     [ ] x\n") == [])
    }

    // MARK: - HTML

    @Test func htmlBlockOfRawText() {
        #expect(tasks("<script>\n- [ ] a\n</script>\n- [ ] b\n") == ["4_"])
        #expect(tasks("<pre>\n\n- [ ] a\n</pre>\n- [ ] b\n") == ["5_"])
        #expect(tasks("<style type=\"x\">\n- [ ] a\n</STYLE>\n- [ ] b\n") == ["4_"])
        #expect(tasks("<textarea>\n- [ ] a\n</textarea>\n- [ ] b\n") == ["4_"])
    }

    @Test func htmlComment() {
        #expect(tasks("<!--\n- [ ] a\n-->\n- [ ] b\n") == ["4_"])
        #expect(tasks("<!-- one line -->\n- [ ] a\n") == ["2_"])
    }

    @Test func htmlCommentSpanningBlankLines() {
        #expect(tasks("<!-- notes\n\n- [ ] hidden\n\n- [x] hidden too\n\n-->\n- [ ] shown\n") == ["8_"])
    }

    @Test func htmlProcessingInstruction() {
        #expect(tasks("<?php\n- [ ] a\n?>\n- [ ] b\n") == ["4_"])
    }

    @Test func htmlDeclaration() {
        #expect(tasks("<!DOCTYPE html\n- [ ] a\n>\n- [ ] b\n") == ["4_"])
        // Only an uppercase letter after `<!` starts one.
        #expect(tasks("<!doctype html\n- [ ] a\n") == ["2_"])
    }

    @Test func htmlCDATA() {
        #expect(tasks("<![CDATA[\n- [ ] a\n]]>\n- [ ] b\n") == ["4_"])
    }

    @Test func htmlBlockTagEndsAtBlankLine() {
        #expect(tasks("<div>\n- [ ] a\n\n- [ ] b\n") == ["4_"])
        #expect(tasks("</table>\n- [ ] a\n\n- [ ] b\n") == ["4_"])
        #expect(tasks("text\n<div>\n- [ ] a\n") == [])
    }

    @Test func htmlOtherTagEndsAtBlankLine() {
        #expect(tasks("<custom-tag attr=\"1\">\n- [ ] a\n\n- [ ] b\n") == ["4_"])
        #expect(tasks("</span>\n- [ ] a\n\n- [ ] b\n") == ["4_"])
    }

    @Test func htmlOtherTagCannotInterruptParagraph() {
        #expect(tasks("text\n<custom-tag>\n- [ ] a\n") == ["3_"])
        // Not a complete tag alone on its line: no HTML block.
        #expect(tasks("<span>text\n- [ ] a\n") == ["2_"])
    }

    // MARK: - Paragraph continuation

    @Test func orderedItemInterruptsParagraphOnlyFromOne() {
        #expect(tasks("text\n2. [ ] x\n") == [])
        #expect(tasks("text\n1. [ ] x\n") == ["2_"])
        #expect(tasks("text\n- [ ] x\n") == ["2_"])
    }

    @Test func emptyItemCannotInterruptParagraph() {
        #expect(tasks("text\n*\n  [ ] a\n") == [])
        #expect(tasks("text\n1.\n   [ ] a\n") == [])
    }

    @Test func lazyContinuationLineIsNotAnItem() {
        #expect(tasks("- [ ] a\n[x] b\n") == ["1_"])
        #expect(texts("- [ ] a\n[x] b\n") == ["a [x] b"])
        #expect(tasks("> text\n    - [ ] a\n") == [])
    }

    @Test func afterABlockQuoteParagraphANewListStarts() {
        // cmark-gfm opens a list here rather than continuing the quote's paragraph lazily.
        #expect(tasks("> text\n2. [ ] a\n") == ["2_"])
    }

    @Test func thematicBreakWinsOverListItem() {
        #expect(tasks("* * *\n") == [])
        #expect(tasks("- - -\n") == [])
        #expect(tasks("* * *\n- [ ] a\n") == ["2_"])
    }

    @Test func setextUnderlineIsNotAListItem() {
        let document = ChecklistDocument(bytes: Array("Title\n---\n- [ ] a\n".utf8))
        #expect(document.items.map(\.line) == [3])
        #expect(document.headings == [Heading(level: 2, text: "Title", line: 1, lineStart: 0, lastLine: 2)])
        #expect(tasks("- [ ] a\n---\n") == ["1_"])
    }

    @Test func tableIsNotAParagraph() {
        // After a table an ordered item may start at any number.
        #expect(tasks("| a | b |\n| - | - |\n2. [ ] x\n") == ["3_"])
        #expect(tasks("| a | b |\n| - |\n2. [ ] x\n") == [])
        #expect(tasks("- [ ] a | b\n  --- | ---\n") == ["1_"])
    }

    // MARK: - Bytes

    @Test func tabsExpandToFourColumns() {
        #expect(tasks("-\t[ ] a\n") == ["1_"])
        #expect(tasks("- [ ]\ta\n") == ["1_"])
        #expect(tasks("- a\n\t- [ ] b\n") == ["2_"])
        #expect(tasks("-\t\t[ ] a\n") == [])
        #expect(tasks(">\t- [ ] a\n") == ["1_"])
    }

    @Test func crlfLineEndings() {
        let document = ChecklistDocument(bytes: Array("# T\r\n- [ ] a\r\n- [x] b\r\n".utf8))
        #expect(document.items.map(\.line) == [2, 3])
        #expect(document.items.map(\.text) == ["a", "b"])
        #expect(document.items.map(\.checkOffset) == [8, 17])
        #expect(document.items.map(\.endOfLineOffset) == [12, 21])
    }

    @Test func loneCarriageReturnLineEndings() {
        #expect(tasks("- [ ] a\r- [x] b\r\r- [ ] c") == ["1_", "2x", "4_"])
    }

    @Test func byteOrderMark() {
        let document = ChecklistDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("- [ ] a\n".utf8))
        #expect(document.items.map(\.checkOffset) == [6])
        #expect(document.items.map(\.text) == ["a"])
    }

    @Test func noFinalNewline() {
        let document = ChecklistDocument(bytes: Array("- [ ] a\n- [x] last".utf8))
        #expect(document.items.map(\.text) == ["a", "last"])
        #expect(document.items.last?.endOfLineOffset == 18)
    }

    @Test func invalidUTF8() {
        let bytes: [UInt8] = Array("- [ ] a".utf8) + [0xFF, 0xC3] + Array("\n- [x] ".utf8) + [0x80, 0x00]
        let document = ChecklistDocument(bytes: bytes)
        #expect(document.items.map(\.isChecked) == [false, true])
        #expect(document.items.first?.text == "a\u{FFFD}\u{FFFD}")
    }

    @Test func emptyAndBlankDocuments() {
        #expect(tasks("") == [])
        #expect(tasks("\n\n\r\n  \t\n") == [])
        #expect(tasks([0xEF, 0xBB, 0xBF]) == [])
    }

    // MARK: - Text and markers

    @Test func labMarkerIsReadAndRemoved() {
        let document = ChecklistDocument(
            bytes: Array("- [ ] Explain DNS <!-- lab:dns-basics -->\n- [x] b<!--lab:b-->\n".utf8))
        #expect(document.items.map(\.markerID) == ["dns-basics", "b"])
        #expect(document.items.map(\.text) == ["Explain DNS", "b"])
    }

    @Test func labMarkerOnlyAtTheEnd() {
        let document = ChecklistDocument(
            bytes: Array("- [ ] <!-- lab:x --> then text\n- [ ] note <!-- other -->\n- [ ] a\n  b <!-- lab:y -->\n".utf8))
        #expect(document.items.map(\.markerID) == [nil, nil, "y"])
        #expect(document.items.map(\.text) == ["<!-- lab:x --> then text", "note <!-- other -->", "a b"])
    }

    @Test func labMarkerBlanksAndLookalikes() {
        // Tabs and Unicode space separators around the marker, its prefix and its ID are blanks.
        #expect(ExerciseTag.split("Explain\u{00A0}<!--\tlab:\u{3000}dns -->") == ("Explain", "dns"))
        #expect(ExerciseTag.split("Deploy — twice <!-- lab:a.b-c -->") == ("Deploy — twice", "a.b-c"))
        #expect(ExerciseTag.split("<!--lab:x-->") == ("", "x"))
        // The last comment counts; an ID with a blank inside, an empty ID or another prefix does not.
        #expect(ExerciseTag.split("a <!-- lab:x --> <!-- lab:y -->") == ("a <!-- lab:x -->", "y"))
        #expect(ExerciseTag.split("a <!-- lab:x y -->") == ("a <!-- lab:x y -->", nil))
        #expect(ExerciseTag.split("a <!-- lab: -->") == ("a <!-- lab: -->", nil))
        #expect(ExerciseTag.split("a <!-- lab:x\u{2028}y -->").id == nil)
        #expect(ExerciseTag.split("a <!-- LAB:x -->").id == nil)
        #expect(ExerciseTag.split("a <!-->lab:x-->").id == nil)
        #expect(ExerciseTag.split("a <!-- lab:x --").id == nil)
        #expect(ExerciseTag.split("ünïcödé <!-- lab:x -->\u{00A0}").id == nil)
    }

    // MARK: - Headings

    @Test func atxAndSetextHeadings() {
        let markdown = "# One\n## Two ##\n###### Six\n####### seven\n#no\n\nSetext\n===\n```\n# code\n```\n<div>\n# html\n"
        let document = ChecklistDocument(bytes: Array(markdown.utf8))
        #expect(document.headings.map(\.level) == [1, 2, 6, 1])
        #expect(document.headings.map(\.text) == ["One", "Two", "Six", "Setext"])
        #expect(document.headings.map(\.line) == [1, 2, 3, 7])
        #expect(document.headings.map(\.lineStart) == [0, 6, 16, 46])
    }

    @Test func itemsOfASection() throws {
        let markdown = "# Phase\n- [ ] intro\n## Progress checklist\n- [ ] a\n### Details\n- [x] b\n## Notes\n- [ ] c\n"
        let document = ChecklistDocument(bytes: Array(markdown.utf8))
        let progress = try #require(document.headings.first { $0.text == "Progress checklist" })
        #expect(document.items(under: progress).map(\.text) == ["a", "b"])
    }

    @Test func endOfLineOffsetCoversNestedContent() {
        let markdown = "- [ ] a\n  - [x] b\n\n    more\n\n- [ ] c\n"
        let document = ChecklistDocument(bytes: Array(markdown.utf8))
        #expect(document.items.map(\.endOfLineOffset) == [27, 27, 36])
    }
}
