/// A recogniser for the plain regular expressions a lab is mostly written with —
/// `(?i)exit (code|status)`, `127\.0\.0\.1|::1`, `:[0-9]+$` — that proves them valid without
/// compiling them. Compiling a `Regex` from a string costs about 300,000 instructions a pattern
/// (the parser of `_StringProcessing`), and every command reads every pattern of `lab.yml`: for
/// this repository's course that was half of `lab status`. The recogniser accepts only a small
/// subset of the syntax, every sentence of which `Regex` accepts; anything else — a POSIX class,
/// a look-around, a backreference, set operations, a non-ASCII character — is left to `Regex`,
/// which then also words the error.
///
///     pattern     := flags? alternation
///     flags       := "(?" [ims]+ ")"
///     alternation := sequence ("|" sequence)*
///     sequence    := (anchor | atom quantifier?)*
///     anchor      := "^" | "$" | "\b" | "\B"
///     atom        := literal | "." | escape | class | "(" ("?:")? alternation ")"
///     class       := "[" "^"? (member | range)+ "]"
///     quantifier  := ("?" | "*" | "+" | "{" n "}" | "{" n ",}" | "{" n "," m "}") "?"?   (n ≤ m < 10,000)
enum PlainRegex {
    /// Whether `pattern` is in the plain subset, and so a valid regular expression.
    static func accepts(_ pattern: String) -> Bool {
        var scanner = Scanner(bytes: Array(pattern.utf8))
        return scanner.pattern()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func eat(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func pattern() -> Bool {
            if bytes.starts(with: Array("(?".utf8)), bytes.count > 2, Self.flags.contains(bytes[2]) {
                index = 2
                while let byte = current, Self.flags.contains(byte) { index += 1 }
                guard eat(UInt8(ascii: ")")) else { return false }
            }
            return alternation() && index == bytes.count
        }

        mutating func alternation() -> Bool {
            guard sequence() else { return false }
            while eat(UInt8(ascii: "|")) {
                guard sequence() else { return false }
            }
            return true
        }

        /// Pieces up to a `|`, a `)` that closes a group, or the end.
        mutating func sequence() -> Bool {
            while let byte = current {
                switch byte {
                case UInt8(ascii: "|"): return true
                case UInt8(ascii: ")"): return depth > 0
                case UInt8(ascii: "^"), UInt8(ascii: "$"): index += 1
                case UInt8(ascii: "\\") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "b") || bytes[index + 1] == UInt8(ascii: "B")):
                    index += 2
                default:
                    guard atom(), quantifier() else { return false }
                }
            }
            return true
        }

        mutating func atom() -> Bool {
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "."):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                return escape(Self.escaped)
            case UInt8(ascii: "["):
                return characterClass()
            case UInt8(ascii: "("):
                index += 1
                if eat(UInt8(ascii: "?")) {
                    guard eat(UInt8(ascii: ":")) else { return false }
                }
                depth += 1
                guard depth <= 32, alternation(), eat(UInt8(ascii: ")")) else { return false }
                depth -= 1
                return true
            default:
                guard Self.literal(byte) else { return false }
                index += 1
                return true
            }
        }

        /// `\` and one character of `allowed`.
        mutating func escape(_ allowed: Set<UInt8>) -> Bool {
            guard index + 1 < bytes.count, allowed.contains(bytes[index + 1]) else { return false }
            index += 2
            return true
        }

        mutating func quantifier() -> Bool {
            guard let byte = current else { return true }
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                index += 1
            case UInt8(ascii: "{"):
                index += 1
                guard let low = number() else { return false }
                if eat(UInt8(ascii: ",")), current != UInt8(ascii: "}") {
                    guard let high = number(), low <= high else { return false }
                }
                guard eat(UInt8(ascii: "}")) else { return false }
            default:
                return true
            }
            _ = eat(UInt8(ascii: "?"))
            return true
        }

        /// One to four digits.
        mutating func number() -> Int? {
            let start = index
            var value = 0
            while let byte = current, Self.isDigit(byte), index - start < 4 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
            }
            guard index > start, !(current.map(Self.isDigit) ?? false) else { return nil }
            return value
        }

        mutating func characterClass() -> Bool {
            index += 1
            _ = eat(UInt8(ascii: "^"))
            var members = 0
            while let byte = current, byte != UInt8(ascii: "]") {
                if byte == UInt8(ascii: "\\") {
                    guard escape(Self.escaped) else { return false }
                } else if Self.isAlphanumeric(byte), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                    let high = bytes[index + 2]
                    guard Self.sameKind(byte, high), byte <= high else { return false }
                    index += 3
                } else {
                    guard Self.isAlphanumeric(byte) || Self.classLiterals.contains(byte) else { return false }
                    index += 1
                }
                members += 1
            }
            return members > 0 && eat(UInt8(ascii: "]"))
        }

        static let flags = Set("ims".utf8)
        /// After a `\`: a metacharacter taken literally, or a class shorthand.
        static let escaped = Set(#"\.^$|?*+()[]{}/-sSdDwW"#.utf8)
        static let classLiterals = Set("_./@, ".utf8)
        static let otherLiterals = Set(#" _-:/@,=!#%&'";<>~"#.utf8)

        static func literal(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || otherLiterals.contains(byte) }
        static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
        static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLower(byte) || isUpper(byte) }
        static func sameKind(_ a: UInt8, _ b: UInt8) -> Bool {
            (isDigit(a) && isDigit(b)) || (isLower(a) && isLower(b)) || (isUpper(a) && isUpper(b))
        }
    }
}
