/// A `quiz:` step: questions the learner answers with `lab quiz ID`; the step passes once a set of
/// answers to exactly these questions is recorded.
public struct QuizCheck: Sendable, Equatable {
    /// One question: what is asked, the choices when it is multiple choice, the accepted answers as
    /// salted hashes (`sha256:SALT:HEX`), and what is shown after a right answer.
    public struct Question: Sendable, Equatable {
        public var ask: String
        /// Shown lettered (a, b, c, …); a learner may answer with the letter or the text.
        public var choices: [String]
        /// Each `sha256:SALT:HEX`, HEX the SHA-256 of SALT followed by the normalized answer.
        public var answers: [String]
        public var explain: String?

        public init(ask: String, choices: [String] = [], answers: [String], explain: String? = nil) {
            self.ask = ask
            self.choices = choices
            self.answers = answers
            self.explain = explain
        }
    }

    public var questions: [Question]

    public init(questions: [Question]) {
        self.questions = questions
    }
}

/// An accepted answer as `lab.yml` holds it: `sha256:SALT:HEX`.
public struct AnswerHash: Sendable, Equatable {
    public var salt: String
    /// 64 lower-case hexadecimal digits.
    public var hex: String

    public init(salt: String, hex: String) {
        self.salt = salt
        self.hex = hex
    }

    /// The longest salt accepted; `lab quiz --hash` writes 8 characters.
    public static let maximumSaltLength = 64

    /// The parts of `text`, or nil when it is not `sha256:SALT:HEX` with a salt of letters and
    /// digits and HEX 64 hexadecimal digits.
    public static func parse(_ text: String) -> AnswerHash? {
        // On the bytes: every command reads every answer of lab.yml.
        let bytes = Array(text.utf8)
        let prefix = Array("sha256:".utf8)
        guard bytes.starts(with: prefix), let colon = bytes[prefix.count...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let salt = bytes[prefix.count..<colon]
        let hex = bytes[(colon + 1)...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
        guard !salt.isEmpty, salt.count <= maximumSaltLength, salt.allSatisfy({ isDigit($0) || isLetter($0) }) else { return nil }
        guard hex.count == 64, hex.allSatisfy({ isDigit($0) || (($0 | 0x20) >= 97 && ($0 | 0x20) <= 102) }) else { return nil }
        return AnswerHash(salt: String(decoding: salt, as: UTF8.self), hex: String(decoding: hex, as: UTF8.self).lowercased())
    }

    public var text: String { "sha256:\(salt):\(hex)" }
}
