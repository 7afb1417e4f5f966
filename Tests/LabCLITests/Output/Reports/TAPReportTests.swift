import Foundation
import LabKit
import LabSpec
import Testing

@testable import lab

/// `lab check --format tap`: TAP version 13, its plan, one test line per exercise with `# SKIP`
/// for those not run, and a YAML block for each failure whose strings read back exactly.
@Suite struct TAPReportTests {
    static let text = TAPReport.render(SampleCheck.result())
    static let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    /// The YAML blocks of `tap`, each with the indentation of the block and its markers removed.
    static func yamlBlocks(_ tap: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in tap.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "  ---" {
                current = []
            } else if line == "  ...", let block = current {
                blocks.append(block.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line.hasPrefix("  ") ? String(line.dropFirst(2)) : String(line))
            }
        }
        return blocks
    }

    /// A YAML block read by our own reader (libyaml underneath): each key's scalar as a string.
    static func read(_ block: String) throws -> [String: String] {
        let document = try YAMLReader().read(SourceFile(path: "tap.yml", bytes: Array(block.utf8))).get()
        let pairs = try #require(document.root.mapping)
        var values: [String: String] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value, let value = pair.value.scalar?.value else { continue }
            values[key] = value
        }
        return values
    }

    @Test func versionPlanAndOneLinePerExercise() {
        #expect(Self.lines[0] == "TAP version 13")
        #expect(Self.lines[1] == "1..7")
        let tests = Self.lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(tests == [
            "ok 1 - passing - Passes",
            "ok 2 - unchanged - Up to date (up to date)",
            "not ok 3 - failing - Fails \\# sometimes <&>",
            "not ok 4 - slow - Times out",
            "not ok 5 - broken - Cannot start",
            "ok 6 - cloud - Needs terraform # SKIP requires terraform (not on PATH)",
            "ok 7 - essay - Write an essay # SKIP manual",
        ])
        #expect(!Self.text.contains("Bail out!"))
        #expect(Self.text.hasSuffix("\n"))
    }

    @Test func anInterruptedRunBailsOut() {
        let lines = TAPReport.render(SampleCheck.result(interrupted: true)).split(separator: "\n")
        #expect(lines.last == "Bail out! interrupted")
    }

    @Test func titlesStayOneLineAndTheirHashesAreNoDirective() {
        var report = CheckResult(lab: "L", started: SampleCheck.started)
        report.results = [
            ExerciseResult(id: "a", phase: 1, title: "two\nlines\r\nand # TODO not a directive \\", status: .passed),
            ExerciseResult(id: "b", phase: 1, title: "skipped", status: .skipped, reason: "needs\nthis # and that"),
        ]
        let lines = TAPReport.render(report).split(separator: "\n")
        #expect(lines[2] == "ok 1 - a - two lines and \\# TODO not a directive \\\\")
        #expect(lines[3] == "ok 2 - b - skipped # SKIP needs this \\# and that")
    }

    @Test func aYAMLBlockFollowsEachFailureOnly() throws {
        let blocks = Self.yamlBlocks(Self.text)
        #expect(blocks.count == 3)
        // Each block comes right after its `not ok` line.
        for (index, line) in Self.lines.enumerated() where line.hasPrefix("not ok ") {
            #expect(Self.lines[index + 1] == "  ---", "\(line)")
        }
        let failing = try Self.read(blocks[0])
        #expect(Set(failing.keys) == ["status", "message", "step", "kind", "command", "exit", "duration", "stdout", "stderr"])
        #expect(failing["kind"] == "run")
        #expect(failing["status"] == "failed")
        #expect(failing["message"] == "step 2: exit 1 (expected 0)")
        #expect(failing["step"] == "2")
        #expect(failing["command"] == "grep -q 'a<b' \"notes & more.md\"")
        #expect(failing["exit"] == "1")
        #expect(failing["duration"] == "0.123")
        #expect(failing["stdout"] == SampleCheck.coloured)
        #expect(failing["stderr"] == SampleCheck.controls)
        let slow = try Self.read(blocks[1])
        #expect(slow["status"] == "timed_out")
        #expect(slow["signal"] == "15")
        #expect(slow["exit"] == nil)
        #expect(slow["stdout"] == nil, "empty tails are left out")
        let broken = try Self.read(blocks[2])
        #expect(broken == ["status": "error", "message": "shell '/bin/nope' not found"])
    }

    /// Every string a step can print goes through the YAML block and reads back unchanged: quotes,
    /// backslashes, every C0 control, DEL, the C1 controls, a byte order mark, the non-characters.
    @Test(arguments: [
        "plain",
        "\"quoted\" and \\backslashed\\ and 'single'",
        "every C0: " + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined(),
        "DEL \u{7F} and C1 \u{80}\u{85}\u{9B}\u{9F} and NBSP \u{A0}",
        "BOM \u{FEFF} non-characters \u{FFFE}\u{FFFF} emoji \u{1F600} and é",
        "  leading and trailing spaces  ",
        "# not a comment: a mapping? - [ ] {x} &anchor *alias !tag %",
        "\n\nblank lines\n\n",
        "NEL \u{85} next line",
        "line\u{2028}and paragraph\u{2029}separators",
    ])
    func stringsReadBackUnchanged(_ output: String) throws {
        var step = SampleCheck.failingStep
        step.command = output
        step.stdout = output
        step.stderr = output
        var report = CheckResult(lab: "L", started: SampleCheck.started)
        report.results = [ExerciseResult(id: "x", phase: 1, title: "x", status: .failed, steps: [step])]
        let block = try #require(Self.yamlBlocks(TAPReport.render(report)).first)
        let values = try Self.read(block)
        #expect(values["command"] == output)
        #expect(values["stdout"] == output)
        #expect(values["stderr"] == output)
    }

    /// U+2028 and U+2029 are line breaks to YAML 1.1 (libyaml, PyYAML): printed raw inside a
    /// double-quoted scalar, as `TAPReport.yamlQuoted` prints them, the spaces on either side of
    /// them are folded away (`"a \u{2028} b"` reads back as `"a\u{2028}b"`). Escaping them (`\L`,
    /// `\P` or `\u2028`, `\u2029`) as the other breaks are would keep them.
    @Test(arguments: ["a \u{2028} b", "a \u{2029} b"])
    func unicodeLineSeparatorsNextToSpacesReadBackUnchanged(_ output: String) throws {
        var step = SampleCheck.failingStep
        step.stdout = output
        var report = CheckResult(lab: "L", started: SampleCheck.started)
        report.results = [ExerciseResult(id: "x", phase: 1, title: "x", status: .failed, steps: [step])]
        let block = try #require(Self.yamlBlocks(TAPReport.render(report)).first)
        let values = try Self.read(block)
        #expect(values["stdout"] == output)
    }

    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let pyYAMLIsAvailable: Bool = {
        guard let python else { return false }
        return (try? runPython(python, script: "import yaml", input: Data()))?.status == 0
    }()

    static func runPython(_ python: String, script: String, input: Data) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A reader that ends early must fail the test by its output, not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// A second reader, PyYAML's `safe_load`, reads the sample's blocks the same.
    @Test(.enabled(if: pyYAMLIsAvailable, "needs python3 with PyYAML"))
    func pyYAMLReadsTheSameStrings() throws {
        let script = """
            import json, sys, yaml
            print(json.dumps([yaml.safe_load(block) for block in json.load(sys.stdin)]))
            """
        let input = try JSONSerialization.data(withJSONObject: Self.yamlBlocks(Self.text))
        let result = try Self.runPython(try #require(Self.python), script: script, input: input)
        #expect(result.status == 0)
        let blocks = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String: Any]])
        #expect(blocks.count == 3)
        #expect(blocks.first?["stdout"] as? String == SampleCheck.coloured)
        #expect(blocks.first?["stderr"] as? String == SampleCheck.controls)
        #expect(blocks.first?["command"] as? String == "grep -q 'a<b' \"notes & more.md\"")
        #expect(blocks.first?["step"] as? Int == 2)
        #expect(blocks.first?["duration"] as? Double == 0.123)
    }
}
