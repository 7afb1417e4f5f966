import Foundation
import Testing

/// What `lab scaffold` writes byte for byte, which scaffolds it picks, and how it reports template errors.
@Suite struct ScaffoldFilesTests {
    @Test func binaryFilesAreCopiedIdentically() throws {
        let lab = try TemporaryLab.scaffolded([:])
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) } + Array(0...255)
        try lab.write("tpl/image.png", bytes: bytes)
        try lab.write("tpl/nul.mustache.bin", bytes: [0, 0x7B, 0x7B, 0x78, 0x7D, 0x7D, 0xFF])
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.bytes("app/image.png") == bytes)
        #expect(lab.bytes("app/nul.mustache.bin") == [0, 0x7B, 0x7B, 0x78, 0x7D, 0x7D, 0xFF])
    }

    @Test func executableBitIsKept() throws {
        let lab = try TemporaryLab.scaffolded(["run.sh": "#!/bin/sh\necho hi\n", "gen.sh.mustache": "#!/bin/sh\necho {{name}}\n", "plain.txt": "x\n"])
        try lab.setExecutable("tpl/run.sh")
        try lab.setExecutable("tpl/gen.sh.mustache")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.isExecutable("app/run.sh"))
        #expect(lab.isExecutable("app/gen.sh"))
        #expect(!lab.isExecutable("app/plain.txt"))
        #expect(lab.read("app/gen.sh") == "#!/bin/sh\necho demo\n")
    }

    @Test func lineEndingsAreKept() throws {
        let lab = try TemporaryLab.scaffolded([
            "dos.bat": "@echo off\r\necho {{name}}\r\n",
            "mixed.txt": "a\r\nb\nc\rd",
            "dos.txt.mustache": "one {{name}}\r\ntwo\r\n",
        ])
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.bytes("app/dos.bat") == Array("@echo off\r\necho {{name}}\r\n".utf8))
        #expect(lab.bytes("app/mixed.txt") == Array("a\r\nb\nc\rd".utf8))
        #expect(lab.bytes("app/dos.txt") == Array("one demo\r\ntwo\r\n".utf8))
    }

    @Test func emptySegmentsDropAndEmptyFoldersGetAGitkeep() throws {
        let lab = try TemporaryLab.scaffolded(
            ["{{ci}}/pipeline.yml": "x\n", "{{docker}}": "FROM x\n", "logs/{{none}}": "", "keep.txt": "k\n"],
            vars: "{ ci: \"\", docker: Dockerfile, none: \"\" }")
        try FileManager.default.createDirectory(at: lab.url("tpl/empty/deeper"), withIntermediateDirectories: true)
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(!lab.exists("app/ci"))
        #expect(lab.exists("app/Dockerfile"))
        #expect(lab.bytes("app/logs/.gitkeep") == [])
        #expect(lab.bytes("app/empty/deeper/.gitkeep") == [])
        #expect(!lab.exists("app/empty/.gitkeep"))
    }

    @Test func partialsComeFromThePartialsFolder() throws {
        let lab = try TemporaryLab.scaffolded(["README.md.mustache": "{{> header}}\nbody\n", "_partials/header.mustache": "# {{name}}\n"])
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.read("app/README.md") == "# demo\nbody\n")
        #expect(!lab.exists("app/_partials"))
    }

    /// Partials that include each other, or themselves, and sections nested thousands deep were
    /// rendered until the stack overflowed (exit 139, no message): located errors now, in every
    /// command that renders them.
    @Test func recursionAndDeepNestingAreErrorsNotCrashes() throws {
        let lab = try TemporaryLab.scaffolded([
            "readme.md.mustache": "{{> p1}}\n",
            "_partials/p1.mustache": "b{{> p2}}",
            "_partials/p2.mustache": "c{{> p1}}",
            "self.md.mustache": "{{#name}}{{> me}}{{/name}}\n",
            "_partials/me.mustache": "x{{> me}}",
        ])
        for command in [["validate"], ["scaffold", "--dry-run"], ["scaffold"]] {
            let result = try lab.lab(arguments: command)
            #expect(result.status == 2, "\(command): \(result)")
            #expect(result.stderr.contains("error: partial 'p1' includes itself (p1 → p2 → p1)"), "\(command): \(result)")
            #expect(result.stderr.contains("error: partial 'me' includes itself (me → me)"), "\(command): \(result)")
        }
        #expect(!lab.exists("app"))
        let deep = String(repeating: "{{#name}}", count: 5000) + "x" + String(repeating: "{{/name}}", count: 5000)
        try lab.write("tpl/readme.md.mustache", deep)
        try lab.remove("tpl/self.md.mustache")
        let result = try lab.lab("scaffold")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("tpl/readme.md.mustache:1:901: error: sections nested more than 100 deep"), "\(result)")
    }

    @Test func templateErrorsAreLocatedAndExitTwo() throws {
        let lab = try TemporaryLab.scaffolded([
            "main.tf.mustache": "a\nb\nc\n  {{#items}}\nx\n",
            "b.txt.mustache": "{{> nothere}}\n",
            "ok.txt": "ok\n",
        ])
        let result = try lab.lab("scaffold")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("tpl/main.tf.mustache:4:3: error: section '{{#items}}' is never closed"))
        #expect(result.stderr.contains("    4 |   {{#items}}\n      |   ^"))
        #expect(result.stderr.contains("tpl/b.txt.mustache:1:1: error: partial 'nothere' does not exist"))
        #expect(!lab.exists("app"))
        let validate = try lab.lab("validate")
        #expect(validate.status == 2, "\(validate)")
        #expect(validate.stderr.contains("tpl/main.tf.mustache:4:3: error: section '{{#items}}' is never closed"))
    }

    @Test func missingVariableIsAWarning() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt.mustache": "region = {{regoin}}\n"], vars: "{ region: eu }")
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("tpl/a.txt.mustache:1:10: warning: 'regoin' is not in the template context: it renders empty (did you mean 'region'?)"))
        #expect(lab.read("app/a.txt") == "region = \n")
        let validate = try lab.lab("validate")
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("warning: 'regoin' is not in the template context"))
    }

    @Test func unknownScaffoldName() throws {
        let lab = try TemporaryLab.scaffolded(["a.txt": "a\n"])
        let result = try lab.lab("scaffold", "ap")
        #expect(result.status == 1)
        #expect(result.stderr == "lab: error: no scaffold 'ap' (did you mean 'app'?)\n")
    }

    @Test func defaultsToTheScaffoldsOfStartedPhases() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
            lab: L
            phases:
              - id: 1
                title: One
                status: done
                scaffold: [one]
              - id: 2
                title: Two
                scaffold: [two]
            scaffolds:
              one: { from: t, into: one }
              two: { from: t, into: two }
              free: { from: t, into: free }
            """,
            "t/a.txt": "a\n",
        ])
        let result = try lab.lab("scaffold")
        #expect(result.status == 0, "\(result)")
        #expect(lab.exists("one/a.txt"))
        #expect(lab.exists("free/a.txt"))
        #expect(!lab.exists("two"))
        let named = try lab.lab("scaffold", "two")
        #expect(named.status == 0, "\(named)")
        #expect(lab.exists("two/a.txt"))
    }

    /// A release binary needs no file beside it. The binary under test (the debug one, or the
    /// release one `.ci/run` names in `LAB_EXECUTABLE`) is copied alone into an empty folder and run
    /// from elsewhere, which proves the sets are compiled in rather than looked up next to it.
    @Test func builtinSetsRenderFromABinaryCopiedAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "lab-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appending(path: "lab")
        try FileManager.default.copyItem(at: LabProcess.executable, to: binary)
        let lab = try TemporaryLab(files: ["lab.yml": """
            lab: Copied
            phases:
              - id: 1
                title: Cloud
                status: in-progress
                scaffold: [cloud, devops, mlops]
            scaffolds:
              cloud: { from: "builtin:cloud", into: cloud, vars: { provider: aws, region: eu-west-1, project: demo } }
              devops: { from: "builtin:devops", into: devops, vars: { project: demo, registry: "" } }
              mlops: { from: "builtin:mlops", into: mlops, vars: { model_name: tiny } }
            """])
        let process = Process()
        process.executableURL = binary
        process.arguments = ["scaffold", "-q"]
        process.currentDirectoryURL = lab.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(!text.contains("warning"), "\(text)")
        #expect(lab.read("cloud/README.md")?.contains("demo on aws (eu-west-1)") == true)
        #expect(lab.exists("devops/Dockerfile"))
        #expect(lab.isExecutable("devops/scripts/build.sh"))
        #expect(lab.read("mlops/model.json")?.contains("\"name\": \"tiny\"") == true)
    }
}
