import Foundation
import Testing

/// `lab` killed with SIGKILL at random moments of a run that writes (DESIGN.md, Files: "killing
/// `lab` at any moment leaves every file either as it was or as it should become").
///
/// After each kill every file is exactly its old or its new content; a temporary file
/// (`.NAME.lab-XXXXXX`) may be left, and the next run that writes next to it removes it; `lab
/// validate` and `lab status` work; a rerun finishes the job. A few rounds here; `Tests/Trials/run`
/// runs a hundred.
@Suite(.serialized) struct KillTrialTests {
    // MARK: - lab check

    static let phaseCount = 3
    static let exercisesPerPhase = 6

    static func exerciseID(phase: Int, _ number: Int) -> String { "ex-\(phase)-\(number)" }

    static var checkLabFile: String {
        var text = "lab: Kill Lab\nphases:\n"
        for phase in 1...phaseCount {
            text += "  - id: \(phase)\n    title: Phase \(phase)\n    status: in-progress\n    exercises:\n"
            for number in 1...exercisesPerPhase {
                text += "      - id: \(exerciseID(phase: phase, number))\n        title: Exercise \(phase).\(number)\n"
                text += "        verify:\n          - run: \"true\"\n"
            }
        }
        return text
    }

    /// A long document (so that writing it takes a while) with one item per exercise.
    static func checkDocument(phase: Int, ticked: Bool) -> String {
        var text = "# Phase \(phase)\n\n"
        for paragraph in 0..<1500 {
            text += "Notes, paragraph \(paragraph): what was tried, what broke, what it taught. \n\n"
        }
        text += "## Progress checklist\n\n"
        for number in 1...exercisesPerPhase {
            text += "- [\(ticked ? "x" : " ")] Exercise \(phase).\(number) <!-- lab:\(exerciseID(phase: phase, number)) -->\n"
        }
        return text
    }

    static func documentPath(_ phase: Int) -> String { "docs/phases/phase-0\(phase).md" }

    @Test func killedChecksLeaveEveryDocumentOldOrNew() throws {
        var files = ["lab.yml": Self.checkLabFile]
        for phase in 1...Self.phaseCount { files[Self.documentPath(phase)] = Self.checkDocument(phase: phase, ticked: false) }
        let lab = try TemporaryLab(files: files)
        let old = (1...Self.phaseCount).map { Array(Self.checkDocument(phase: $0, ticked: false).utf8) }
        let new = (1...Self.phaseCount).map { Array(Self.checkDocument(phase: $0, ticked: true).utf8) }
        func reset() throws {
            for phase in 1...Self.phaseCount { try lab.write(Self.documentPath(phase), bytes: old[phase - 1]) }
        }
        let command = ["check", "--force", "-j", "2"]
        var killer = Trials.Killer(command, in: lab.root, typical: try Trials.typicalDuration(command, in: lab.root, prepare: reset))

        let rounds = Trials.rounds(short: 4)
        var killed = 0, mixed = 0, leftovers = 0
        for round in 0..<rounds {
            try reset()
            if try killer.run() { killed += 1 }

            var states: Set<String> = []
            for phase in 1...Self.phaseCount {
                let bytes = lab.bytes(Self.documentPath(phase))
                let state = bytes == old[phase - 1] ? "old" : bytes == new[phase - 1] ? "new" : "broken"
                #expect(state != "broken", "round \(round): \(Self.documentPath(phase)) is neither old nor new")
                states.insert(state)
            }
            if states.count > 1 { mixed += 1 }
            let left = Trials.leftovers(under: lab.root)
            leftovers += left.count
            #expect(left.allSatisfy { $0.hasPrefix("docs/phases/.phase-0") || $0.hasPrefix(".lab/.state.json.lab-") }, "\(left)")

            // The lab still reads: the state file is either absent or whole.
            let list = try lab.lab("list", "--json")
            #expect(list.status == 0 && !list.stderr.contains("ignoring"), "round \(round): \(list)")
            #expect(try lab.lab("status").status == 0)
            #expect(try lab.lab("validate").status == 0)

            // The next run finishes the job and clears what the killed one left.
            let rerun = try lab.lab("check")
            #expect(rerun.status == 0, "round \(round): \(rerun)")
            for phase in 1...Self.phaseCount {
                #expect(lab.bytes(Self.documentPath(phase)) == new[phase - 1], "round \(round): \(Self.documentPath(phase)) after a rerun")
            }
            #expect(Trials.leftovers(under: lab.root).isEmpty, "round \(round): \(Trials.leftovers(under: lab.root))")
        }
        print("kill trial, lab check: \(rounds) rounds, \(killed) killed (typical run \(killer.typical)), \(mixed) with some documents written and others not, \(leftovers) temporary files left and cleaned")
    }

    static let pictures = ["assets/banner.svg", "assets/badges/status.svg", "assets/badges/stage.svg", "assets/badges/progress.svg", "assets/progress.svg"]

    /// Each event of the journal as `kind exercise`; nil for a line that is not one.
    static func journal(_ lab: TemporaryLab) -> [String?] {
        let text = lab.read(".lab/journal.jsonl") ?? ""
        return text.split(separator: "\n").map { line in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return nil }
            return "\(object["event"] as? String ?? "?") \(object["exercise"] as? String ?? "-")"
        }
    }

    @Test func killedChecksLoseNoJournalEventAndBreakNoPicture() throws {
        var files = ["lab.yml": Self.checkLabFile]
        for phase in 1...Self.phaseCount { files[Self.documentPath(phase)] = Self.checkDocument(phase: phase, ticked: false) }
        let lab = try TemporaryLab(files: files)
        #expect(try lab.lab("pictures").status == 0)
        let oldPictures = Self.pictures.map { lab.bytes($0) }
        func reset(_ lab: TemporaryLab) throws {
            for phase in 1...Self.phaseCount { try lab.write(Self.documentPath(phase), Self.checkDocument(phase: phase, ticked: false)) }
            for (path, bytes) in zip(Self.pictures, oldPictures) { try lab.write(path, bytes: bytes ?? []) }
            try? lab.remove(".lab/state.json")
            try? lab.remove(".lab/journal.jsonl")
        }
        // The pictures as a whole run draws them.
        let reference = try TemporaryLab()
        try Trials.copy(lab.root, to: reference.root)
        #expect(try reference.lab("check", "--force", "-j", "2").status == 0)
        let newPictures = Self.pictures.map { reference.bytes($0) }
        var expected: [String] = []
        for phase in 1...Self.phaseCount {
            for number in 1...Self.exercisesPerPhase { expected += ["passed", "ticked"].map { "\($0) \(Self.exerciseID(phase: phase, number))" } }
        }

        let command = ["check", "--force", "-j", "2"]
        var killer = Trials.Killer(command, in: lab.root, typical: try Trials.typicalDuration(command, in: lab.root) { try reset(lab) })
        let rounds = Trials.rounds(short: 4)
        var killed = 0, recorded = 0
        for round in 0..<rounds {
            try reset(lab)
            if try killer.run() { killed += 1 }
            let events = Self.journal(lab)
            #expect(!events.contains(nil), "round \(round): a line that is not an event")
            recorded += events.count
            for (index, path) in Self.pictures.enumerated() {
                let bytes = lab.bytes(path)
                #expect(bytes == oldPictures[index] || bytes == newPictures[index], "round \(round): \(path) is neither old nor new")
            }
            // The next run records what the killed one did not, and nothing twice.
            let rerun = try lab.lab("check")
            #expect(rerun.status == 0 && !rerun.stderr.contains("warning"), "round \(round): \(rerun)")
            #expect(Self.journal(lab).compactMap { $0 }.sorted() == expected.sorted(), "round \(round): \(Self.journal(lab))")
            #expect(Self.pictures.map { lab.bytes($0) } == newPictures, "round \(round): the pictures after a rerun")
        }
        print("kill trial, journal and pictures of lab check: \(rounds) rounds, \(killed) killed, \(recorded) events found right after the kill (or the end), none lost or doubled after a rerun, every picture old or new")
    }

    @Test func temporaryFilesOfKilledWritesAreIgnoredAndRemovedByTheNextWriter() throws {
        var files = ["lab.yml": Self.checkLabFile]
        for phase in 1...Self.phaseCount { files[Self.documentPath(phase)] = Self.checkDocument(phase: phase, ticked: true) }
        let lab = try TemporaryLab(files: files)
        let leftovers = ["docs/phases/.phase-01.md.lab-a1B2c3", ".lab/.state.json.lab-XyZ789"]
        let strangers = ["docs/phases/.phase-01.md.lab-new", "docs/phases/phase-01.md.lab-a1B2c3", "docs/phases/.notes.md.lab-a1B2c3"]
        for path in leftovers + strangers { try lab.write(path, "half written") }
        // Every item is ticked already, so no document is written: the leftovers go all the same.
        let check = try lab.lab("check", "1")
        #expect(check.status == 0, "\(check)")
        #expect(leftovers.allSatisfy { !lab.exists($0) })
        #expect(strangers.allSatisfy { lab.exists($0) }, "only the temporary files of lab's own files go")

        let scaffolded = try TemporaryLab.scaffolded(["a/b.txt": "b\n", "c.txt": "c\n"])
        #expect(try scaffolded.lab("scaffold").status == 0)
        let scaffoldLeftovers = ["app/a/.b.txt.lab-Q1w2E3", ".lab/base/.app.bases.lab-r4T5y6", ".lab/.scaffold.lock.lab-u7I8o9"]
        for path in scaffoldLeftovers { try scaffolded.write(path, "half written") }
        // The journal tells the next run that the last one was interrupted.
        try scaffolded.write(".lab/scaffold.journal", "interrupted\n")
        let rerun = try scaffolded.lab("scaffold")
        #expect(rerun.status == 0, "\(rerun)")
        #expect(scaffoldLeftovers.allSatisfy { !scaffolded.exists($0) }, "\(Trials.leftovers(under: scaffolded.root))")

        // git ignores them in a lab made by lab init.
        let fresh = try TemporaryLab()
        #expect(try fresh.lab("init").status == 0)
        #expect(fresh.read(".gitignore")?.contains(".*.lab-??????\n") == true)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", fresh.root.path, "init", "-q"]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        if (try? git.run()) != nil {
            git.waitUntilExit()
            if git.terminationStatus == 0 {
                let ignored = Process()
                ignored.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                ignored.arguments = ["git", "-C", fresh.root.path, "check-ignore", "-q", "docs/phases/.phase-01.md.lab-a1B2c3"]
                try ignored.run()
                ignored.waitUntilExit()
                #expect(ignored.terminationStatus == 0)
            }
        }
    }

    // MARK: - lab scaffold

    /// Two versions of a template set that differ in every way regeneration handles: changed
    /// lines, a file only in each, a mode change, and a large file.
    static func templates(version: Int) -> [String: String] {
        var files: [String: String] = [:]
        for number in 0..<20 {
            var lines = (0..<20).map { "line \($0) of file \(number)" }
            if number < 10 { lines[19] = "last line of file \(number), version \(version)" }
            files["plain/f\(number).txt"] = lines.joined(separator: "\n") + "\n"
        }
        for number in 0..<5 {
            files["rendered/m\(number).txt.mustache"] = "name {{name}}\nmiddle, version \(version)\nend\n"
        }
        files[version == 1 ? "only-one/a.txt" : "only-two/b.txt"] = "only in version \(version)\n"
        files["scripts/tool.sh"] = "#!/bin/sh\necho tool\n"
        files["big.txt"] = String(repeating: "a line of a large generated file, version \(version)\n", count: 10_000)
        return files
    }

    /// The learner's edits: the first line of five files (the templates change their last), and one file deleted.
    static func edit(_ lab: TemporaryLab) throws {
        for number in 0..<5 {
            let path = "app/plain/f\(number).txt"
            let text = lab.read(path) ?? ""
            try lab.write(path, "my own first line\n" + text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().joined())
        }
        try lab.remove("app/plain/f19.txt")
    }

    /// The files a scaffold run may change, with their bytes.
    static func scaffoldFiles(_ lab: TemporaryLab) -> [String: [UInt8]] {
        lab.snapshot().filter { path, _ in
            (path.hasPrefix("app/") || path.hasPrefix(".lab/base/") || path == ".lab/scaffold.lock")
                && !Trials.isLeftover((path as NSString).lastPathComponent)
        }
    }

    /// The paths whose content differs between two sets of files.
    static func differences(_ one: [String: [UInt8]], _ other: [String: [UInt8]]) -> [String] {
        Set(one.keys).union(other.keys).filter { one[$0] != other[$0] }.sorted()
    }

    @Test func killedScaffoldsLeaveEveryFileOldOrNewAndARerunRepairs() throws {
        let lab = try TemporaryLab.scaffolded(Self.templates(version: 1))
        try lab.setExecutable("tpl/scripts/tool.sh")
        let first = try lab.lab("scaffold")
        #expect(first.status == 0, "\(first)")
        try Self.edit(lab)
        let reference = try TemporaryLab()

        func setTemplates(of lab: TemporaryLab, version: Int) throws {
            try lab.setTemplates(Self.templates(version: version))
            try lab.setExecutable("tpl/scripts/tool.sh", version == 1)
        }
        // Time a regeneration in a copy, as the rounds will run it.
        let typical = try Trials.typicalDuration(["scaffold"], in: reference.root) {
            try Trials.copy(lab.root, to: reference.root)
            try setTemplates(of: reference, version: 2)
        }
        var killer = Trials.Killer(["scaffold"], in: lab.root, typical: typical)

        var version = 1
        func flipTemplates() throws {
            version = 3 - version
            try setTemplates(of: lab, version: version)
        }

        let rounds = Trials.rounds(short: 4)
        var killed = 0, partial = 0, journals = 0, leftovers = 0
        for round in 0..<rounds {
            try flipTemplates()
            let old = Self.scaffoldFiles(lab)
            try Trials.copy(lab.root, to: reference.root)
            let completed = try reference.lab("scaffold")
            #expect(completed.status == 0, "round \(round): \(completed)")
            let new = Self.scaffoldFiles(reference)
            #expect(old != new)

            if try killer.run() { killed += 1 }
            let now = Self.scaffoldFiles(lab)
            var sawOld = false, sawNew = false
            for path in Set(old.keys).union(new.keys).union(now.keys).sorted() {
                let isOld = now[path] == old[path], isNew = now[path] == new[path]
                #expect(isOld || isNew, "round \(round): '\(path)' is neither old nor new")
                if isOld && !isNew { sawOld = true }
                if isNew && !isOld { sawNew = true }
            }
            if sawOld && sawNew { partial += 1 }
            if lab.exists(".lab/scaffold.journal") { journals += 1 }
            let left = Trials.leftovers(under: lab.root)
            leftovers += left.count
            #expect(try lab.lab("validate").status == 0)
            #expect(try lab.lab("status").status == 0)

            // A rerun repairs: the same files, lock and bases as a run never interrupted, nothing left over.
            let rerun = try lab.lab("scaffold")
            #expect(rerun.status == 0, "round \(round): \(rerun)")
            #expect(Self.differences(Self.scaffoldFiles(lab), new).isEmpty, "round \(round): after the rerun: \(rerun)")
            #expect(!lab.exists(".lab/scaffold.journal"))
            #expect(Trials.leftovers(under: lab.root).isEmpty, "round \(round): \(Trials.leftovers(under: lab.root))")
            let again = try lab.lab("scaffold")
            #expect(again.status == 0 && Self.differences(Self.scaffoldFiles(lab), new).isEmpty, "round \(round): \(again)")
            #expect(again.stdout.contains("unchanged") && !again.stdout.contains("updated"), "round \(round): \(again)")
        }
        print("kill trial, lab scaffold: \(rounds) rounds, \(killed) killed (typical run \(killer.typical)), \(partial) left half written, \(journals) left their journal, \(leftovers) temporary files left and cleaned")
    }
}
