import Foundation
import Testing

/// Only regular files are read as files: a FIFO never blocks a command, a device never feeds it
/// without end, wherever `lab` expects a file.
@Suite struct SpecialFilesTests {
    static let labFile = """
        lab: Special
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: passes
                title: Passes
                verify: [{ run: "true" }]
          - id: 2
            title: Two
            exercises:
              - id: later
                title: Later
        scaffolds:
          app: { from: tpl, into: app }

        """

    static func makeLab() throws -> TemporaryLab {
        let lab = try TemporaryLab(files: [
            "lab.yml": labFile, "docs/phases/phase-01.md": "# One\n\n- [ ] Passes <!-- lab:passes -->\n",
            "tpl/a.txt": "a\n", "README.md": "# x\n<!-- lab:phases -->\n<!-- /lab:phases -->\n",
        ])
        #expect(try lab.lab("scaffold").status == 0)
        #expect(try lab.lab("check").status == 0)
        #expect(try lab.lab("pictures").status == 0)
        return lab
    }

    enum Special: String, CaseIterable, Sendable { case fifo, devZero }

    static func plant(_ special: Special, at path: String, in lab: TemporaryLab) throws {
        try? FileManager.default.removeItem(at: lab.url(path))
        try FileManager.default.createDirectory(at: lab.url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        switch special {
        case .fifo: #expect(mkfifo(lab.url(path).path, 0o644) == 0)
        case .devZero: try FileManager.default.createSymbolicLink(atPath: lab.url(path).path, withDestinationPath: "/dev/zero")
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var command: [String]
        var special: Special
        var testDescription: String { "\(special) at \(path): lab \(command.joined(separator: " "))" }
    }

    static var cases: [Case] {
        var cases: [Case] = []
        for special in Special.allCases {
            for command in [["list"], ["check", "--force"]] {
                cases.append(Case(path: ".lab/state.json", command: command, special: special))
            }
            cases.append(Case(path: ".lab/scaffold.lock", command: ["scaffold"], special: special))
            cases.append(Case(path: "tpl/a.txt", command: ["scaffold"], special: special))
            cases.append(Case(path: "tpl/a.txt", command: ["validate"], special: special))
            cases.append(Case(path: "docs/phases/phase-01.md", command: ["status"], special: special))
            cases.append(Case(path: "README.md", command: ["phase", "finish", "1", "--force"], special: special))
            cases.append(Case(path: "templates/phase.md.mustache", command: ["phase", "start", "2"], special: special))
            for command in [["check", "--force"], ["mark", "--force", "passes"], ["log"], ["phase", "start", "2"]] {
                cases.append(Case(path: ".lab/journal.jsonl", command: command, special: special))
            }
            for command in [["pictures"], ["check", "--force"]] {
                cases.append(Case(path: "assets/banner.svg", command: command, special: special))
            }
        }
        return cases
    }

    @Test(arguments: cases)
    func neitherHangsNorCrashes(_ testCase: Case) throws {
        let lab = try Self.makeLab()
        try Self.plant(testCase.special, at: testCase.path, in: lab)
        let result = try LabProcess.run(testCase.command, in: lab.root, timeout: 30)
        for crash in ["Fatal error", "Program crashed", "Backtrace", "Stack dump"] {
            #expect(!result.stderr.contains(crash), "\(result)")
        }
        #expect(result.status == 0 || result.status == 1 || result.status == 2, "\(result)")
        // Refused (the file is not regular, or a link out of the lab) or warned about, in words.
        #expect(result.status == 0 || result.stderr.contains("error:"), "\(result)")
        #expect(result.stderr.contains("not a regular file") || result.stderr.contains("outside the lab")
            || result.stderr.contains("outside the template folder") || result.stderr.contains("warning"), "\(result)")
    }
}
