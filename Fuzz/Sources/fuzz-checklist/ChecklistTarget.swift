import FuzzDriver
import LabKit

/// libFuzzer target: any bytes scanned as a checklist, then every item ticked and unticked.
///
/// Ticking must change exactly the one byte between the item's brackets, and scanning the result
/// must find the same items and headings with only that item's state flipped.
@_cdecl("fuzz_checklist_main")
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzChecklist)
}

func fuzzChecklist(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let document = ChecklistDocument(bytes: bytes)
    var previous = -1
    // Rescanning is the costly part: every item is ticked, a few checked in full (the first, the
    // last, the middle one, and one that varies with the input).
    let count = document.items.count
    let checkedInFull: Set<Int> = count == 0 ? [] : [0, count - 1, count / 2, bytes.count % count]
    for (index, item) in document.items.enumerated() {
        require(item.checkOffset > previous, "items out of order at line \(item.line)")
        previous = item.checkOffset
        require(
            item.checkOffset >= 1 && item.checkOffset + 1 < bytes.count
                && bytes[item.checkOffset - 1] == UInt8(ascii: "[") && bytes[item.checkOffset + 1] == UInt8(ascii: "]"),
            "item at line \(item.line) does not point at a box")
        require(item.lineStart <= item.markerOffset && item.markerOffset < item.checkOffset, "item at line \(item.line): marker after its box")
        require(item.endOfLineOffset > item.checkOffset && item.endOfLineOffset <= bytes.count, "item at line \(item.line): bad end of line")
        if item.markerID != nil {
            require(document.item(forExercise: item.markerID ?? "", title: "")?.markerID == item.markerID, "marker of line \(item.line) not found")
        }
        for checked in [true, false] {
            let result = document.setting(item, checked: checked)
            require(result.count == bytes.count, "ticking the item at line \(item.line) changed the length")
            let box = result[item.checkOffset]
            require(
                checked
                    ? box == UInt8(ascii: "x") || (item.isChecked && box == bytes[item.checkOffset])
                    : box == UInt8(ascii: " ") || (!item.isChecked && box == bytes[item.checkOffset]),
                "setting the item at line \(item.line) left '\(Character(Unicode.Scalar(box)))' in its box")
            guard checkedInFull.contains(index) else { continue }
            let changed = bytes.indices.filter { bytes[$0] != result[$0] }
            if checked == item.isChecked {
                require(changed.isEmpty, "setting the item at line \(item.line) to its own state changed bytes \(changed)")
                continue
            }
            require(changed == [item.checkOffset], "flipping the item at line \(item.line) changed bytes \(changed)")
            let after = ChecklistDocument(bytes: result)
            var expected = document.items
            expected[index].isChecked = checked
            require(after.items == expected, "flipping the item at line \(item.line) changed the other items")
            require(after.headings == document.headings, "flipping the item at line \(item.line) changed the headings")
        }
    }
    _ = document.lineEnding
    for heading in document.headings.prefix(16) { _ = document.items(under: heading) }
    return 0
}

/// A broken promise is a finding: trap, so libFuzzer keeps the input.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz-checklist: \(message())") }
}
