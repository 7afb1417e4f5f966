/// The cells of a GFM table row, counted the way cmark-gfm's table extension splits a line at unescaped pipes.
enum GFMTableRow {
    /// cmark-gfm keeps a row's cell count in 16 bits and refuses a row with more.
    static let maximumCells = 65_535

    /// The number of cells in the row from `index` to the end of the line; nil when it holds none.
    ///
    /// Every line that is not blank is a row of at least one cell: cells are separated by `|`, a
    /// leading and a trailing pipe are optional, and a pipe right after a backslash is text.
    static func cellCount(_ line: MarkdownLine, from index: Int) -> Int? {
        // A cell is "anything but a pipe" in well-formed UTF-8: any other byte ends the row early.
        guard WellFormedUTF8.isValid(line.bytes, line.rest(from: index)) else { return nil }
        var position = index + pipeAndSpaces(line, at: index)
        var cells = 0
        while position < line.end {
            let cellStart = position
            while position < line.end {
                let byte = line.byte(at: position)
                if byte == MarkdownByte.pipe && !(position > cellStart && line.byte(at: position - 1) == MarkdownByte.backslash) {
                    break
                }
                position += 1
            }
            let pipe = pipeAndSpaces(line, at: position)
            if position > cellStart || pipe > 0 {
                cells += 1
                if cells > maximumCells {
                    return nil
                }
            }
            position += pipe
            if pipe == 0 {
                break
            }
        }
        return cells > 0 ? cells : nil
    }

    /// The number of columns of a delimiter row (`| --- | :-: |`) at `index`, if the line is one.
    static func delimiterCount(_ line: MarkdownLine, from index: Int) -> Int? {
        var position = index
        if line.byte(at: position) == MarkdownByte.pipe {
            position += 1
        }
        var columns = 0
        while true {
            guard let afterMarker = delimiterMarkerEnd(line, from: position) else { break }
            columns += 1
            position = afterMarker
            guard line.byte(at: position) == MarkdownByte.pipe else { break }
            position += 1
        }
        guard columns > 0 else { return nil }
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        guard position == line.end else { return nil }
        return cellCount(line, from: index)
    }

    /// The end of one `:---:` marker with the spaces around it, starting at `start`.
    private static func delimiterMarkerEnd(_ line: MarkdownLine, from start: Int) -> Int? {
        var position = start
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        if line.byte(at: position) == MarkdownByte.colon {
            position += 1
        }
        let dashesStart = position
        while line.byte(at: position) == MarkdownByte.dash {
            position += 1
        }
        guard position > dashesStart else { return nil }
        if line.byte(at: position) == MarkdownByte.colon {
            position += 1
        }
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        return position
    }

    private static func pipeAndSpaces(_ line: MarkdownLine, at index: Int) -> Int {
        guard line.byte(at: index) == MarkdownByte.pipe else { return 0 }
        var position = index + 1
        while MarkdownByte.isLineSpace(line.byte(at: position)) {
            position += 1
        }
        return position - index
    }
}
