import Crypto
import Foundation
import LabSpec

/// How an answer is compared without being stored readable: normalized (trimmed, case folded,
/// inner white space collapsed to one space, numbers as written), then hashed with a salt as
/// `sha256:SALT:HEX`, HEX the SHA-256 of SALT followed by the normalized answer.
public enum QuizAnswer {
    /// `  The  MX record ` → `the mx record`.
    public static func normalize(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        let words = composed.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return words.map { $0.lowercased() }.joined(separator: " ")
    }

    /// `sha256:SALT:HEX` of `answer` (normalized first).
    public static func hash(_ answer: String, salt: String) -> String {
        "sha256:\(salt):" + ContentDigest.sha256(salt + normalize(answer))
    }

    /// A fresh salt: 8 hexadecimal digits.
    public static func randomSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = UInt32.random(in: .min ... .max, using: &generator)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The accepted answer of `question` that `given` is, or nil when it is none. With choices, a
    /// choice's letter (`b`) and its text stand for each other, whichever of the two the accepted
    /// answer was hashed from: the learner may type either.
    public static func accepted(_ given: String, for question: QuizCheck.Question) -> String? {
        var candidates = [given]
        if let index = choiceIndex(of: given, in: question) { candidates = [question.choices[index], letter(index), given] }
        for accepted in question.answers {
            guard let parsed = AnswerHash.parse(accepted) else { continue }
            for candidate in candidates where hash(candidate, salt: parsed.salt) == parsed.text {
                return parsed.text
            }
        }
        return nil
    }

    /// The letter of choice `index`: a, b, c, … then aa, ab for the 27th and on.
    public static func letter(_ index: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return index < 26 ? String(alphabet[index]) : letter(index / 26 - 1) + String(alphabet[index % 26])
    }

    /// The choice `given` names, by its letter (`b`, `b)`, `(b)`), by its text (compared
    /// normalized), or by both as `lab quiz` shows it (`b) MX`), if it names one.
    public static func choiceIndex(of given: String, in question: QuizCheck.Question) -> Int? {
        guard !question.choices.isEmpty else { return nil }
        let text = normalize(given)
        if let index = question.choices.indices.first(where: { letter($0) == letterName(text) }) { return index }
        if let index = question.choices.firstIndex(where: { normalize($0) == text }) { return index }
        // The line as shown, copied: its letter, then its text.
        guard let space = text.firstIndex(of: " ") else { return nil }
        let (name, rest) = (letterName(String(text[..<space])), String(text[text.index(after: space)...]))
        return question.choices.indices.first { letter($0) == name && normalize(question.choices[$0]) == rest }
    }

    /// `b` of `b`, `(b)`, `b)` and `b.`.
    private static func letterName(_ text: String) -> String {
        var name = text
        if name.hasPrefix("(") { name.removeFirst() }
        if name.hasSuffix(")") || name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// The first question of `quiz` (its index) that has choices none of which is an accepted
    /// answer, by its text or its letter: no learner can pass it. `lab validate` reports it; `lab
    /// quiz` and `lab check` say so rather than ask, or wait for an answer, in vain.
    public static func unanswerableQuestion(in quiz: QuizCheck) -> Int? {
        quiz.questions.firstIndex { question in
            !question.choices.isEmpty && !question.choices.indices.contains { accepted(letter($0), for: question) != nil }
        }
    }
}
