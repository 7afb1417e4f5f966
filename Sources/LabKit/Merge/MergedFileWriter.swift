/// Writes the bytes of a merge from its regions, with git-style conflict markers around conflicts.
///
/// Conflict markers end in `\r\n` when the text around them does (see `markersNeedCR`), and a side
/// whose last line has no terminator gets one inside a conflict so that the marker after it starts on
/// its own line; both are what `git merge-file` does.
struct MergedFileWriter {
    let base: TextLines
    let ours: TextLines
    let theirs: TextLines
    let oursLabel: String
    let theirsLabel: String

    /// Git's default conflict marker size.
    static let markerSize = 7

    func write(_ regions: [MergeRegion]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(ours.bytes.count + theirs.bytes.count / 4)
        // The next line of our file not yet written.
        var next = 0
        for region in regions {
            switch region.resolution {
            case .conflict:
                let ending = Array((markersNeedCR(region) ? "\r\n" : "\n").utf8)
                copy(ours, from: next, to: region.oursStart, into: &output)
                marker("<", label: oursLabel, ending: ending, into: &output)
                copy(ours, from: region.oursStart, to: region.oursEnd, into: &output, terminatingWith: ending)
                marker("=", label: nil, ending: ending, into: &output)
                copy(theirs, from: region.theirsStart, to: region.theirsEnd, into: &output, terminatingWith: ending)
                marker(">", label: theirsLabel, ending: ending, into: &output)
            case .ours:
                copy(ours, from: next, to: region.oursStart, into: &output)
                copy(ours, from: region.oursStart, to: region.oursEnd, into: &output)
            case .theirs:
                copy(ours, from: next, to: region.oursStart, into: &output)
                copy(theirs, from: region.theirsStart, to: region.theirsEnd, into: &output)
            case .identical:
                // Our file already holds the change; its lines go out with the unchanged ones.
                continue
            }
            next = region.oursEnd
        }
        copy(ours, from: next, to: ours.count, into: &output)
        return output
    }

    /// Appends lines `start..<end` of `file`; given an `ending`, a last line without a terminator
    /// gets that one.
    private func copy(
        _ file: TextLines, from start: Int, to end: Int, into output: inout [UInt8],
        terminatingWith ending: [UInt8]? = nil
    ) {
        guard start < end else { return }
        output.append(contentsOf: file.bytes(of: start..<end))
        if let ending, !file.hasTerminator(end - 1) {
            output.append(contentsOf: ending)
        }
    }

    private func marker(_ character: Character, label: String?, ending: [UInt8], into output: inout [UInt8]) {
        guard let byte = character.asciiValue else { return }
        output.append(contentsOf: repeatElement(byte, count: Self.markerSize))
        if let label {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: Array(label.utf8))
        }
        output.append(contentsOf: ending)
    }

    /// Whether the markers of `region` end in `\r\n`: git's rule is that neither the line before the
    /// conflict in ours nor the one in theirs ends in a bare `\n` (a file that gives no clue, being
    /// empty or a single unterminated line, does not object), and the base's first line ends in `\r\n`.
    private func markersNeedCR(_ region: MergeRegion) -> Bool {
        Self.endsInCRLF(ours, max(region.oursStart - 1, 0)) != false
            && Self.endsInCRLF(theirs, max(region.theirsStart - 1, 0)) != false
            && Self.endsInCRLF(base, 0) == true
    }

    /// Whether line `index` of `file` ends in `\r\n`; for an unterminated last line, whether the line
    /// before it does; `nil` when the file gives no clue.
    private static func endsInCRLF(_ file: TextLines, _ index: Int) -> Bool? {
        guard file.count > 0 else { return nil }
        if index < file.count - 1 { return file.endsInCRLF(index) }
        let last = file.count - 1
        if file.hasTerminator(last) { return file.endsInCRLF(last) }
        guard last > 0 else { return nil }
        return file.endsInCRLF(last - 1)
    }
}
