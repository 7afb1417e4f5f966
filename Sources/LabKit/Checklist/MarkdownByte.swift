/// The ASCII bytes and byte classes that Markdown's block syntax is made of.
enum MarkdownByte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let verticalTab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let hash: UInt8 = 0x23
    static let apostrophe: UInt8 = 0x27
    static let rightParen: UInt8 = 0x29
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let dash: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let quote: UInt8 = 0x22
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let backtick: UInt8 = 0x60
    static let upperX: UInt8 = 0x58
    static let lowerX: UInt8 = 0x78
    static let pipe: UInt8 = 0x7C
    static let tilde: UInt8 = 0x7E

    static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Space, tab, vertical tab or form feed: what can separate things within one line.
    static func isLineSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == verticalTab || byte == formFeed
    }

    /// A line space or a line ending: `spacechar` in cmark-gfm's pattern scanners.
    static func isPatternSpace(_ byte: UInt8) -> Bool {
        isLineSpace(byte) || byte == newline || byte == carriageReturn
    }

    /// Space, tab or a line ending, but not a vertical tab or form feed: cmark's `cmark_isspace`,
    /// which decides what may follow a list marker.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= zero && byte <= nine
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isUppercaseLetter(_ byte: UInt8) -> Bool {
        byte >= 0x41 && byte <= 0x5A
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        isUppercaseLetter(byte) ? byte + 0x20 : byte
    }
}
