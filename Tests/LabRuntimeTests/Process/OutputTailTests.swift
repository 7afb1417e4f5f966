import Testing

@testable import LabRuntime

/// Tests of the bounded tail kept for each output stream.
@Suite struct OutputTailTests {
    @Test func keepsEverythingBelowTheLimit() {
        var buffer = TailBuffer(capacity: 8)
        buffer.append(Array("abc".utf8))
        buffer.append(Array("def".utf8))
        #expect(buffer.tail == OutputTail(bytes: Array("abcdef".utf8), totalBytes: 6))
        #expect(!buffer.tail.isTruncated)
    }

    @Test func keepsTheLastBytesAcrossWrapArounds() {
        var buffer = TailBuffer(capacity: 5)
        var all: [UInt8] = []
        for chunk in ["ab", "cde", "f", "ghij", "k", "lmnopq", "rs"] {
            buffer.append(Array(chunk.utf8))
            all += Array(chunk.utf8)
            #expect(buffer.tail.bytes == Array(all.suffix(5)))
            #expect(buffer.tail.totalBytes == all.count)
        }
        #expect(buffer.tail.isTruncated)
    }

    @Test func zeroCapacityOnlyCounts() {
        var buffer = TailBuffer(capacity: 0)
        buffer.append(Array("hello".utf8))
        #expect(buffer.tail.bytes.isEmpty && buffer.tail.totalBytes == 5)
    }

    @Test func truncatedTextSkipsABrokenFirstCharacter() {
        // "é" is C3 A9: a tail that starts at A9 should not start with U+FFFD.
        let tail = OutputTail(bytes: [0xA9] + Array("tail".utf8), totalBytes: 100)
        #expect(tail.text == "tail")
        let whole = OutputTail(bytes: Array("né".utf8))
        #expect(whole.text == "né")
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(OutputTail(bytes: [0x61, 0xFF, 0x62]).text == "a\u{FFFD}b")
    }
}
