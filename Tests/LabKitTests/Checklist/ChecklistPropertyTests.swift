import Testing

@testable import LabKit

/// Properties of scanning and ticking that hold for any document, checked on generated ones.
@Suite struct ChecklistPropertyTests {
    static let documents: [[UInt8]] = {
        var generator = MarkdownGenerator(seed: 0x7469_636B)
        return (0..<500).map { _ in generator.document() }
    }()

    @Test func itemsPointAtTheirBoxes() {
        for bytes in Self.documents {
            let items = ChecklistDocument(bytes: bytes).items
            #expect(items.map(\.checkOffset) == items.map(\.checkOffset).sorted())
            for item in items {
                let box = bytes[(item.checkOffset - 1)...(item.checkOffset + 1)]
                #expect(box.first == UInt8(ascii: "[") && box.last == UInt8(ascii: "]"))
                #expect(item.isChecked == (bytes[item.checkOffset] == UInt8(ascii: "x") || bytes[item.checkOffset] == UInt8(ascii: "X")))
                #expect(item.lineStart <= item.markerOffset && item.markerOffset < item.checkOffset)
                #expect(item.checkOffset < item.endOfLineOffset && item.endOfLineOffset <= bytes.count)
            }
        }
    }

    @Test func tickChangesExactlyOneByteAndNothingElse() {
        for bytes in Self.documents {
            let document = ChecklistDocument(bytes: bytes)
            for (index, item) in document.items.enumerated() where !item.isChecked {
                let ticked = document.setting(item, checked: true)
                let changed = bytes.indices.filter { bytes[$0] != ticked[$0] }
                #expect(ticked.count == bytes.count && changed == [item.checkOffset])
                // The rest of the document reads the same: only this item's state differs.
                var expected = document.items
                expected[index].isChecked = true
                #expect(ChecklistDocument(bytes: ticked).items == expected)
            }
        }
    }

    @Test func tickThenUntickIsTheIdentity() {
        for bytes in Self.documents {
            let document = ChecklistDocument(bytes: bytes)
            for (index, item) in document.items.enumerated() {
                let flipped = ChecklistDocument(bytes: document.setting(item, checked: !item.isChecked))
                let restored = flipped.setting(flipped.items[index], checked: item.isChecked)
                if bytes[item.checkOffset] == UInt8(ascii: "X") {
                    // `X` comes back as `x`: still one byte, still ticked.
                    #expect(restored.indices.filter { restored[$0] != bytes[$0] } == [item.checkOffset])
                } else if !item.isChecked && bytes[item.checkOffset] != UInt8(ascii: " ") {
                    // A tab (or other whitespace) between the brackets comes back as a space: still
                    // one byte, still unticked.
                    #expect(restored.indices.filter { restored[$0] != bytes[$0] } == [item.checkOffset])
                    #expect(restored[item.checkOffset] == UInt8(ascii: " "))
                } else {
                    #expect(restored == bytes)
                }
            }
        }
    }

    @Test func settingAnItemToItsStateChangesNothing() {
        for bytes in Self.documents {
            let document = ChecklistDocument(bytes: bytes)
            for item in document.items {
                #expect(document.setting(item, checked: item.isChecked) == bytes)
            }
        }
    }

    @Test func anyBytesScanWithoutTrapping() {
        var random = SplitMix64(seed: 0x6279_7465)
        let alphabet = Array("-+*1.)>[ ]xX\t\n\r`~<!?#=|\\:abc".utf8) + [0x00, 0x0B, 0x0C, 0x80, 0xC3, 0xEF, 0xBB, 0xBF, 0xFF]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...80, using: &random)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let document = ChecklistDocument(bytes: bytes)
            for item in document.items {
                #expect(document.setting(item, checked: true).count == bytes.count)
            }
        }
    }

    @Test func everyPrefixOfADocumentScans() {
        for bytes in Self.documents.prefix(40) {
            for end in 0...bytes.count {
                let prefix = Array(bytes[..<end])
                let items = ChecklistDocument(bytes: prefix).items
                // A box is always followed by `]` and a space or tab on its line.
                #expect(items.allSatisfy { $0.checkOffset + 2 < prefix.count })
            }
        }
    }
}
