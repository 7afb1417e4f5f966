import Foundation
import Testing

/// Every error, argument-parser's included, in one style: `lab: error: …`, with a suggestion
/// wherever a name is looked up and a plain sentence for a bad number.
@Suite struct UsageErrorTests {
    static let labFile = """
        lab: Small Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: linux-processes
                title: Processes
                verify: [{ run: "true" }]
              - id: tls-basics
                title: TLS
          - id: 2
            title: Two
        scaffolds:
          cloud: { from: builtin:cloud, into: cloud }

        """

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { "lab " + arguments.joined(separator: " ") }
    }

    static let phaseRequirement = "a phase is given by its number, 1 or more ('lab status' lists them)"

    static let cases: [Case] = [
        Case(arguments: ["stauts"], status: 64, message: "lab: error: unknown command 'stauts' (did you mean 'status'?)\nsee 'lab --help'\n"),
        Case(arguments: ["stauts", "--json"], status: 64, message: "lab: error: unknown command 'stauts' (did you mean 'status'?)\n"),
        Case(arguments: ["frobnicate"], status: 64, message: "lab: error: unknown command 'frobnicate'; the commands of 'lab' are check, doctor, hint, init, list, log, mark, merge-reports, new, phase, pictures, quiz, review, scaffold, status, validate, watch\n"),
        Case(arguments: ["phase", "strat", "2"], status: 64, message: "lab: error: unknown command 'strat' (did you mean 'start'?)\nsee 'lab phase --help'\n"),
        Case(arguments: ["status", "--jsno"], status: 64, message: "lab: error: unknown option '--jsno' (did you mean '--json'?)\nsee 'lab status --help'\n"),
        Case(arguments: ["check", "-j", "-1"], status: 64, message: "lab: error: invalid value '-1' for '-j <N>': the number of exercises to run at once must be a whole number, 1 or more\n"),
        Case(arguments: ["check", "-j", "0"], status: 64, message: "lab: error: invalid value '0' for '-j <N>': the number of exercises to run at once must be a whole number, 1 or more\n"),
        Case(arguments: ["check", "-j0"], status: 64, message: "lab: error: invalid value '0' for '-j <N>'"),
        Case(arguments: ["check", "--jobs", "many"], status: 64, message: "lab: error: invalid value 'many' for '--jobs <N>'"),
        Case(arguments: ["check", "--format", "xml"], status: 64, message: "lab: error: invalid value 'xml' for '--format <format>': use 'text', 'github', 'json', 'junit', 'tap' or 'markdown'\n"),
        Case(arguments: ["hint"], status: 64, message: "lab: error: missing expected argument '<id>'\nsee 'lab hint --help'\n"),
        Case(arguments: ["-q", "-v", "status"], status: 64, message: "lab: error: --quiet and --verbose cannot be used together\n"),
        Case(arguments: ["help", "stauts"], status: 64, message: "lab: error: unknown command 'stauts' (did you mean 'status'?)\nsee 'lab --help'\n"),
        Case(arguments: ["help", "phase", "strat"], status: 64, message: "lab: error: unknown command 'strat' (did you mean 'start'?)\nsee 'lab phase --help'\n"),
        Case(arguments: ["phase", "start", "-1"], status: 64, message: "lab: error: invalid value '-1' for '<phase>': \(phaseRequirement)\n"),
        Case(arguments: ["phase", "finish", "0", "--force"], status: 64, message: "lab: error: invalid value '0' for '<phase>': \(phaseRequirement)\n"),
        Case(arguments: ["log", "--phase", "two"], status: 64, message: "lab: error: invalid value 'two' for '--phase <N>': \(phaseRequirement)\n"),
        Case(arguments: ["log", "--phase", "9"], status: 1, message: "lab: error: no phase '9' (the phases are 1, 2)\n"),
        Case(arguments: ["list", "two"], status: 64, message: "lab: error: invalid value 'two' for '<phase>': \(phaseRequirement)\n"),
        Case(arguments: ["phase", "finish", "9"], status: 1, message: "lab: error: no phase '9' (the phases are 1, 2)\n"),
        Case(arguments: ["phase", "start", "9"], status: 1, message: "lab: error: no phase '9' (the phases are 1, 2)\n"),
        Case(arguments: ["list", "9"], status: 1, message: "lab: error: no phase '9' (the phases are 1, 2)\n"),
        Case(arguments: ["hint", "lnux-processes"], status: 1, message: "lab: error: no exercise 'lnux-processes' (did you mean 'linux-processes'?)\n"),
        Case(arguments: ["hint", "li"], status: 1, message: "lab: error: no exercise 'li' (did you mean 'linux-processes'?)\n"),
        Case(arguments: ["mark", "tls"], status: 1, message: "lab: error: no exercise 'tls' (did you mean 'tls-basics'?)\n"),
        Case(arguments: ["check", "tls"], status: 1, message: "lab: error: no exercise or phase 'tls' (did you mean 'tls-basics'?)\n"),
        Case(arguments: ["scaffold", "clod"], status: 1, message: "lab: error: no scaffold 'clod' (did you mean 'cloud'?)\n"),
        Case(arguments: ["scaffold", "zzz"], status: 1, message: "lab: error: no scaffold 'zzz' (the scaffolds are cloud)\n"),
    ]

    @Test(arguments: cases)
    func oneStyle(_ example: Case) throws {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile])
        let result = try lab.lab(arguments: example.arguments)
        #expect(result.status == example.status, "\(result)")
        #expect(result.stderr.hasPrefix("lab: error: "), "\(result)")
        #expect(result.stderr.contains(example.message), "\(result)")
        #expect(!result.stderr.contains("Error:") && !result.stderr.contains("Usage:"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    /// Help, the version and good numbers still work.
    @Test func helpVersionAndGoodNumbers() throws {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile])
        let help = try lab.lab("check", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: lab check"))
        #expect(try lab.lab("--version").stdout == "0.1.0\n")
        for arguments in [["help"], ["help", "phase", "start"], ["help", "check"]] {
            let result = try lab.lab(arguments: arguments)
            #expect(result.status == 0 && result.stdout.contains("USAGE: lab"), "\(result)")
        }
        for arguments in [["check", "-j", "2", "--dry-run"], ["check", "-j3", "--dry-run"], ["check", "--jobs", "1", "--dry-run"]] {
            let result = try lab.lab(arguments: arguments)
            #expect(result.status == 0, "\(result)")
        }
    }
}
