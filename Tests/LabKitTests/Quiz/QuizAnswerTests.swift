import Foundation
import LabSpec
import Testing
@testable import LabKit

/// Answers are normalized, then hashed with a salt; a recorded quiz holds for the questions it
/// answered, and for no others.
@Suite struct QuizAnswerTests {
    @Test func normalizationTrimsFoldsCaseAndCollapsesInnerWhiteSpace() {
        #expect(QuizAnswer.normalize("  The  MX\tRecord \n") == "the mx record")
        #expect(QuizAnswer.normalize("137") == "137")
        #expect(QuizAnswer.normalize("") == "")
        // Numbers stay as written: 0137 is not 137, nor 137.0.
        #expect(QuizAnswer.normalize("0137") == "0137")
        #expect(QuizAnswer.normalize("137.0") == "137.0")
        // Composed and decomposed accents are the same answer.
        #expect(QuizAnswer.normalize("Cafe\u{301}") == QuizAnswer.normalize("café"))
    }

    @Test func hashIsTheSHA256OfTheSaltAndTheNormalizedAnswer() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'a1b2c3d4137').hexdigest())"
        #expect(QuizAnswer.hash("137", salt: "a1b2c3d4") == "sha256:a1b2c3d4:88386a82fa7f3c477c85185cc692dfeae314f8e97689deb3e3a9a9350a5df973")
        #expect(QuizAnswer.hash(" The MX  record", salt: "a1b2c3d4") == "sha256:a1b2c3d4:533976883eb3c9a7d9a4d9e1bccc4b2092df2198a5d022e1239225f52d717078")
        #expect(QuizAnswer.hash("Café au lait", salt: "s1") == "sha256:s1:d7852d8b7767a59f87b94de78f400cb8c38f1fd8d0454900a58ef04a0874f4fe")
        // A different salt, a different hash: the same answer cannot be spotted across questions.
        #expect(QuizAnswer.hash("137", salt: "a1b2c3d5") != QuizAnswer.hash("137", salt: "a1b2c3d4"))
    }

    @Test func saltsAreEightHexDigitsAndVary() {
        let salts = (0..<20).map { _ in QuizAnswer.randomSalt() }
        for salt in salts {
            #expect(salt.count == 8 && salt.allSatisfy(\.isHexDigit), "\(salt)")
            #expect(AnswerHash.parse(QuizAnswer.hash("x", salt: salt)) != nil)
        }
        #expect(Set(salts).count > 1)
    }

    static let mx = QuizCheck.Question(
        ask: "Which record answers an MX query?", choices: ["A", "MX", "CNAME"],
        answers: [QuizAnswer.hash("MX", salt: "0a0b0c0d")])

    @Test func anAnswerIsAcceptedByItsTextOrByTheLetterOfItsChoice() {
        let accepted = QuizAnswer.hash("MX", salt: "0a0b0c0d")
        #expect(QuizAnswer.accepted("mx", for: Self.mx) == accepted)
        #expect(QuizAnswer.accepted(" b ", for: Self.mx) == accepted)
        #expect(QuizAnswer.accepted("B)", for: Self.mx) == accepted)
        #expect(QuizAnswer.accepted("(b)", for: Self.mx) == accepted)
        #expect(QuizAnswer.accepted("a", for: Self.mx) == nil)
        #expect(QuizAnswer.accepted("d", for: Self.mx) == nil)
        #expect(QuizAnswer.accepted("CNAME", for: Self.mx) == nil)
    }

    /// An author who hashed the letter (`lab quiz --hash b`) rather than the text, which `lab
    /// validate` accepts: the learner who types the text is right all the same.
    @Test func anAnswerHashedFromTheLetterIsAcceptedByTheChoiceText() {
        var question = Self.mx
        question.answers = [QuizAnswer.hash("b", salt: "0a0b0c0d")]
        #expect(QuizAnswer.accepted("b", for: question) == question.answers[0])
        #expect(QuizAnswer.accepted("(B)", for: question) == question.answers[0])
        #expect(QuizAnswer.accepted(" mx ", for: question) == question.answers[0])
        #expect(QuizAnswer.accepted("A", for: question) == nil)
        #expect(QuizAnswer.accepted("a", for: question) == nil)
        #expect(QuizAnswer.accepted("CNAME", for: question) == nil)
        // Without choices a letter is only itself.
        let open = QuizCheck.Question(ask: "Which letter?", answers: [QuizAnswer.hash("b", salt: "0a0b0c0d")])
        #expect(QuizAnswer.accepted("b", for: open) == open.answers[0])
        #expect(QuizAnswer.accepted("mx", for: open) == nil)
    }

    /// A choice copied as `lab quiz` shows it, letter and text, is that choice.
    @Test func theLineAsShownIsTheChoice() {
        let accepted = QuizAnswer.hash("MX", salt: "0a0b0c0d")
        for given in ["b) MX", "(b) mx", "B.  MX ", "b MX"] {
            #expect(QuizAnswer.accepted(given, for: Self.mx) == accepted, "\(given)")
        }
        for given in ["a) MX", "b) CNAME", "b) MX record", "c) MX"] {
            #expect(QuizAnswer.accepted(given, for: Self.mx) == nil, "\(given)")
        }
    }

    @Test func aQuestionWhoseChoicesAreAllWrongIsFound() {
        var wrong = Self.mx
        wrong.answers = [QuizAnswer.hash("AAAA", salt: "0a0b0c0d")]
        let open = QuizCheck.Question(ask: "Exit status?", answers: [QuizAnswer.hash("137", salt: "a1b2c3d4")])
        #expect(QuizAnswer.unanswerableQuestion(in: QuizCheck(questions: [open, Self.mx])) == nil)
        #expect(QuizAnswer.unanswerableQuestion(in: QuizCheck(questions: [open, wrong, Self.mx])) == 1)
        var byLetter = Self.mx
        byLetter.answers = [QuizAnswer.hash("b", salt: "0a0b0c0d")]
        #expect(QuizAnswer.unanswerableQuestion(in: QuizCheck(questions: [byLetter])) == nil)
    }

    @Test func severalAnswersMayBeAccepted() {
        let question = QuizCheck.Question(
            ask: "What does a plan do with a resource removed from the configuration?",
            answers: [QuizAnswer.hash("destroy", salt: "11111111"), QuizAnswer.hash("destroys it", salt: "22222222")])
        #expect(QuizAnswer.accepted("Destroy", for: question) == question.answers[0])
        #expect(QuizAnswer.accepted("destroys  it", for: question) == question.answers[1])
        #expect(QuizAnswer.accepted("keeps it", for: question) == nil)
    }

    @Test func choiceLettersGoOnPastZ() {
        #expect(QuizAnswer.letter(0) == "a")
        #expect(QuizAnswer.letter(25) == "z")
        #expect(QuizAnswer.letter(26) == "aa")
        #expect(QuizAnswer.letter(27) == "ab")
    }

    @Test func aRecordHoldsForTheQuestionsItAnsweredOnly() {
        let quiz = QuizCheck(questions: [
            QuizCheck.Question(ask: "Exit status of a SIGKILLed process?", answers: [QuizAnswer.hash("137", salt: "a1b2c3d4")], explain: "128 + 9"),
            Self.mx,
        ])
        let record = QuizRecord(digest: QuizRecord.digest(of: quiz), answers: [quiz.questions[0].answers[0], Self.mx.answers[0]], at: Date())
        #expect(record.answers(quiz))

        var explained = quiz
        explained.questions[0].explain = "SIGKILL is 9, and a shell reports 128 + N"
        #expect(record.answers(explained), "an explanation is not the question")

        var reworded = quiz
        reworded.questions[0].ask = "Exit status of a SIGTERMed process?"
        #expect(!record.answers(reworded))

        var rechosen = quiz
        rechosen.questions[1].choices.append("NS")
        #expect(!record.answers(rechosen))

        var reanswered = quiz
        reanswered.questions[0].answers = [QuizAnswer.hash("143", salt: "a1b2c3d4")]
        #expect(!record.answers(reanswered))

        var longer = quiz
        longer.questions.append(Self.mx)
        #expect(!record.answers(longer))

        let forged = QuizRecord(digest: record.digest, answers: [QuizAnswer.hash("1", salt: "x"), Self.mx.answers[0]], at: Date())
        #expect(!forged.answers(quiz), "the digest alone does not make answers right")
    }

    @Test func recordsSurviveTheStateFile() throws {
        var state = LabState()
        let record = QuizRecord(digest: String(repeating: "ab", count: 32), answers: ["sha256:s:" + String(repeating: "0", count: 64)], at: Date(timeIntervalSince1970: 1_800_000_000))
        state.quizzes["dns-resolution"] = [record]
        let json = try JSONParser.parse(Array(state.json.rendered(indent: 1).utf8))
        let read = try #require(LabState(json: json))
        #expect(read.quizzes == state.quizzes)
        #expect(LabState(json: try JSONParser.parse(Array(LabState().json.rendered(indent: 1).utf8)))?.quizzes.isEmpty == true)
    }

    @Test func aQuizStepPassesOnARecordOfItsQuestionsAndNeverAsks() async throws {
        let lab = try StepHarness()
        let yaml = """
            - quiz:
                - ask: Exit status of a SIGKILLed process?
                  answer: "\(QuizAnswer.hash("137", salt: "a1b2c3d4"))"
            """
        #expect(try await lab.message(yaml) == "not answered yet — run lab quiz e")
        let quiz = QuizCheck(questions: [QuizCheck.Question(ask: "Exit status of a SIGKILLed process?", answers: [QuizAnswer.hash("137", salt: "a1b2c3d4")])])
        lab.quizzes["e"] = [QuizRecord(digest: QuizRecord.digest(of: quiz), answers: quiz.questions[0].answers, at: Date())]
        #expect(try await lab.message(yaml) == nil)
        lab.quizzes["other"] = lab.quizzes["e"]
        lab.quizzes["e"] = [QuizRecord(digest: "0", answers: quiz.questions[0].answers, at: Date())]
        #expect(try await lab.message(yaml) == "not answered yet — run lab quiz e (its questions changed since they were answered)")
    }
}
