import Foundation
import Testing

@testable import LabKit

/// Names that cannot be recorded faithfully — a control character, invalid UTF-8 — are refused
/// when a template set is read; the lock cannot be forged by any name; a lock that does not read
/// is a located error with a way out.
@Suite struct RecordedNamesTests {
    static func makeLab(templateName: [UInt8]) throws -> TemporaryLab {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Names\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises: []\nscaffolds:\n  app: { from: tpl, into: app }\n",
            "tpl/ok.txt": "ok\n",
        ])
        let name = lab.url("tpl").path + "/" + String(decoding: [], as: UTF8.self)
        let path = Array(name.utf8) + templateName
        let descriptor = path.withUnsafeBufferPointer { buffer -> Int32 in
            var bytes = Array(buffer) + [0]
            return bytes.withUnsafeMutableBufferPointer { raw in
                raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
            }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        return lab
    }

    @Test func aNewlineInATemplateNameIsRefusedAndShownEscaped() throws {
        let lab = try Self.makeLab(templateName: Array("evil\nfile 644 0000000000000000000000000000000000000000000000000000000000000000 x".utf8))
        let result = try lab.lab("scaffold")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(#"the file name 'evil\x0afile 644"#), "\(result)")
        #expect(result.stderr.contains("holds a control character"), "\(result)")
        #expect(!lab.exists("app"), "nothing written")
        #expect(!lab.exists(".lab/scaffold.lock"))
        let validate = try lab.lab("validate")
        #expect(validate.status == 2, "\(validate)")
        #expect(validate.stderr.contains("holds a control character"), "\(validate)")
    }

    @Test func anInvalidUTF8TemplateNameIsReportedAsSuch() throws {
        let lab = try Self.makeLab(templateName: [0x62, 0x61, 0x64, 0xFF, 0x2E, 0x74, 0x78, 0x74])
        let result = try lab.lab("scaffold")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(#"the file name 'bad\xff.txt' is not valid UTF-8"#), "\(result)")
        #expect(!result.stderr.contains("not a file or a folder"), "\(result)")
    }

    @Test func lockValuesThatCouldForgeALineAreQuotedAndReadBack() throws {
        let tricky = ["a\nfile 644 \(String(repeating: "0", count: 64)) x", "\"quoted", "back\\slash", " lead", "trail ", "tab\there", "plain/path.txt"]
        var lock = ScaffoldLock()
        var record = ScaffoldLock.Record(from: "tpl\nscaffold evil", into: "app", templateDigest: "t", varsDigest: "v")
        for (index, path) in tricky.enumerated() {
            record.files[path] = ScaffoldLock.Entry(executable: index % 2 == 0, sha256: String(repeating: "a", count: 64))
        }
        lock.scaffolds["app"] = record
        let text = lock.text
        // One scaffold, one line per file: nothing a value holds makes a line of its own.
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("file ") }.count == tricky.count)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("scaffold ") }.count == 1)
        #expect(text.contains("\(String(repeating: "a", count: 64)) plain/path.txt\n"), "plain paths stay as they were")
        let parsed = try ScaffoldLock(parsing: text)
        #expect(parsed == lock)
    }

    @Test func aLockThatDoesNotReadIsLocatedWithAWayOut() throws {
        let lab = try TemporaryLab(files: [
            "lab.yml": "lab: Lock\nphases:\n  - id: 1\n    title: One\n    status: in-progress\n    exercises: []\nscaffolds:\n  app: { from: tpl, into: app }\n",
            "tpl/a.txt": "a\n", "tpl/b/c.sh": "#!/bin/sh\n",
        ])
        chmod(lab.url("tpl/b/c.sh").path, 0o755)
        #expect(try lab.lab("scaffold").status == 0)
        let good = try #require(lab.read(".lab/scaffold.lock"))
        try lab.write(".lab/scaffold.lock", good.replacingOccurrences(of: "file 644", with: "file 64x"))
        let broken = try lab.lab("scaffold")
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.stderr.contains(".lab/scaffold.lock:"), "located: \(broken)")
        #expect(broken.stderr.contains("lab scaffold --repair-lock"), "a way out: \(broken)")

        let dryRun = try lab.lab("scaffold", "--repair-lock", "--dry-run")
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(dryRun.stdout.contains("would rebuild .lab/scaffold.lock from .lab/base/ (2 files)"), "\(dryRun)")
        #expect(lab.read(".lab/scaffold.lock")?.contains("file 64x") == true, "a dry run writes nothing")

        let repaired = try lab.lab("scaffold", "--repair-lock")
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stdout.contains("rebuilt .lab/scaffold.lock from .lab/base/ (2 files)"), "\(repaired)")
        let rebuilt = try #require(lab.read(".lab/scaffold.lock"))
        #expect(rebuilt == good, "the run after the rebuild records the same lock")
        #expect(try lab.lab("scaffold").status == 0)
    }
}
