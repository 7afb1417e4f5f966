import Foundation
import Testing

/// `lab doctor` with a PATH of stub programs: one that answers `--version`, one that hangs on it,
/// one missing; and `lab check`'s skip line pointing at it.
@Suite struct DoctorTests {
    static func labFile(missingPhase: String) -> String {
        """
        lab: Doctor Lab
        phases:
          - id: 1
            title: Now
            status: in-progress
            exercises:
              - id: uses-good
                title: Good
                requires: [goodtool]
                verify: [{ run: goodtool }]
              - id: uses-hang
                title: Hang
                requires: [hangtool, goodtool]
                verify: [{ run: "true" }]
          - id: 2
            title: Later
            status: \(missingPhase)
            exercises:
              - id: alerting
                title: Alerts
                requires: [promtool]
                verify: [{ run: promtool check rules x }]
        install:
          promtool: download it from prometheus.io

        """
    }

    /// A folder of stub programs outside the lab, and the PATH that finds them first.
    static func stubs() throws -> (TemporaryLab, [String: String]) {
        let bin = try TemporaryLab()
        try bin.write("goodtool", "#!/bin/sh\necho 'goodtool 1.2.3'\necho 'built today'\n")
        // Hangs on --version, after writing its pid and starting a child in its group.
        try bin.write("hangtool", "#!/bin/sh\necho $$ > \"$(/usr/bin/dirname \"$0\")/hang.pid\"\n/bin/sleep 60 &\nexec /bin/sleep 60\n")
        for name in ["goodtool", "hangtool"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.url(name).path)
        }
        // Only the stubs: the machine's own promtool, if any, must not be found.
        return (bin, ["PATH": bin.root.path])
    }

    @Test func reportsFoundMissingAndHangingPrograms() throws {
        let (bin, environment) = try Self.stubs()
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile(missingPhase: "pending")])
        let started = Date()
        let result = try lab.lab("doctor", environment: environment)
        #expect(Date().timeIntervalSince(started) < 15, "the hanging --version is stopped after its timeout")
        #expect(result.status == 0, "a missing program no phase in progress needs does not fail: \(result)")
        let bins = bin.root.path
        #expect(result.stdout.hasPrefix("Programs for Doctor Lab\n\n  found    /bin/sh   /bin/sh"), "\(result)")
        #expect(result.stdout.contains("""
              found    goodtool  \(bins)/goodtool  goodtool 1.2.3
                       needed by uses-good, uses-hang (a phase in progress)
              found    hangtool  \(bins)/hangtool  version unknown
                       needed by uses-hang (a phase in progress)
              missing  promtool
                       needed by alerting
                       install: download it from prometheus.io · apt-get install prometheus · brew install prometheus

            4 programs: 3 found, 1 missing

            """), "\(result)")
        // The hanging program and the child it started, in its session, are gone.
        let pid = try #require(bin.read("hang.pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(ProcessTable.survivors(of: pid).isEmpty, "\(ProcessTable.survivors(of: pid))")
    }

    @Test func aMissingProgramAPhaseInProgressNeedsFails() throws {
        let (bin, environment) = try Self.stubs()
        defer { withExtendedLifetime(bin) {} }
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile(missingPhase: "in-progress")])
        let result = try lab.lab("doctor", environment: environment)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.hasSuffix("4 programs: 3 found, 1 missing (1 needed by a phase in progress)\n"), "\(result)")
    }

    @Test func jsonHasEveryProgram() throws {
        let (bin, environment) = try Self.stubs()
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile(missingPhase: "in-progress")])
        let result = try lab.lab("doctor", "--json", environment: environment)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        #expect(object["lab"] as? String == "Doctor Lab" && object["missing_now"] as? [String] == ["promtool"])
        let programs = try #require(object["programs"] as? [[String: Any]])
        #expect(programs.map { $0["name"] as? String } == ["/bin/sh", "goodtool", "hangtool", "promtool"])
        let good = programs[1]
        #expect(good["found"] as? Bool == true && good["path"] as? String == bin.root.path + "/goodtool" && good["version"] as? String == "goodtool 1.2.3")
        #expect(good["needed_by"] as? [String] == ["uses-good", "uses-hang"] && good["needed_now"] as? Bool == true && good["shell"] as? Bool == false)
        #expect(programs[2]["version"] is NSNull)
        let promtool = programs[3]
        #expect(promtool["found"] as? Bool == false && promtool["path"] is NSNull)
        let install = try #require(promtool["install"] as? [String: Any])
        #expect(install["debian"] as? String == "prometheus" && install["brew"] as? String == "prometheus" && install["pip"] is NSNull)
        #expect(install["lab"] as? String == "download it from prometheus.io")
        #expect(Set(good.keys) == ["name", "found", "path", "version", "shell", "needed_by", "needed_now", "install"])
    }

    /// Every program the repository's own course requires has a way to install it in the
    /// built-in table, so a learner on a bare machine is never left with "no hint known".
    @Test func everyProgramTheCourseRequiresHasAnInstallHint() throws {
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: Repository.root.appending(path: "lab.yml"))))
        let empty = try TemporaryLab()
        let result = try lab.lab("doctor", "--json", environment: ["PATH": empty.root.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        let programs = try #require(object["programs"] as? [[String: Any]])
        #expect(programs.count > 5)
        for program in programs where program["shell"] as? Bool != true {
            let install = program["install"] as? [String: Any] ?? [:]
            #expect(install.values.contains { $0 is String }, "\(program["name"] ?? "?") has no install hint")
        }
    }

    @Test func aShellThatIsMissingIsNotGivenAnInstallKeyItCannotHave() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: Shell Lab\ndefaults: { shell: /bin/no-such-shell }\nphases:\n  - id: 1\n    title: One\n"])
        let result = try lab.lab("doctor")
        #expect(result.stdout.contains("set defaults.shell in lab.yml to a shell this machine has"), "\(result)")
        #expect(!result.stdout.contains("install: { /bin/no-such-shell"), "\(result)")
    }

    @Test func aProgramInsideTheLabIsNotRun() throws {
        let lab = try TemporaryLab(files: ["lab.yml": """
            lab: Inside
            phases:
              - id: 1
                title: Now
                status: in-progress
                exercises:
                  - id: x
                    title: X
                    requires: [evil]
                    verify: [{ run: evil }]

            """])
        try lab.write("bin/evil", "#!/bin/sh\ntouch \"$(dirname \"$0\")/../ran\"\necho evil 6.6.6\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: lab.url("bin/evil").path)
        let result = try lab.lab("doctor", environment: ["PATH": lab.url("bin").path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("evil     \(lab.url("bin").path)/evil  version not asked (inside the lab)"), "\(result)")
        #expect(!lab.exists("ran"))
    }

    /// `lab check`'s skip line gives the lab's own install hint first, as `lab doctor` does, and
    /// promises nothing when no one knows the program (it pointed at `lab doctor`, which then said
    /// "no hint known").
    @Test func checksSkipLineGivesTheLabsHint() throws {
        let (bin, environment) = try Self.stubs()
        defer { withExtendedLifetime(bin) {} }
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile(missingPhase: "in-progress")])
        let result = try lab.lab("check", "uses-good", environment: ["PATH": "/nonexistent"])
        #expect(result.stdout.contains("skipped    uses-good  requires goodtool (not on PATH)\n"), "\(result)")
        #expect(result.stdout.contains("skipped") && !result.stdout.contains("alerting"), "\(result)")
        let hinted = try lab.lab("check", "alerting", environment: ["PATH": "/nonexistent"])
        #expect(hinted.stdout.contains("skipped    alerting  requires promtool (not on PATH; install: download it from prometheus.io)\n"), "\(hinted)")
        let doctor = try lab.lab("doctor", environment: ["PATH": "/nonexistent"])
        #expect(doctor.stdout.contains("install: download it from prometheus.io"), "\(doctor)")
    }

    /// `requires: [bin/tool]` is the lab's file, found from the lab's root wherever lab runs from
    /// (`-C`, a subfolder), as its steps find it; it was looked up from the working folder.
    @Test func aRelativeProgramPathIsTheLabsFile() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Rel\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises:\n      - { id: a, title: a, requires: [bin/tool], verify: [{ run: bin/tool }] }\n",
            "bin/tool": "#!/bin/sh\nexit 0\n",
            "sub/.keep": "",
        ])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: lab.url("bin/tool").path)
        for folder in [lab.root, lab.url("sub")] {
            let result = try LabProcess.run(["check", "--no-mark"], in: folder)
            #expect(result.status == 0 && result.stdout.contains("passed     a"), "\(folder.path): \(result)")
        }
        let elsewhere = try LabProcess.run(["-C", lab.root.path, "check", "--no-mark"], in: URL(fileURLWithPath: "/"))
        #expect(elsewhere.status == 0 && elsewhere.stdout.contains("passed     a"), "\(elsewhere)")
        let doctor = try LabProcess.run(["-C", lab.root.path, "doctor"], in: URL(fileURLWithPath: "/"))
        #expect(doctor.stdout.contains("version not asked (inside the lab)"), "\(doctor)")
        try lab.remove("bin/tool")
        let missing = try LabProcess.run(["-C", lab.root.path, "doctor"], in: URL(fileURLWithPath: "/"))
        #expect(missing.stdout.contains("bin/tool must be an executable file (from the lab's root when the path is relative)"), "\(missing)")
        #expect(!missing.stdout.contains("set defaults.shell"), "\(missing)")
    }

    @Test func installKeysAreValidated() throws {
        let lab = try TemporaryLab(files: ["lab.yml": Self.labFile(missingPhase: "pending") + "  bad/name: x\n  jq: 3\n  yq: [a]\n"])
        let result = try lab.lab("validate")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("lab.yml:25:3: error: 'bad/name' in 'install' is not a program name"), "\(result)")
        #expect(result.stderr.contains("lab.yml:27:7: error: expected a string for the install hint of 'yq', found a list"), "\(result)")
    }
}
