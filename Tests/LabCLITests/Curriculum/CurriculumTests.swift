import Foundation
import LabSpec
import Testing
@testable import LabKit

/// The repository's own course must be honest: on a bare lab every checked exercise fails or is
/// skipped for a missing tool, and once the built-in sets are scaffolded and the reference solution
/// (`Tests/Fixtures/solved-lab`: the learner's files and edits, not what `lab scaffold` writes)
/// is laid over them and its quizzes answered (`Tests/Fixtures/quiz-answers`), every one passes or
/// is skipped. So no check is vacuous, and none is impossible. And no note step passes a list of
/// keywords.
@Suite(.serialized) struct CurriculumTests {
    /// A temporary lab holding the repository's `lab.yml` and phase documents.
    func bareLab() throws -> TemporaryLab {
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: Repository.root.appending(path: "lab.yml"))))
        let phases = Repository.root.appending(path: "docs/phases")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: phases.path)) ?? [] where name.hasSuffix(".md") {
            try lab.write("docs/phases/\(name)", bytes: [UInt8](try Data(contentsOf: phases.appending(path: name))))
        }
        return lab
    }

    /// Copies a folder tree over the lab, keeping executable bits.
    func lay(_ folder: URL, over lab: TemporaryLab) throws {
        let manager = FileManager.default
        guard let walker = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        let base = folder.standardizedFileURL.path
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let target = lab.url(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? manager.removeItem(at: target)
            try manager.copyItem(at: url, to: target)
        }
    }

    /// PATH for the checks: `docker` counts as missing when its client cannot reach an engine,
    /// since `requires` can only look for programs on PATH.
    func checkEnvironment(in lab: TemporaryLab) throws -> [String: String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init)
        guard let docker = folders.map({ $0 + "/docker" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return [:]
        }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: docker)
        probe.arguments = ["info"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        if probe.terminationStatus == 0 { return [:] }
        let farm = lab.url(".tools-without-docker")
        try FileManager.default.createDirectory(at: farm, withIntermediateDirectories: true)
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name != "docker" {
                let link = farm.appending(path: name).path
                if !FileManager.default.fileExists(atPath: link) {
                    try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder + "/" + name)
                }
            }
        }
        return ["PATH": farm.path]
    }

    struct Outcome {
        var statuses: [String: String]
        var reasons: [String: String]
        var messages: [String: String]
    }

    func check(_ lab: TemporaryLab) throws -> Outcome {
        let result = try LabProcess.run(
            ["check", "1", "2", "3", "4", "--format", "json", "--no-mark", "-j", "2"], in: lab.root,
            environment: try checkEnvironment(in: lab), timeout: 900)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        var outcome = Outcome(statuses: [:], reasons: [:], messages: [:])
        for entry in object["results"] as? [[String: Any]] ?? [] {
            guard let id = entry["id"] as? String else { continue }
            outcome.statuses[id] = entry["status"] as? String
            outcome.reasons[id] = entry["reason"] as? String
            let steps = entry["steps"] as? [[String: Any]] ?? []
            if let failed = steps.last(where: { $0["message"] is String }) {
                outcome.messages[id] = "\(failed["command"] ?? ""): \(failed["message"] ?? "")\n\(failed["stdout"] ?? "")\(failed["stderr"] ?? "")"
            }
        }
        return outcome
    }

    @Test func everyPhaseHasAtLeastEightExercisesAndTheLabIsValid() throws {
        let lab = try bareLab()
        let validate = try lab.lab("validate")
        #expect(validate.status == 0, "\(validate)")
        let list = try lab.lab("list", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        for phase in 1...4 {
            #expect(entries.count { $0["phase"] as? Int == phase } >= 8, "phase \(phase)")
        }
    }

    /// `lab hint` reads as sentences: the declarative steps in words, and the commands with the
    /// variables `lab check` sets for them written out — never `$ADR_GLOB` for the reader to guess.
    @Test func everyHintReadsWithoutTheCheckVariables() throws {
        let lab = try bareLab()
        let list = try lab.lab("list", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let variables = try Regex(#"\$\{?(ADR_GLOB|ADR_TOPICS|ADR_ABOUT|ADR_SECTIONS|DOCKERFILE|LAB_ROOT|LAB_PHASE|LAB_EXERCISE|GIT_[A-Z_]+)\b"#)
        #expect(entries.count >= 32)
        for id in entries.compactMap({ $0["id"] as? String }) {
            let hint = try lab.lab("hint", id, "--color", "never")
            #expect(hint.status == 0, "\(id): \(hint)")
            #expect(hint.stdout.firstMatch(of: variables) == nil, "\(id) shows a variable:\n\(hint.stdout)")
        }
        let adr = try lab.lab("hint", "first-adr")
        #expect(adr.stdout.contains("for f in docs/decisions/0001-*.md; do"), "\(adr.stdout)")
        let processes = try lab.lab("hint", "linux-processes")
        #expect(processes.stdout.contains("  2. file devops/scripts/graceful.sh exists and is not empty, mode 0755\n"), "\(processes.stdout)")
    }

    @Test func bareLabFailsEveryCheck() throws {
        let lab = try bareLab()
        let outcome = try check(lab)
        #expect(outcome.statuses.count >= 32)
        for (id, status) in outcome.statuses.sorted(by: { $0.key < $1.key }) {
            #expect(["failed", "timed_out", "skipped", "manual"].contains(status), "\(id) is \(status) on a bare lab: its check is vacuous")
        }
    }

    @Test func solvedLabPassesEveryCheck() throws {
        let lab = try bareLab()
        // As a learner works: scaffold the sets, then write and edit files in them.
        let scaffold = try lab.lab("scaffold", "cloud", "devops", "mlops")
        #expect(scaffold.status == 0, "\(scaffold)")
        try lay(Repository.fixtures.appending(path: "solved-lab"), over: lab)
        try answerEveryQuiz(in: lab)
        let outcome = try check(lab)
        var skipped: [String] = []
        for (id, status) in outcome.statuses.sorted(by: { $0.key < $1.key }) {
            #expect(["passed", "skipped", "manual"].contains(status), "\(id) is \(status) with the solution: \(outcome.messages[id] ?? "")")
            if status == "skipped" { skipped.append("\(id) (\(outcome.reasons[id] ?? ""))") }
        }
        if !skipped.isEmpty {
            print("skipped on this machine for lack of a tool: " + skipped.joined(separator: "; "))
        }
    }

    /// The course as `lab` reads it.
    func course() throws -> Lab {
        let bytes = [UInt8](try Data(contentsOf: Repository.root.appending(path: "lab.yml")))
        let loaded = LabLoader(builtinSets: BuiltinSets.scaffoldSetNames).load(SourceFile(path: "lab.yml", bytes: bytes))
        return try #require(loaded.lab, "\(loaded.diagnostics)")
    }

    /// Answers the quiz of every exercise that has one, through `lab quiz` as a learner would.
    func answerEveryQuiz(in lab: TemporaryLab) throws {
        for exercise in try course().exercises where !QuizWorkflow.quizzes(of: exercise).isEmpty {
            let answers = try String(contentsOf: Repository.fixtures.appending(path: "quiz-answers/\(exercise.id).txt"), encoding: .utf8)
            let result = try lab.lab(arguments: ["quiz", exercise.id], input: answers)
            #expect(result.status == 0, "\(exercise.id): \(result)")
            #expect(!result.stdout.contains("not quite"), "\(exercise.id): a reference answer is wrong:\n\(result.stdout)")
        }
    }

    @Test func theFoundationsHaveQuizzesOfThreeToSixQuestions() throws {
        let lab = try course()
        var quizzes = 0
        for exercise in lab.exercises {
            for quiz in QuizWorkflow.quizzes(of: exercise) {
                quizzes += 1
                #expect((3...6).contains(quiz.questions.count), "\(exercise.id): \(quiz.questions.count) questions")
            }
        }
        #expect(quizzes >= 8)
        for phase in lab.phases where phase.id <= 2 {
            #expect(phase.exercises.count { !QuizWorkflow.quizzes(of: $0).isEmpty } >= 4, "phase \(phase.id)")
        }
    }

    /// Every exercise whose artifact is a note has a note step, and its hint names the sections.
    @Test func everyNoteHasANoteStepAndItsHintNamesTheSections() throws {
        let lab = try course()
        var notes = 0
        for exercise in lab.exercises {
            for step in exercise.verify {
                // A fence is shape, not a keyword: a diagram in a code block.
                if case .file(let check) = step.action, check.contains != ["```"] || !check.matches.isEmpty {
                    #expect(!(check.path.hasPrefix("docs/notes/") || check.path.hasPrefix("docs/system-design/")) || !check.readsContent,
                            "\(exercise.id) greps its note \(check.path) for keywords")
                }
                guard case .note(let check) = step.action else { continue }
                notes += 1
                #expect(check.sections.count >= 2 && (check.minWords ?? 0) >= 20 && check.noPlaceholders, "\(exercise.id)")
                let hint = (exercise.hint ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                for section in check.sections {
                    #expect(hint.contains("\"\(section)\""), "\(exercise.id)'s hint does not name the section \"\(section)\"")
                }
            }
        }
        #expect(notes >= 20)
    }

    /// A note that is a list of keywords — on one line, or under the right headings — fails the
    /// note step of every exercise that has one.
    @Test func aKeywordListFailsEveryNoteStep() throws {
        let lab = try course()
        let root = FileManager.default.temporaryDirectory.appending(path: "keyword-notes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var checked = 0
        for exercise in lab.exercises {
            for step in exercise.verify {
                guard case .note(let check) = step.action else { continue }
                // The words a keyword list would hold: those of the hint and of the sections.
                let words = ((exercise.hint ?? "") + " " + check.sections.joined(separator: " "))
                    .split(whereSeparator: { $0.isWhitespace }).map(String.init)
                let oneLine = words.joined(separator: " ") + "\n"
                let underHeadings = check.sections.map { "## \($0)\n\n" + words.prefix(12).joined(separator: " ") + "\n" }.joined(separator: "\n")
                for (name, note) in [("one line", oneLine), ("under headings", underHeadings)] {
                    let file = root.appending(path: check.path)
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(note.utf8).write(to: file)
                    let problems = NoteStep.problems(check, root: root.path, templateLines: [])
                    #expect(!problems.isEmpty, "\(exercise.id): a keyword list (\(name)) passes its note step")
                    checked += 1
                }
            }
        }
        #expect(checked >= 40)
    }
}
