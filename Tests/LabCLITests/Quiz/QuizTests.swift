import Foundation
import Testing

/// `lab quiz ID` through stdin, `lab quiz --hash`, and `lab check` on answered, unanswered and
/// changed quizzes.
@Suite struct QuizTests {
    /// `sha256:a1b2c3d4:…` of "137"; the lab's other answer is hashed by `lab quiz --hash`.
    static let killed = "sha256:a1b2c3d4:88386a82fa7f3c477c85185cc692dfeae314f8e97689deb3e3a9a9350a5df973"

    static func labFile(kill: String = QuizTests.killed, mx: String, ask: String = "Exit status of a SIGKILLed process, as a shell reports it?") -> String {
        """
        lab: Quiz Lab
        phases:
          - id: 1
            title: Foundations
            status: in-progress
            exercises:
              - id: processes
                title: Explain processes
                hint: A shell reports 128 + N for a process killed by signal N.
                verify:
                  - quiz:
                      - ask: \(ask)
                        answer: "\(kill)"
                        explain: SIGKILL is signal 9.
                      - ask: Which record answers an MX query?
                        choices: [A, MX, CNAME]
                        answer: "\(mx)"
              - id: plain
                title: Plain
                verify:
                  - run: "true"
        """
    }

    func lab() throws -> (TemporaryLab, mx: String) {
        let lab = try TemporaryLab()
        let hashed = try lab.lab("quiz", "--hash", "MX")
        let mx = hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try lab.write("lab.yml", Self.labFile(mx: mx))
        return (lab, mx)
    }

    /// Where a passed quiz is recorded is checked before a question is asked: a journal linked out
    /// of the lab is refused, as `lab check` and `lab mark` refuse it, rather than the quiz being
    /// kept in the state only, with a warning.
    @Test func aJournalLinkedOutIsRefusedBeforeAnyQuestion() throws {
        let (lab, _) = try lab()
        let outside = FileManager.default.temporaryDirectory.appending(path: "journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: lab.url(".lab"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lab.url(".lab/journal.jsonl").path, withDestinationPath: outside.path)
        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\nb\n")
        #expect(quiz.status == 1, "\(quiz)")
        #expect(quiz.stderr.contains("cannot write '.lab/journal.jsonl': it is a symbolic link to"), "\(quiz)")
        #expect(!quiz.stdout.contains("1/2"), "no question asked: \(quiz)")
        #expect(!lab.exists(".lab/state.json") && !FileManager.default.fileExists(atPath: outside.path))
    }

    /// An answer that names none of the choices (`2`, `d` of three, a word not among them) is not
    /// a wrong answer: the question is asked again with how to answer, and no hint.
    @Test func anAnswerThatIsNoChoiceSaysHowToAnswer() throws {
        let (lab, _) = try lab()
        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\n2\nd\nAAAA\na\nb\n")
        #expect(quiz.status == 0, "\(quiz)")
        let notAChoice = "not one of the choices: answer with a letter, a–c, or a choice's text"
        #expect(quiz.stdout.components(separatedBy: notAChoice).count == 4, "2, d and AAAA: \(quiz.stdout)")
        #expect(quiz.stdout.components(separatedBy: "not quite").count == 2, "only 'a' is a wrong answer: \(quiz.stdout)")
    }

    /// Choices none of which is an accepted answer: every learner would be wrong.
    @Test func choicesWithoutTheAnswerAreAnError() throws {
        let (lab, _) = try lab()
        #expect(try lab.lab("validate").status == 0)
        let other = try lab.lab("quiz", "--hash", "AAAA").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try lab.write("lab.yml", Self.labFile(mx: other))
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("question 2 of the quiz of 'processes' has choices, but no choice is an accepted answer"), "\(result)")
        // Nor does `lab quiz` ask it in vain, nor `lab check` send the learner there.
        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\nb\n")
        #expect(quiz.status == 1, "\(quiz)")
        #expect(quiz.stderr.contains("question 2 of the quiz of 'processes' has choices, but none of them is an accepted answer"), "\(quiz)")
        #expect(!quiz.stdout.contains("1/2"), "\(quiz)")
        let check = try lab.lab("check", "processes")
        #expect(check.status == 1, "\(check)")
        #expect(check.stdout.contains("question 2 has choices, but none of them is an accepted answer"), "\(check)")
        #expect(!check.stdout.contains("not answered yet"), "\(check)")
        // A letter hashed as the answer names its choice.
        let letter = try lab.lab("quiz", "--hash", "b").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try lab.write("lab.yml", Self.labFile(mx: letter))
        #expect(try lab.lab("validate").status == 0)
        // And its text is right as well as its letter, and the line as `lab quiz` shows it.
        for answer in ["MX", "b", "b) MX", "(B) mx"] {
            let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\n\(answer)\n")
            #expect(quiz.status == 0 && !quiz.stdout.contains("not quite"), "\(answer): \(quiz)")
        }
    }

    @Test func hashPrintsASaltedHashThatValidates() throws {
        let lab = try TemporaryLab()
        let first = try lab.lab("quiz", "--hash", " The MX  record ")
        let second = try lab.lab("quiz", "--hash", "the mx record")
        #expect(first.status == 0, "\(first)")
        let pattern = try Regex(#"^sha256:[0-9a-f]{8}:[0-9a-f]{64}\n$"#)
        #expect(first.stdout.wholeMatch(of: pattern) != nil, "\(first.stdout)")
        #expect(first.stdout != second.stdout, "each hash has its own salt")
        let empty = try lab.lab("quiz", "--hash", "  ")
        #expect(empty.status == 64, "\(empty)")
        let neither = try lab.lab("quiz")
        #expect(neither.status == 64 && neither.stderr.contains("name an exercise"), "\(neither)")
    }

    @Test func rightAnswersAreRecordedAndTheCheckPasses() throws {
        let (lab, _) = try lab()
        let before = try lab.lab("check", "processes")
        #expect(before.status == 1, "\(before)")
        #expect(before.stdout.contains("not answered yet — run lab quiz processes"), "\(before)")

        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\nb\n")
        #expect(quiz.status == 0, "\(quiz)")
        #expect(quiz.stdout.contains("1/2  Exit status of a SIGKILLed process, as a shell reports it?"), "\(quiz.stdout)")
        #expect(quiz.stdout.contains("     b) MX\n"), "\(quiz.stdout)")
        #expect(quiz.stdout.contains("right — SIGKILL is signal 9."), "\(quiz.stdout)")
        #expect(quiz.stdout.contains("quiz passed: 2 questions of processes answered right and recorded"), "\(quiz.stdout)")
        #expect(!quiz.stdout.contains("not quite"), "\(quiz.stdout)")
        // The hashes are recorded, never the answers.
        let state = try #require(lab.read(".lab/state.json"))
        #expect(state.contains(Self.killed) && !state.contains("\"137\""), "\(state)")
        let journal = try #require(lab.read(".lab/journal.jsonl"))
        #expect(journal.contains("\"event\":\"quiz_passed\"") && journal.contains(Self.killed), "\(journal)")

        let after = try lab.lab("check", "processes")
        #expect(after.status == 0, "\(after)")
        #expect(after.stdout.contains("passed"), "\(after)")
    }

    @Test func aWrongAnswerShowsTheHintAndAsksAgain() throws {
        let (lab, _) = try lab()
        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "143\n\n137\nCNAME\nmx\n")
        #expect(quiz.status == 0, "\(quiz)")
        let text = quiz.stdout
        #expect(text.components(separatedBy: "not quite — try again. Hint:\n  A shell reports 128 + N for a process killed by signal N.").count == 3, "\(text)")
        // After the hint, the question again: a long hint does not scroll it away.
        let afterHint = try #require(text.range(of: "killed by signal N.\n"))
        #expect(text[afterHint.upperBound...].hasPrefix("\n1/2  "), "\(text)")
        let firstWrong = try #require(text.range(of: "not quite"))
        let firstRight = try #require(text.range(of: "right — SIGKILL"))
        #expect(firstWrong.lowerBound < firstRight.lowerBound)
        #expect(try lab.lab("check", "processes").status == 0)
    }

    @Test func answersThatRunOutRecordNothing() throws {
        let (lab, _) = try lab()
        let quiz = try lab.lab(arguments: ["quiz", "processes"], input: "137\nA\n")
        #expect(quiz.status == 1, "\(quiz)")
        #expect(quiz.stderr.contains("the answers ended after 1 of 2 questions of processes: nothing recorded"), "\(quiz)")
        #expect(!lab.exists(".lab/state.json"))
        #expect(!lab.exists(".lab/journal.jsonl"))
    }

    @Test func interruptedRecordsNothingAndExits130() throws {
        let (lab, _) = try lab()
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = ["quiz", "processes"]
        process.currentDirectoryURL = lab.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let reader = OutputCollector(output.fileHandleForReading)
        let errors = OutputCollector(error.fileHandleForReading)
        // The first answer is right; the interrupt comes while the second question waits.
        try input.fileHandleForWriting.write(contentsOf: Data("137\n".utf8))
        let deadline = Date().addingTimeInterval(30)
        while !reader.text.contains("2/2") && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 130, "\(reader.text)\(errors.text)")
        #expect(reader.text.contains("right — SIGKILL is signal 9."), "\(reader.text)")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(errors.text.contains("quiz interrupted: nothing recorded"), "\(errors.text)")
        #expect(!lab.exists(".lab/state.json"))
        #expect(!lab.exists(".lab/journal.jsonl"))
        #expect(try lab.lab("check", "processes").status == 1)
    }

    @Test func changingAQuestionInvalidatesItsRecordedAnswers() throws {
        let (lab, mx) = try lab()
        #expect(try lab.lab(arguments: ["quiz", "processes"], input: "137\nb\n").status == 0)
        #expect(try lab.lab("check", "processes").status == 0)
        // Reworded: the answers given were for another question.
        try lab.write("lab.yml", Self.labFile(mx: mx, ask: "Exit status of a process killed by SIGKILL?"))
        let changed = try lab.lab("check", "processes")
        #expect(changed.status == 1, "\(changed)")
        #expect(changed.stdout.contains("not answered yet — run lab quiz processes (its questions changed since they were answered)"), "\(changed)")
        #expect(try lab.lab(arguments: ["quiz", "processes"], input: "137\nMX\n").status == 0)
        #expect(try lab.lab("check", "processes").status == 0)
        // An accepted answer replaced: the same.
        let other = try lab.lab("quiz", "--hash", "137").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try lab.write("lab.yml", Self.labFile(kill: other, mx: mx, ask: "Exit status of a process killed by SIGKILL?"))
        #expect(try lab.lab("check", "processes").status == 1)
    }

    @Test func theJournalCarriesTheQuizToAFreshClone() throws {
        let (lab, _) = try lab()
        #expect(try lab.lab(arguments: ["quiz", "processes"], input: "137\nb\n").status == 0)
        // A clone has the committed journal, not the state.
        try FileManager.default.removeItem(at: lab.url(".lab/state.json"))
        let check = try lab.lab("check", "processes")
        #expect(check.status == 0, "\(check)")
    }

    @Test func checkNeverWaitsForInput() throws {
        let (lab, _) = try lab()
        let check = try lab.lab(arguments: ["check", "processes"], input: "137\nb\n")
        #expect(check.status == 1, "\(check)")
        #expect(!lab.exists(".lab/journal.jsonl") || !(lab.read(".lab/journal.jsonl") ?? "").contains("quiz_passed"))
    }

    @Test func anExerciseWithoutAQuizIsAClearError() throws {
        let (lab, _) = try lab()
        let result = try lab.lab("quiz", "plain")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "lab: error: exercise 'plain' has no quiz (no 'quiz' step in its 'verify'); the exercises with one are processes\n", "\(result)")
        let unknown = try lab.lab("quiz", "processs")
        #expect(unknown.status == 1 && unknown.stderr.contains("processes"), "\(unknown)")
    }

    @Test func hintShowsTheQuizInWordsNeverTheAnswers() throws {
        let (lab, mx) = try lab()
        let hint = try lab.lab("hint", "processes")
        #expect(hint.stdout.contains("  1. quiz: 2 questions — answer them with: lab quiz processes\n"), "\(hint.stdout)")
        #expect(!hint.stdout.contains("sha256") && !hint.stdout.contains(mx), "\(hint.stdout)")
        #expect(!hint.stdout.contains("Which record"), "\(hint.stdout)")
    }
}
