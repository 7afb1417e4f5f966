import Testing

@testable import LabKit

struct BinaryContentTests {
    @Test func textIsNotBinary() {
        #expect(!BinaryContent.isBinary(Array("hello\nworld\n".utf8)))
        #expect(!BinaryContent.isBinary([]))
        #expect(!BinaryContent.isBinary([0xFF, 0xFE, 0x80]))
    }

    @Test func aNulByteEarlyOnIsBinary() {
        #expect(BinaryContent.isBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 10_000)
        bytes[7_999] = 0
        #expect(BinaryContent.isBinary(bytes))
    }

    @Test func aNulByteAfterTheFirst8000BytesIsNotLookedAt() {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 10_000)
        bytes[8_000] = 0
        #expect(!BinaryContent.isBinary(bytes))
    }
}
