import Testing
@testable import LabKit

@Suite struct ScaffoldLockTests {
    let sample = ScaffoldLock(scaffolds: [
        "zeta": .init(from: "templates/z", into: "z", templateDigest: String(repeating: "1", count: 64), varsDigest: String(repeating: "2", count: 64), files: [:]),
        "cloud": .init(
            from: "builtin:cloud", into: "cloud", templateDigest: String(repeating: "a", count: 64), varsDigest: String(repeating: "b", count: 64),
            files: [
                "scripts/run me.sh": .init(executable: true, sha256: String(repeating: "c", count: 64)),
                "README.md": .init(executable: false, sha256: String(repeating: "d", count: 64)),
                "B.txt": .init(executable: false, sha256: String(repeating: "e", count: 64)),
            ]),
    ])

    @Test func textIsSortedAndOneLinePerFile() {
        #expect(sample.text == """
            # lab scaffold lock: what `lab scaffold` generated. Commit it; do not edit it.
            version 1

            scaffold cloud
            from builtin:cloud
            into cloud
            template \(String(repeating: "a", count: 64))
            vars \(String(repeating: "b", count: 64))
            file 644 \(String(repeating: "e", count: 64)) B.txt
            file 644 \(String(repeating: "d", count: 64)) README.md
            file 755 \(String(repeating: "c", count: 64)) scripts/run me.sh

            scaffold zeta
            from templates/z
            into z
            template \(String(repeating: "1", count: 64))
            vars \(String(repeating: "2", count: 64))

            """)
    }

    @Test func parsesWhatItWrites() throws {
        #expect(try ScaffoldLock(parsing: sample.text) == sample)
        #expect(try ScaffoldLock(parsing: sample.text.replacingOccurrences(of: "\n", with: "\r\n")) == sample)
        #expect(try ScaffoldLock(parsing: "") == ScaffoldLock())
    }

    @Test(arguments: [
        ("version 1\nscaffold a\n<<<<<<< HEAD\n", 3, "merge conflict markers"),
        ("version 2\n", 1, "unknown version"),
        ("version 1\nfile 644 abc x\n", 2, "before any 'scaffold' line"),
        ("version 1\nscaffold a\nfile 600 \(String(repeating: "a", count: 64)) x\n", 3, "expected 'file MODE SHA256 PATH'"),
        ("version 1\nscaffold a\nfile 644 \(String(repeating: "a", count: 64)) ../x\n", 3, "expected 'file MODE SHA256 PATH'"),
        ("version 1\nscaffold a\nscaffold a\n", 3, "appears twice"),
        ("version 1\nwhat\n", 2, "unknown line"),
    ])
    func rejectsDamagedLocks(text: String, line: Int, reason: String) {
        #expect {
            try ScaffoldLock(parsing: text)
        } throws: { error in
            guard let error = error as? ScaffoldLock.FormatError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }
}
