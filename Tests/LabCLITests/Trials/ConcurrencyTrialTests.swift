import Foundation
import Testing

/// Several `lab` processes writing one lab at once (DESIGN.md, Files: "two `lab` processes at once
/// never lose each other's ticks"). A few rounds here; `Tests/Trials/run` runs a hundred.
@Suite(.serialized) struct ConcurrencyTrialTests {
    static let exerciseCount = 8

    static func exerciseID(_ number: Int) -> String { "ex-\(number)" }

    /// Phase 1 with eight exercises and the scaffold `app` from `tpl`.
    static var labFile: String {
        var text = "lab: Busy Lab\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    scaffold: [app]\n    exercises:\n"
        for number in 1...exerciseCount {
            text += "      - id: \(exerciseID(number))\n        title: Exercise \(number)\n        verify:\n          - run: \"true\"\n"
        }
        return text + "scaffolds:\n  app:\n    from: tpl\n    into: app\n    vars: { name: demo }\n"
    }

    /// The phase document with the items in `ticked` ticked; CRLF line endings and prose around
    /// the items, which must come through byte for byte.
    static func document(ticked: Set<Int>) -> [UInt8] {
        var text = "# Phase 1 — One\r\n\r\nSome notes with trailing spaces   \r\n\r\n## Progress checklist\r\n\r\n"
        for number in 1...exerciseCount {
            text += "- [\(ticked.contains(number) ? "x" : " ")] Exercise \(number) <!-- lab:\(exerciseID(number)) -->\r\n"
            text += "  - a note under item \(number), ünïcödé\r\n"
        }
        return Array((text + "\r\nThe end, no final newline").utf8)
    }

    static let documentPath = "docs/phases/phase-01.md"

    /// The item lines of a document, to show which ticks are missing.
    static func ticks(_ document: [UInt8]?) -> String {
        let text = String(decoding: document ?? [], as: UTF8.self)
        return text.split(separator: "\r\n").filter { $0.hasPrefix("- [") }.joined(separator: "; ")
    }

    static func templates(version: Int) -> [String: String] {
        var files: [String: String] = ["README.md.mustache": "# {{name}}\nversion \(version)\n"]
        for number in 0..<30 { files["src/f\(number).txt"] = "file \(number)\nversion \(version)\n" }
        files["big.txt"] = String(repeating: "a large file, version \(version)\n", count: 20_000)
        return files
    }

    static func makeLab() throws -> TemporaryLab {
        var files = ["lab.yml": labFile]
        for (path, content) in templates(version: 1) { files["tpl/" + path] = content }
        let lab = try TemporaryLab(files: files)
        try lab.write(documentPath, bytes: document(ticked: []))
        #expect(try lab.lab("scaffold").status == 0)
        return lab
    }

    /// Each exercise's last result, from `lab list --json`.
    static func lastResults(_ lab: TemporaryLab) throws -> [String: String] {
        let list = try lab.lab("list", "--json")
        #expect(list.status == 0 && list.stderr.isEmpty, "\(list)")
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        var results: [String: String] = [:]
        for entry in entries {
            if let id = entry["id"] as? String, let last = entry["last"] as? [String: Any], let result = last["result"] as? String {
                results[id] = result
            }
        }
        return results
    }

    @Test func eightChecksAtOnceKeepEveryTick() throws {
        let lab = try Self.makeLab()
        let all = Set(1...Self.exerciseCount)
        let rounds = Trials.rounds(short: 3)
        for round in 0..<rounds {
            try lab.write(Self.documentPath, bytes: Self.document(ticked: []))
            try? lab.remove(".lab/state.json")
            let processes = try all.sorted().map { try Trials.start(["check", Self.exerciseID($0)], in: lab.root) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round): \(processes.map(\.terminationStatus))")
            let document = lab.bytes(Self.documentPath)
            #expect(document == Self.document(ticked: all), "round \(round): \(Self.ticks(document))")
            let results = try Self.lastResults(lab)
            #expect(all.allSatisfy { results[Self.exerciseID($0)] == "passed" }, "round \(round): \(results)")
            #expect(Trials.leftovers(under: lab.root).isEmpty)
        }
        print("concurrency trial, 8 lab check at once: \(rounds) rounds, every tick and result kept")
    }

    @Test func scaffoldWhileChecksTick() throws {
        let lab = try Self.makeLab()
        let reference = try TemporaryLab()
        let all = Set(1...Self.exerciseCount)
        let rounds = Trials.rounds(short: 3)
        var version = 1
        for round in 0..<rounds {
            version = 3 - version
            try lab.setTemplates(Self.templates(version: version))
            try lab.write(Self.documentPath, bytes: Self.document(ticked: []))
            try Trials.copy(lab.root, to: reference.root)
            #expect(try reference.lab("scaffold").status == 0)
            let expected = KillTrialTests.scaffoldFiles(reference)

            // Four checks of two exercises each, and a regeneration, started in a random order.
            var commands: [[String]] = stride(from: 1, through: Self.exerciseCount, by: 2).map {
                ["check", Self.exerciseID($0), Self.exerciseID($0 + 1)]
            }
            commands.append(["scaffold"])
            let processes = try commands.shuffled().map { try Trials.start($0, in: lab.root) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round): \(processes.map(\.terminationStatus))")

            let document = lab.bytes(Self.documentPath)
            #expect(document == Self.document(ticked: all), "round \(round): \(Self.ticks(document))")
            let differences = KillTrialTests.differences(KillTrialTests.scaffoldFiles(lab), expected)
            #expect(differences.isEmpty, "round \(round): \(differences)")
            let results = try Self.lastResults(lab)
            #expect(all.allSatisfy { results[Self.exerciseID($0)] == "passed" }, "round \(round): \(results)")
            let again = try lab.lab("scaffold")
            #expect(again.status == 0 && again.stdout.contains("unchanged") && !again.stdout.contains("updated"), "round \(round): \(again)")
            #expect(Trials.leftovers(under: lab.root).isEmpty)
        }
        print("concurrency trial, lab scaffold while 4 lab check tick: \(rounds) rounds, every tick kept, every file as a lone run makes it")
    }

    @Test func phaseStartAndFinishAtOnceKeepBothEdits() throws {
        let fresh = try TemporaryLab()
        #expect(try fresh.lab("init").status == 0)
        let lab = try TemporaryLab()
        let rounds = Trials.rounds(short: 3)
        for round in 0..<rounds {
            try Trials.copy(fresh.root, to: lab.root)
            let processes = try [["phase", "start", "2"], ["phase", "finish", "1", "--force"]].shuffled().map {
                try Trials.start($0, in: lab.root)
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
            let status = try lab.lab("status", "--json")
            let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let phases = object?["phases"] as? [[String: Any]] ?? []
            let statuses = phases.map { "\($0["id"] ?? "?")=\($0["status"] ?? "?")" }
            #expect(statuses.prefix(2) == ["1=done", "2=in-progress"], "round \(round): \(statuses)")
            let readme = lab.read("README.md") ?? ""
            #expect(readme.contains("| Foundations before tools | Done |") && readme.contains("| In progress 0/"), "round \(round)")
        }
        print("concurrency trial, lab phase start and finish at once: \(rounds) rounds, both edits of lab.yml and the README kept")
    }

    /// The journal's lines, each parsed: a torn or merged line fails the trial.
    static func journalEvents(_ lab: TemporaryLab) -> [(event: String, exercise: String)] {
        let bytes = lab.bytes(".lab/journal.jsonl") ?? []
        #expect(bytes.last == 0x0A, "the journal ends with a whole line")
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            #expect(object != nil, "not one event: \(line)")
            return (object?["event"] as? String ?? "?", object?["exercise"] as? String ?? "?")
        }
    }

    @Test func eightProcessesTickingLoseNoJournalEvent() throws {
        let lab = try Self.makeLab()
        #expect(try lab.lab("pictures").status == 0)
        let all = Array(1...Self.exerciseCount)
        let rounds = Trials.rounds(short: 3)
        for round in 0..<rounds {
            try lab.write(Self.documentPath, bytes: Self.document(ticked: []))
            try? lab.remove(".lab/state.json")
            try? lab.remove(".lab/journal.jsonl")
            // Half check (a pass and a tick each), half mark (a tick each), all at once.
            let commands = all.map { $0 % 2 == 1 ? ["check", Self.exerciseID($0)] : ["mark", "--force", Self.exerciseID($0)] }
            let processes = try commands.shuffled().map { try Trials.start($0, in: lab.root) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round): \(processes.map(\.terminationStatus))")

            let events = Self.journalEvents(lab)
            var expected: [String] = []
            for number in all {
                if number % 2 == 1 { expected.append("passed \(Self.exerciseID(number))") }
                expected.append("ticked \(Self.exerciseID(number))")
            }
            #expect(events.map { "\($0.event) \($0.exercise)" }.sorted() == expected.sorted(), "round \(round): \(events)")
            #expect(lab.bytes(Self.documentPath) == Self.document(ticked: Set(all)), "round \(round)")
            // The last to take the lock drew the pictures from every tick.
            #expect((lab.read("assets/badges/progress.svg") ?? "").contains("aria-label=\"progress: 8/8\""), "round \(round)")
            let log = try lab.lab("log")
            #expect(log.status == 0 && log.stderr.isEmpty, "round \(round): \(log)")
        }
        print("concurrency trial, 4 lab check and 4 lab mark at once: \(rounds) rounds, every journal event kept, no line torn")
    }
}
