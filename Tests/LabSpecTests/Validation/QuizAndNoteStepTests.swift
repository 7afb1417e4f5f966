import Testing
@testable import LabSpec

/// `quiz` and `note` steps decode into the model, and every wrong shape is an error at its place.
@Suite struct QuizAndNoteStepTests {
    static let hash = "sha256:a1b2c3d4:88386a82fa7f3c477c85185cc692dfeae314f8e97689deb3e3a9a9350a5df973"

    func load(_ steps: String) -> LabLoader.Loaded {
        let text = """
            lab: Kinds
            phases:
              - id: 1
                title: One
                exercises:
                  - id: e
                    title: E
                    verify:
            \(steps.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(separator: "\n"))

            """
        return LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
    }

    /// The first error, as `LINE:COLUMN message` (lines counted from the first step, line 1).
    func firstError(_ text: String) -> String? {
        guard let diagnostic = load(text).diagnostics.first(where: { $0.severity == .error }) else { return nil }
        let mark = diagnostic.location?.mark
        return "\((mark?.line ?? 8) - 8):\((mark?.column ?? 11) - 10) \(diagnostic.message)"
    }

    @Test func decodesAQuiz() throws {
        let loaded = load("""
            - quiz:
                - ask: Exit status of a SIGKILLed process?
                  answer: "\(Self.hash)"
                  explain: 128 + 9
                - ask: Which record answers an MX query?
                  choices: [A, MX]
                  answer: ["\(Self.hash)", "sha256:a1b2c3d4:\(Self.hash.dropFirst("sha256:a1b2c3d4:".count).uppercased())"]
            """)
        let step = try #require(loaded.lab?.phases[0].exercises[0].verify.first, "\(loaded.diagnostics)")
        guard case .quiz(let quiz) = step.action else { Issue.record("not a quiz: \(step.action)"); return }
        #expect(step.kind == .quiz)
        #expect(quiz.questions.count == 2)
        #expect(quiz.questions[0].explain == "128 + 9")
        #expect(quiz.questions[1].choices == ["A", "MX"])
        // Upper-case hex is read as the same hash.
        #expect(quiz.questions[1].answers == [Self.hash, Self.hash])
    }

    @Test func decodesANote() throws {
        let loaded = load("""
            - note: docs/notes/dns.md
              sections: [The path of one lookup, " TTL "]
              min_words: 40
              links: 2
              code: [console, hcl]
              no_placeholders: true
            """)
        let step = try #require(loaded.lab?.phases[0].exercises[0].verify.first, "\(loaded.diagnostics)")
        #expect(step.action == .note(NoteCheck(
            path: "docs/notes/dns.md", sections: ["The path of one lookup", "TTL"], minWords: 40, links: 2, code: ["console", "hcl"],
            noPlaceholders: true)))
    }

    @Test func answerHashesAreParsedStrictly() {
        #expect(AnswerHash.parse(Self.hash)?.salt == "a1b2c3d4")
        #expect(AnswerHash.parse("137") == nil)
        #expect(AnswerHash.parse("sha256::" + String(repeating: "0", count: 64)) == nil)
        #expect(AnswerHash.parse("sha256:a b:" + String(repeating: "0", count: 64)) == nil)
        #expect(AnswerHash.parse("sha256:ab:" + String(repeating: "0", count: 63) + ":") == nil)
        #expect(AnswerHash.parse("sha256:ab:" + String(repeating: "0", count: 63) + "g") == nil)
        #expect(AnswerHash.parse("sha256:aé:" + String(repeating: "0", count: 64)) == nil)
        #expect(AnswerHash.parse("sha256:Ab9:" + String(repeating: "F", count: 64)) == AnswerHash(salt: "Ab9", hex: String(repeating: "f", count: 64)))
        #expect(AnswerHash.parse("sha256:ab:" + String(repeating: "0", count: 63)) == nil)
        #expect(AnswerHash.parse("sha256:ab:" + String(repeating: "g", count: 64)) == nil)
        #expect(AnswerHash.parse("md5:ab:" + String(repeating: "0", count: 64)) == nil)
        #expect(AnswerHash.parse("sha256:ab:" + String(repeating: "0", count: 64) + ":x") == nil)
    }

    @Test func badQuizzesAreLocatedErrors() {
        #expect(firstError("- quiz: []") == "1:9 'quiz' in step 1 of exercise 'e' has no questions: give at least one, each with 'ask' and 'answer'")
        #expect(firstError("- quiz: Why?") == "1:9 expected a list of questions such as '- { ask: …, answer: \"sha256:…\" }' for 'quiz' in step 1 of exercise 'e', found a string")
        #expect(firstError("- quiz:\n    - ask: Why?\n      answer: \"137\"") == "3:15 'answer' in question 1 of 'quiz' in step 1 of exercise 'e' is not a salted hash 'sha256:SALT:HEX', found '137'")
        #expect(firstError("- quiz:\n    - ask: Why?\n      choices: [A]\n      answer: \"\(Self.hash)\"")
            == "3:16 'choices' in question 1 of 'quiz' in step 1 of exercise 'e' has one entry: a multiple-choice question needs at least two (or leave 'choices' out)")
        #expect(firstError("- quiz:\n    - ask: Why?\n      choices: [A, a]\n      answer: \"\(Self.hash)\"")
            == "3:20 choice 'a' in question 1 of 'quiz' in step 1 of exercise 'e' is given twice")
        // Answers are compared whatever their spacing: so are choices.
        #expect(firstError("- quiz:\n    - ask: Why?\n      choices: [\"x y\", \" X  y \", z]\n      answer: \"\(Self.hash)\"")
            == "3:24 choice ' X  y ' in question 1 of 'quiz' in step 1 of exercise 'e' is given twice")
        #expect(firstError("- quiz:\n    - answer: \"\(Self.hash)\"") == "2:7 missing key 'ask' in question 1 of 'quiz' in step 1 of exercise 'e'")
        #expect(firstError("- quiz:\n    - ask: Why?\n      anwser: \"\(Self.hash)\"")
            == "3:7 unknown key 'anwser' in question 1 of 'quiz' in step 1 of exercise 'e'")
        #expect(firstError("- quiz:\n    - ask: Why?\n      answer: []") == "3:15 'answer' in question 1 of 'quiz' in step 1 of exercise 'e' is an empty list: give at least one accepted answer")
        #expect(firstError("- quiz:\n    - ask: Why?\n      answer: \"\(Self.hash)\"\n  contains: x") == "4:3 'contains' applies to 'file' steps, not to 'quiz' steps")
    }

    @Test func badNotesAreLocatedErrors() {
        #expect(firstError("- note: docs/notes/dns.md\n  min_word: 40") == "2:3 unknown key 'min_word' in step 1 of exercise 'e'")
        #expect(firstError("- note: docs/notes/dns.md\n  min_words: 0") == "2:14 'min_words' in step 1 of exercise 'e' must be at least 1, found 0")
        #expect(firstError("- note: docs/notes/dns.md\n  links: -1") == "2:10 'links' in step 1 of exercise 'e' must be at least 1, found -1")
        #expect(firstError("- note: docs/notes/dns.md\n  sections: []") == "2:13 'sections' in step 1 of exercise 'e' is an empty list")
        #expect(firstError("- note: docs/notes/dns.md\n  sections: [TTL, ttl]") == "2:19 section 'ttl' in 'sections' of step 1 of exercise 'e' is named twice")
        #expect(firstError("- note: docs/notes/dns.md\n  code: \"two words\"") == "2:9 'code' in step 1 of exercise 'e' names the info string of a fenced block, one word such as 'console', found 'two words'")
        #expect(firstError("- note: docs/notes/dns.md\n  no_placeholders: yes") != nil)
        #expect(firstError("- note: \"\"") == "1:9 'note' in step 1 of exercise 'e' is empty")
    }
}
