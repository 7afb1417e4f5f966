import Testing

@testable import LabKit

@Suite struct ChecklistDocumentTests {
    static let phase = """
        # Phase 1

        ## Progress checklist

        - [ ] Explain processes, signals and exit codes <!-- lab:linux-processes -->
        - [x] Explain   DNS
          resolution
        - [ ] Something else <!-- lab:other -->
        - [ ] explain dns resolution

        """

    // MARK: - Binding

    @Test func bindsByMarker() throws {
        let document = ChecklistDocument(bytes: Array(Self.phase.utf8))
        let item = try #require(document.item(forExercise: "linux-processes", title: "Unrelated title"))
        #expect(item.text == "Explain processes, signals and exit codes")
        #expect(item.line == 5)
    }

    @Test func bindsByTitleWithWhitespaceCollapsedAndCaseIgnored() throws {
        let document = ChecklistDocument(bytes: Array(Self.phase.utf8))
        let item = try #require(document.item(forExercise: "dns-basics", title: "explain dns  RESOLUTION"))
        // The first match wins: the two-line item, not the later one with the same words.
        #expect(item.line == 6)
        #expect(item.isChecked)
    }

    @Test func markedItemIsNotBoundByTitle() {
        let document = ChecklistDocument(bytes: Array(Self.phase.utf8))
        #expect(document.item(forExercise: "something", title: "Something else") == nil)
        #expect(document.item(forExercise: "other", title: "whatever")?.line == 8)
    }

    @Test func unboundExercise() {
        let document = ChecklistDocument(bytes: Array(Self.phase.utf8))
        #expect(document.item(forExercise: "missing", title: "Not in the document") == nil)
    }

    // MARK: - Ticking

    @Test func tickingChangesOnlyTheBoxCharacter() throws {
        let bytes = Array("- [ ] a  \r\n- [ ] é\r\n- [ ] last".utf8)
        let document = ChecklistDocument(bytes: bytes)
        let item = try #require(document.items.dropFirst().first)
        let ticked = document.setting(item, checked: true)
        #expect(ticked.count == bytes.count)
        #expect(zip(bytes, ticked).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset) == [item.checkOffset])
        #expect(ticked[item.checkOffset] == UInt8(ascii: "x"))
        #expect(ChecklistDocument(bytes: ticked).items.map(\.isChecked) == [false, true, false])
    }

    @Test func untickingUppercaseXWritesASpace() throws {
        let document = ChecklistDocument(bytes: Array("- [X] a\n".utf8))
        let item = try #require(document.items.first)
        #expect(document.setting(item, checked: false) == Array("- [ ] a\n".utf8))
    }

    @Test func settingTheCurrentStateChangesNothing() throws {
        let bytes = Array("- [X] a\n- [ ] b".utf8)
        let document = ChecklistDocument(bytes: bytes)
        #expect(document.setting(document.items[0], checked: true) == bytes)
        #expect(document.setting(document.items[1], checked: false) == bytes)
    }

    @Test func tickThenUntickRestoresTheDocument() throws {
        let bytes = Array(Self.phase.utf8)
        let document = ChecklistDocument(bytes: bytes)
        let item = try #require(document.items.first)
        let ticked = ChecklistDocument(bytes: document.setting(item, checked: true))
        let tickedItem = try #require(ticked.items.first)
        #expect(ticked.setting(tickedItem, checked: false) == bytes)
    }

    @Test func itemOfAnotherDocumentChangesNothing() {
        let bytes = Array("text\n- [ ] a\n".utf8)
        let document = ChecklistDocument(bytes: bytes)
        let stranger = TaskItem(
            line: 1, lineStart: 0, markerOffset: 0, checkOffset: 2, isChecked: false, text: "x", markerID: nil,
            endOfLineOffset: 4)
        let outOfRange = TaskItem(
            line: 9, lineStart: 90, markerOffset: 90, checkOffset: 93, isChecked: false, text: "x", markerID: nil,
            endOfLineOffset: 99)
        #expect(document.setting(stranger, checked: true) == bytes)
        #expect(document.setting(outOfRange, checked: true) == bytes)
    }

    @Test func tickingKeepsInvalidUTF8AndMissingNewline() throws {
        let bytes: [UInt8] = [0xFF] + Array("\n- [ ] a".utf8) + [0xC3]
        let document = ChecklistDocument(bytes: bytes)
        let item = try #require(document.items.first)
        var expected = bytes
        expected[item.checkOffset] = UInt8(ascii: "x")
        #expect(document.setting(item, checked: true) == expected)
    }

    // MARK: - Appending

    @Test func lineEndingOfTheDocument() {
        #expect(ChecklistDocument(bytes: Array("a\r\nb\n".utf8)).lineEnding == Array("\r\n".utf8))
        #expect(ChecklistDocument(bytes: Array("a\rb".utf8)).lineEnding == Array("\r".utf8))
        #expect(ChecklistDocument(bytes: Array("a\nb\r\n".utf8)).lineEnding == Array("\n".utf8))
        #expect(ChecklistDocument(bytes: Array("single line".utf8)).lineEnding == Array("\n".utf8))
    }

    @Test func siblingPrefixOfTheLastItem() throws {
        let document = ChecklistDocument(bytes: Array("> 1. [ ] a\n>    - [x] b\n".utf8))
        let last = try #require(document.items.last)
        #expect(String(decoding: document.bytes[last.lineStart..<(last.checkOffset - 1)], as: UTF8.self) == ">    - ")
        #expect(last.endOfLineOffset == 23)
    }
}
