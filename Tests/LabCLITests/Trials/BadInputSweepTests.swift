import Foundation
import Testing

/// Every command against every kind of broken lab: a clear `lab: error: …` line (or located
/// diagnostics), the documented exit code, and no file changed or half written by a command that
/// failed — never a crash, a stack trace or a Swift fatal error.
///
/// Commands run as `nobody` when the tests run as root, so that permissions apply.
@Suite struct BadInputSweepTests {
    enum Condition: String, CaseIterable, CustomTestStringConvertible {
        case missingLabFile = "no lab.yml"
        case unreadableLabFile = "an unreadable lab.yml"
        case labFileIsAFolder = "a folder named lab.yml"
        case labFileIsAFIFO = "a FIFO named lab.yml"
        case documentIsAFolder = "a phase document that is a folder"
        case documentIsAFIFO = "a phase document that is a FIFO"
        case documentIsNotUTF8 = "a phase document that is not UTF-8"
        case readOnlyDocument = "a read-only phase document"
        case readOnlyLab = "a read-only lab (writes fail)"

        var testDescription: String { rawValue }
    }

    static let commands: [[String]] = [
        ["status"], ["list"], ["check"], ["mark", "by-hand"], ["hint", "passes"], ["phase", "start", "2"],
        ["phase", "finish", "1"], ["scaffold"], ["validate"], ["init"],
    ]

    static let labFile = """
        lab: Sweep Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            scaffold: [app]
            exercises:
              - id: passes
                title: Passes
                verify:
                  - run: "true"
              - id: by-hand
                title: By hand
          - id: 2
            title: Two
            exercises:
              - id: later
                title: Later
                verify:
                  - run: "true"
        scaffolds:
          app:
            from: tpl
            into: app
            vars: { name: demo }

        """

    static let document = "# Phase 1\n\n## Progress checklist\n\n- [ ] Passes <!-- lab:passes -->\n- [ ] By hand <!-- lab:by-hand -->\n"
    static let documentPath = "docs/phases/phase-01.md"

    /// What a command must do in a condition: its exit status, the start of its first error or
    /// warning line, and whether it may change files (beyond `.lab/lock` and `.lab/state.json`).
    struct Expectation {
        var status: Int32
        var stderr: String?
        var writes = false
        /// The error or warning is all there is on stderr.
        var onlyLine = false
    }

    static func expectation(_ condition: Condition, _ command: [String]) -> Expectation {
        let name = command.joined(separator: " ")
        let unreadableDocument: String? = switch condition {
        case .documentIsAFolder: "cannot read '\(documentPath)': it is a directory"
        case .documentIsAFIFO: "cannot read '\(documentPath)': it is not a regular file"
        default: nil
        }
        switch (condition, name) {
        case (.missingLabFile, "init"):
            return Expectation(status: 0, stderr: nil, writes: true)
        case (.missingLabFile, _):
            return Expectation(status: 1, stderr: "lab: error: no lab.yml in ")
        case (.labFileIsAFolder, "init"), (.labFileIsAFIFO, "init"):
            return Expectation(status: 1, stderr: "lab: error: these files already exist, so nothing was written:")
        case (_, "init"):
            // A lab.yml that is a file: the folder is a lab already, which is what is said.
            return Expectation(status: 1, stderr: "lab: error: '.' is already a lab (it has a lab.yml), so nothing was written")
        case (.unreadableLabFile, _):
            return Expectation(status: 1, stderr: "lab: error: cannot read 'lab.yml': permission denied")
        case (.labFileIsAFolder, _):
            return Expectation(status: 1, stderr: "lab: error: cannot read 'lab.yml': it is a directory")
        case (.labFileIsAFIFO, _):
            return Expectation(status: 1, stderr: "lab: error: cannot read 'lab.yml': it is not a regular file")
        // Phase 1 has an unticked item whatever the condition: finishing it is refused.
        case (_, "phase finish 1"):
            if let unreadableDocument { return Expectation(status: 1, stderr: "lab: error: \(unreadableDocument)") }
            return Expectation(status: 1, stderr: "lab: error: phase 1 still has 2 unticked items")
        case (.documentIsAFolder, "check"), (.documentIsAFIFO, "check"), (.documentIsAFolder, "mark by-hand"),
            (.documentIsAFIFO, "mark by-hand"):
            return Expectation(status: 1, stderr: "lab: error: \(unreadableDocument ?? "")")
        case (.documentIsAFolder, "validate"), (.documentIsAFIFO, "validate"):
            return Expectation(status: 0, stderr: "lab.yml:3:5: warning: phase 1: \(unreadableDocument ?? "")")
        case (.documentIsAFolder, "phase start 2"), (.documentIsAFIFO, "phase start 2"):
            return Expectation(status: 0, stderr: "lab: note: phase 1 is still in progress", writes: true)
        case (.documentIsAFolder, _), (.documentIsAFIFO, _):
            // One warning, not a second one saying the document does not exist.
            if name == "scaffold" { return Expectation(status: 0, stderr: nil) }
            return Expectation(status: 0, stderr: "lab: warning: \(unreadableDocument ?? "")", onlyLine: true)
        case (.documentIsNotUTF8, "check"), (.documentIsNotUTF8, "mark by-hand"):
            return Expectation(status: 0, stderr: nil, writes: true)
        case (.documentIsNotUTF8, "phase start 2"):
            return Expectation(status: 0, stderr: "lab: note: phase 1 is still in progress", writes: true)
        case (.readOnlyDocument, "check"):
            return Expectation(status: 1, stderr: "lab: error: cannot tick 'passes': cannot write '\(documentPath)': permission denied")
        case (.readOnlyLab, "check"):
            // The state file cannot be saved either: a warning first, then the error.
            return Expectation(status: 1, stderr: "lab: warning: cannot save the results in .lab/state.json: cannot write '.lab/state.json'")
        case (.readOnlyDocument, "mark by-hand"), (.readOnlyLab, "mark by-hand"):
            return Expectation(status: 1, stderr: "lab: error: cannot write '\(documentPath)': permission denied")
        case (.readOnlyDocument, "phase start 2"), (.readOnlyLab, "phase start 2"):
            return Expectation(status: 1, stderr: "lab: note: phase 1 is still in progress")
        default:
            return Expectation(status: 0, stderr: nil)
        }
    }

    /// The sweep lab, scaffolded, then broken as `condition` says.
    static func makeLab(_ condition: Condition) throws -> TemporaryLab {
        if condition == .missingLabFile {
            let empty = try TemporaryLab()
            makeWritableByAll(empty.root)
            return empty
        }
        let lab = try TemporaryLab(files: [
            "lab.yml": labFile, documentPath: document, "tpl/README.md.mustache": "hello {{name}}\n", "tpl/main.txt": "x\n",
        ])
        let scaffolded = try lab.lab("scaffold")
        #expect(scaffolded.status == 0, "\(scaffolded)")
        let full = { (path: String) in lab.url(path).path }
        switch condition {
        case .missingLabFile:
            break
        case .unreadableLabFile:
            chmod(full("lab.yml"), 0)
        case .labFileIsAFolder:
            try lab.remove("lab.yml")
            try FileManager.default.createDirectory(at: lab.url("lab.yml"), withIntermediateDirectories: false)
        case .labFileIsAFIFO:
            try lab.remove("lab.yml")
            #expect(mkfifo(full("lab.yml"), 0o644) == 0)
        case .documentIsAFolder:
            try lab.remove(documentPath)
            try FileManager.default.createDirectory(at: lab.url(documentPath), withIntermediateDirectories: false)
        case .documentIsAFIFO:
            try lab.remove(documentPath)
            #expect(mkfifo(full(documentPath), 0o644) == 0)
        case .documentIsNotUTF8:
            // Stray bytes in a heading and in an item's text, which the item keeps its marker after.
            let latin1 = Array("# Phase ".utf8) + [0xFF, 0xFE] + Array(" 1\n\n## Progress checklist\n\n- [ ] Passes ".utf8)
            try lab.write(documentPath, bytes: latin1 + [0xC3] + Array(" <!-- lab:passes -->\n- [ ] By hand <!-- lab:by-hand -->\n".utf8))
        case .readOnlyDocument, .readOnlyLab:
            break
        }
        // Everything writable by the user the commands run as, but what the condition forbids.
        makeWritableByAll(lab.root)
        switch condition {
        case .readOnlyDocument:
            chmod(full(documentPath), 0o444)
            chmod(full("docs/phases"), 0o555)
        case .readOnlyLab:
            makeReadOnly(lab.root)
        case .unreadableLabFile:
            chmod(full("lab.yml"), 0)
        default:
            break
        }
        return lab
    }

    static func makeWritableByAll(_ root: URL) {
        forEachItem(under: root) { path, isFolder in chmod(path, isFolder ? 0o777 : 0o666) }
    }

    static func makeReadOnly(_ root: URL) {
        forEachItem(under: root) { path, isFolder in chmod(path, isFolder ? 0o555 : 0o444) }
    }

    /// Visits `root` and everything under it, folders after their content; skips FIFOs and links.
    static func forEachItem(under root: URL, _ body: (String, Bool) -> Void) {
        var folders: [String] = []
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            for case let relative as String in walker {
                let path = root.appending(path: relative).path
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: folders.append(path)
                case S_IFREG: body(path, false)
                default: break
                }
            }
        }
        for folder in folders.reversed() { body(folder, true) }
        body(root.path, true)
    }

    @Test(arguments: Condition.allCases, commands)
    func everyCommandFailsCleanly(_ condition: Condition, _ command: [String]) throws {
        let lab = try Self.makeLab(condition)
        defer { Self.makeWritableByAll(lab.root) }
        let expected = Self.expectation(condition, command)
        if condition == .unreadableLabFile { chmod(lab.url("lab.yml").path, 0o644) }
        let before = lab.snapshot()
        if condition == .unreadableLabFile { chmod(lab.url("lab.yml").path, 0) }
        let result = try Unprivileged.lab(command, in: lab)

        #expect(result.status == expected.status, "\(result)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let fragment = expected.stderr {
            #expect(lines.first?.hasPrefix(fragment) == true, "\(result)")
        }
        if expected.onlyLine {
            #expect(lines.count { !$0.isEmpty } == 1, "\(result)")
        }
        for crash in ["Fatal error", "Program crashed", "Backtrace", "Stack dump", "Current stack trace", "SIG"] {
            #expect(!result.stderr.contains(crash) && !result.stdout.contains(crash), "\(result)")
        }
        if result.status != 0 {
            #expect(lines.count { $0.hasPrefix("lab: error: ") } == 1, "one error line: \(result)")
        }

        // Nothing half written: no temporary file is left, and a command that failed changed nothing.
        Self.makeWritableByAll(lab.root)
        let after = lab.snapshot()
        let leftovers = after.keys.filter { ($0 as NSString).lastPathComponent.contains(".lab-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // lab's own files, remade at will: the lock, the check state, and the outline `lab status`
        // keeps of a valid lab.yml (whatever the phase documents hold).
        let ownFiles: Set<String> = [".lab/lock", ".lab/state.json"]
        let changed = Set(before.keys).union(after.keys).filter {
            !ownFiles.contains($0) && !$0.hasPrefix(".lab/cache/") && before[$0] != after[$0]
        }
        if !expected.writes {
            #expect(changed.isEmpty, "changed: \(changed.sorted())")
        }
        if condition == .documentIsNotUTF8, command == ["check"] || command == ["mark", "by-hand"] {
            // Ticking a document that is not UTF-8 changes its one byte, every other byte kept.
            let old = try #require(before[Self.documentPath])
            let new = try #require(after[Self.documentPath])
            #expect(old.count == new.count && old.indices.count { old[$0] != new[$0] } == 1)
        }
    }

    @Test func anInitThatCannotFinishTakesBackWhatItWrote() throws {
        let lab = try TemporaryLab(files: ["mlops/mine.txt": "my notes\n"])
        Self.makeWritableByAll(lab.root)
        // The last file init writes is mlops/.gitkeep, in a folder it may not write.
        chmod(lab.url("mlops").path, 0o555)
        defer { Self.makeWritableByAll(lab.root) }
        let result = try Unprivileged.lab(["init"], in: lab)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "lab: error: cannot write 'mlops/.gitkeep': permission denied\n", "\(result)")
        let left = (FileManager.default.enumerator(atPath: lab.root.path)?.allObjects as? [String] ?? []).sorted()
        #expect(left == ["mlops", "mlops/mine.txt"])
        Self.makeWritableByAll(lab.root)
        #expect(try Unprivileged.lab(["init"], in: lab).status == 0, "and it can simply be run again")
    }

    @Test func aTickThatFailedIsMadeByTheNextCheck() throws {
        let lab = try Self.makeLab(.readOnlyDocument)
        defer { Self.makeWritableByAll(lab.root) }
        let failed = try Unprivileged.lab(["check"], in: lab)
        #expect(failed.status == 1, "\(failed)")
        // The result was real, so it is remembered (the results of a run are not thrown away for
        // a document that could not be written); once the document can be written, the next check
        // ticks the item.
        #expect(try Self.lastResult(of: "passes", in: lab) == "passed")
        Self.makeWritableByAll(lab.root)
        let next = try Unprivileged.lab(["check", "passes"], in: lab)
        #expect(next.status == 0 && next.stdout.contains("ticked passes"), "\(next)")
        #expect(lab.read(Self.documentPath)?.contains("- [x] Passes") == true)
    }

    static func lastResult(of id: String, in lab: TemporaryLab) throws -> String? {
        let list = try lab.lab("list", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        let entry = entries.first { $0["id"] as? String == id }
        return (entry?["last"] as? [String: Any])?["result"] as? String
    }
}
