import Foundation
import Testing
@testable import LabSpec

@Suite struct YAMLReaderTests {
    func read(_ text: String) throws -> YAMLDocument {
        try read(Array(text.utf8))
    }

    func read(_ bytes: [UInt8]) throws -> YAMLDocument {
        try YAMLReader().read(SourceFile(path: "lab.yml", bytes: bytes)).get()
    }

    func failure(_ bytes: [UInt8]) -> Diagnostic? {
        if case .failure(let failure) = YAMLReader().read(SourceFile(path: "lab.yml", bytes: bytes)) {
            return failure.diagnostics.first
        }
        return nil
    }

    func failure(_ text: String) -> Diagnostic? { failure(Array(text.utf8)) }

    /// Every node's marks are those the file's line index gives for their offsets — the ends at
    /// the end of the file too, worked out without the index, however the file ends.
    @Test(arguments: [
        "a: 1\n", "a: 1", "a: 1\n\n", "a: 1\n# c", "a: 1\n# c\n", "a: 1\nb:  \n", "a: 1\r\n", "a: 1\r", "a: 1\r\n# é",
        "a: [1, 2]", "- x\n- y", "- x\n- héllo", "\u{FEFF}a: 1", "\u{FEFF}- 1\n", "a: |\n  text\n  more", "a: |\n  text\n",
        "a: 'x'   ", "a:\n  b:\n    c: ñ", "a: 1\n   ", "k: v\n...\n", "--- x",
    ])
    func marksAtTheEndOfTheFileAgreeWithTheLineIndex(_ text: String) throws {
        let source = SourceFile(path: "lab.yml", bytes: Array(text.utf8))
        let document = try YAMLReader().read(source).get()
        func check(_ node: YAMLNode) {
            #expect(node.start == source.mark(atByte: node.start.offset), "\(text.debugDescription) start")
            #expect(node.end == source.mark(atByte: node.end.offset), "\(text.debugDescription) end")
            for pair in node.mapping ?? [] {
                check(pair.key)
                check(pair.value)
            }
            for item in node.sequence ?? [] { check(item) }
        }
        check(document.root)
        #expect(document.root.end.offset == source.bytes.count || text.hasSuffix("...\n") || text.hasSuffix("   "), "\(text.debugDescription)")
    }

    @Test func marksCountBytesForOffsetsAndCharactersForColumns() throws {
        let text = "title: héllo — wörld\nkey: value\n"
        let document = try read(text)
        let title = try #require(document.root["title"])
        #expect(title.start == Mark(line: 1, column: 8, offset: 7))
        let key = try #require(document.root.mapping?[1].key)
        let bytes = Array(text.utf8)
        let lineTwo = bytes.firstIndex(of: 0x0A)! + 1
        #expect(key.start == Mark(line: 2, column: 1, offset: lineTwo))
        let value = try #require(document.root["key"])
        #expect(value.start.offset == lineTwo + 5)
        #expect(Array(bytes[value.start.offset..<value.end.offset]) == Array("value".utf8))
        // The end of the multi-byte scalar lands on the byte after its last character.
        #expect(Array(bytes[title.start.offset..<title.end.offset]) == Array("héllo — wörld".utf8))
    }

    /// A file too large for the 32-bit node indices is refused at its start, not read. Shown on a
    /// reader with a lower limit: a 512 MiB buffer would disturb the tests that measure memory.
    @Test func aFileOverTheSizeLimitIsRefused() throws {
        var reader = YAMLReader()
        #expect(reader.maxBytes == 512 << 20)
        // Three nodes a byte at most still fit the tree's 32-bit indices.
        #expect(3 * YAMLReader.largestFile < Int(Int32.max))
        reader.maxBytes = 100
        let fits = Array("lab: x\nphases: []\n".utf8)
        let over = fits + Array(repeating: UInt8(ascii: "#"), count: 101 - fits.count)
        for read in [{ reader.read($0).map { [$0] } }, { reader.readDocuments($0) }] as [(SourceFile) -> Result<[YAMLDocument], YAMLReadFailure>] {
            guard case .failure(let failure) = read(SourceFile(path: "lab.yml", bytes: over)) else {
                Issue.record("a file over the limit was read")
                continue
            }
            #expect(failure.diagnostics.first?.message == "the file is larger than 100 bytes; refusing to read it")
            #expect(failure.diagnostics.first?.location?.mark == .start)
            #expect(throws: Never.self) { try read(SourceFile(path: "lab.yml", bytes: fits)).get() }
        }
        reader.maxBytes = 2 << 20
        guard case .failure(let failure) = reader.read(SourceFile(path: "lab.yml", bytes: [UInt8](repeating: 0x20, count: (2 << 20) + 1))) else {
            Issue.record("a file over the limit was read")
            return
        }
        #expect(failure.diagnostics.first?.message == "the file is larger than 2 MiB; refusing to read it")
    }

    /// Marks keep lines and columns past 16 bits, and compare by offset.
    @Test func marksHoldLargeLinesAndColumns() {
        let mark = Mark(line: 3_000_000, column: 70_000, offset: 5_000_000_000)
        #expect(mark.line == 3_000_000 && mark.column == 70_000 && mark.offset == 5_000_000_000)
        #expect(Mark(line: 1, column: 1, offset: 1) < mark)
    }

    /// Long ASCII runs (skipped eight bytes at a time) between multi-byte characters: every
    /// node's offsets still slice exactly its text out of the file.
    @Test func marksAcrossLongASCIIRunsAndMultibyteCharacters() throws {
        var text = "intro: \(String(repeating: "x", count: 37))é\n"
        for index in 0..<40 {
            let padding = String(repeating: "ab", count: index % 9)
            text += "key\(index): \(padding)€\(index)🙂\(padding)\n"
        }
        let bytes = Array(text.utf8)
        let document = try read(text)
        let pairs = try #require(document.root.mapping)
        for pair in pairs {
            let key = try #require(pair.key.scalar?.value)
            let value = try #require(pair.value.scalar?.value)
            #expect(Array(bytes[pair.key.start.offset..<pair.key.end.offset]) == Array(key.utf8))
            #expect(Array(bytes[pair.value.start.offset..<pair.value.end.offset]) == Array(value.utf8))
        }
    }

    @Test func marksWithCRLF() throws {
        let text = "a: 1\r\nb: ünïcode\r\nc: 3\r\n"
        let document = try read(text)
        let c = try #require(document.root["c"])
        let bytes = Array(text.utf8)
        #expect(c.start.line == 3)
        #expect(c.start.column == 4)
        #expect(bytes[c.start.offset] == UInt8(ascii: "3"))
        let b = try #require(document.root["b"])
        #expect(Array(bytes[b.start.offset..<b.end.offset]) == Array("ünïcode".utf8))
    }

    @Test func marksAfterAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("é: x\nkey: value\n".utf8)
        let document = try read(bytes)
        let value = try #require(document.root["key"])
        #expect(value.start.line == 2)
        #expect(value.start.column == 6)
        #expect(Array(bytes[value.start.offset..<value.end.offset]) == Array("value".utf8))
        let first = try #require(document.root.mapping?.first?.key)
        #expect(first.start == Mark(line: 1, column: 1, offset: 3))
    }

    @Test func scalarsKeepStyleAndResolve() throws {
        let document = try read("""
            a: plain
            b: 'single'
            c: "double"
            d: |
              literal
            e: >
              folded
            f: 42
            g: 0x1F
            h: 1.5
            i: true
            j: ~
            k: !!str 42
            l: "42"

            """)
        #expect(document.root["a"]?.scalar?.style == .plain)
        #expect(document.root["b"]?.scalar?.style == .singleQuoted)
        #expect(document.root["c"]?.scalar?.style == .doubleQuoted)
        #expect(document.root["d"]?.scalar?.style == .literal)
        #expect(document.root["d"]?.scalar?.value == "literal\n")
        #expect(document.root["e"]?.scalar?.style == .folded)
        #expect(document.root["f"]?.scalar?.resolved == .int(42))
        #expect(document.root["g"]?.scalar?.resolved == .int(31))
        #expect(document.root["h"]?.scalar?.resolved == .float(1.5))
        #expect(document.root["i"]?.scalar?.resolved == .bool(true))
        #expect(document.root["j"]?.scalar?.resolved == .null)
        #expect(document.root["k"]?.scalar?.resolved == .string)
        #expect(document.root["k"]?.scalar?.tag == "tag:yaml.org,2002:str")
        #expect(document.root["l"]?.scalar?.resolved == .string)
    }

    @Test func aliasesShareTheirAnchorsNode() throws {
        let document = try read("""
            base: &base
              timeout: 10s
            one: *base
            two: *base

            """)
        let base = try #require(document.root["base"])
        let one = try #require(document.root["one"])
        #expect(base == one)
        #expect(document.isAliased(base))
        #expect(one["timeout"]?.scalar?.value == "10s")
    }

    @Test func singleMergeKey() throws {
        let document = try read("""
            defaults: &d { timeout: 10s, shell: /bin/sh }
            step:
              <<: *d
              shell: /bin/bash
              run: make

            """)
        let step = try #require(document.root["step"]?.mapping)
        #expect(step.map { $0.key.scalar?.value } == ["timeout", "shell", "run"])
        #expect(step.map(\.isMerged) == [true, false, false])
        #expect(document.root["step"]?["shell"]?.scalar?.value == "/bin/bash")
        #expect(document.root["step"]?["timeout"]?.scalar?.value == "10s")
    }

    @Test func listOfMergeKeysEarlierWins() throws {
        let document = try read("""
            a: &a { x: 1, y: 1 }
            b: &b { y: 2, z: 2 }
            c:
              <<: [*a, *b]
              w: 0

            """)
        let c = try #require(document.root["c"])
        #expect(c["x"]?.scalar?.resolved == .int(1))
        #expect(c["y"]?.scalar?.resolved == .int(1))
        #expect(c["z"]?.scalar?.resolved == .int(2))
        #expect(c["w"]?.scalar?.resolved == .int(0))
    }

    @Test func mergeKeyWithAScalarIsAnError() {
        let diagnostic = failure("a:\n  <<: 3\n")
        #expect(diagnostic?.message.contains("merge key") == true)
        #expect(diagnostic?.location?.mark?.line == 2)
    }

    @Test func duplicateKeysAreReportedWithTheFirst() {
        let diagnostic = failure("a: 1\nb: 2\na: 3\n")
        #expect(diagnostic?.message == "duplicate key 'a' in this mapping")
        #expect(diagnostic?.location?.mark?.line == 3)
        #expect(diagnostic?.notes.first?.location?.mark?.line == 1)
    }

    @Test func everyDuplicateIsReported() throws {
        let result = YAMLReader().read(SourceFile(path: "x", bytes: Array("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n".utf8)))
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.diagnostics.map { $0.location?.mark?.line } == [2, 5])
    }

    @Test func rejectsSecondDocument() {
        let diagnostic = failure("a: 1\n---\nb: 2\n")
        #expect(diagnostic?.message.contains("more than one YAML document") == true)
        #expect(diagnostic?.location?.mark?.line == 2)
    }

    @Test(arguments: ["", "   \n\n", "# only a comment\n"])
    func rejectsEmptyFiles(_ text: String) {
        #expect(failure(text)?.message == "the file is empty")
    }

    @Test func rejectsInvalidUTF8AtTheFirstBadByte() {
        let bytes = Array("a: ok\nb: bad".utf8) + [0xFF] + Array(" x\n".utf8)
        let diagnostic = failure(bytes)
        #expect(diagnostic?.message == "invalid UTF-8 (byte 0xFF)")
        #expect(diagnostic?.location?.mark == Mark(line: 2, column: 7, offset: 12))
    }

    @Test func rejectsOverlongAndSurrogateEncodings() {
        #expect(failure([0x61, 0x3A, 0x20, 0xC0, 0xAF])?.message.hasPrefix("invalid UTF-8") == true)
        #expect(failure([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80])?.message.hasPrefix("invalid UTF-8") == true)
        #expect(failure([0x61, 0x3A, 0x20, 0xE2, 0x82])?.message.hasPrefix("invalid UTF-8") == true)
    }

    @Test func rejectsUTF16() {
        #expect(failure([0xFF, 0xFE, 0x61, 0x00])?.message.contains("UTF-16") == true)
    }

    @Test func libyamlErrorsKeepTheirProblemAndMark() {
        let diagnostic = failure("a: [1, 2\nb: 3\n")
        #expect(diagnostic != nil)
        #expect(diagnostic?.location?.mark != nil)
        let tab = failure("a:\n\tb: 1\n")
        #expect(tab?.message.contains("tab") == true || tab?.message.contains("found character") == true)
        #expect(tab?.location?.mark?.line == 2)
    }

    @Test func unknownAliasIsLocated() {
        let diagnostic = failure("a: 1\nb: *nope\n")
        #expect(diagnostic?.message.hasPrefix("unknown alias '*nope'") == true)
        #expect(diagnostic?.location?.mark?.line == 2)
        #expect(diagnostic?.location?.mark?.column == 4)
    }

    @Test func unsupportedTagIsLocated() {
        let diagnostic = failure("a: 1\nb: !Ref thing\n")
        #expect(diagnostic?.message == "unsupported tag '!Ref'")
        #expect(diagnostic?.location?.mark?.line == 2)
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var diagnostic: Diagnostic?
        let elapsed = clock.measure { diagnostic = failure(text) }
        #expect(diagnostic?.message.contains("aliases expand") == true)
        #expect(elapsed < .seconds(2))
    }

    @Test func moderateAliasUseIsFine() throws {
        var text = "d: &d {timeout: 1s, shell: sh}\nitems:\n"
        for index in 0..<2000 { text += "  - {<<: *d, id: \(index)}\n" }
        let document = try read(text)
        #expect(document.root["items"]?.sequence?.count == 2000)
    }

    @Test func nonScalarKeysAreRejected() {
        #expect(failure("? [a, b]\n: 1\n")?.message.contains("mapping key") == true)
    }

    @Test func collectionStyles() throws {
        let document = try read("a: {x: 1}\nb:\n  x: 1\nc: [1]\nd:\n  - 1\n")
        #expect(document.root["a"]?.collectionStyle == .flow)
        #expect(document.root["b"]?.collectionStyle == .block)
        #expect(document.root["c"]?.collectionStyle == .flow)
        #expect(document.root["d"]?.collectionStyle == .block)
    }

    @Test func unusualLineBreaksDoNotShiftLines() throws {
        let text = "a: \"x\u{2028}y\"\nb: 2\n"
        let document = try read(text)
        #expect(document.root["b"]?.start.line == 2)
    }

    /// The core schema's plain scalars, read from the bytes: words by their first byte, numbers
    /// (signs, prefixes, overflow) as `Int` and `Double` read them.
    @Test(arguments: [
        ("", YAMLScalar.Resolved.null), ("~", .null), ("~~", .string), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string), ("none", .string), ("true", .bool(true)), ("TRUE", .bool(true)), ("tRUE", .string), ("type", .string),
        ("false", .bool(false)), ("False", .bool(false)), ("fAlse", .string), ("title", .string), ("0", .int(0)), ("-0", .int(0)),
        ("+12", .int(12)), ("-12", .int(-12)), ("007", .int(7)), ("0x1F", .int(31)), ("0x-1F", .int(-31)), ("0o17", .int(15)),
        ("0x", .string), ("0o9", .string), ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .float(-9223372036854775808)),
        ("9223372036854775808", .float(9223372036854775808)), ("1.5", .float(1.5)), (".5", .float(0.5)), ("1.", .float(1)),
        ("1e3", .float(1000)), ("-1E-2", .float(-0.01)), ("1e", .string), (".", .string), ("+", .string),
        ("+.inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("1-2", .string), ("10s", .string), ("1_000", .string),
    ])
    func resolvesPlainScalars(_ text: String, _ expected: YAMLScalar.Resolved) throws {
        let document = try read("- \(text.isEmpty ? "" : text)\n")
        #expect(document.root.sequence?.first?.scalar?.resolved == expected)
        #expect(YAMLScalar.resolvePlain(text) == expected)
    }

    @Test func nanResolvesAsAFloat() throws {
        guard case .float(let number)? = try read("- .NaN\n").root.sequence?.first?.scalar?.resolved else {
            Issue.record("expected a float")
            return
        }
        #expect(number.isNaN)
    }

    /// Keys that share their length and their first and last bytes are told apart by their text.
    @Test func keysAlikeAtBothEndsAreDistinct() throws {
        let document = try read("abcdefgh-1-stuvwxyz: 1\nabcdefgh-2-stuvwxyz: 2\nabXd: 3\nabYd: 4\n")
        #expect(document.root["abcdefgh-2-stuvwxyz"]?.scalar?.value == "2")
        #expect(document.root["abYd"]?.scalar?.value == "4")
        #expect(failure("abcdefgh-1-stuvwxyz: 1\nabXd: 3\nabcdefgh-1-stuvwxyz: 2\n")?.location?.mark?.line == 3)
    }
}
