import Testing
@testable import LabKit

@Suite struct DecisionRecordsTests {
    @Test func numbersComeFromFileNames() {
        #expect(DecisionRecords.number(ofFileName: "0003-use-postgres.md") == 3)
        #expect(DecisionRecords.number(ofFileName: "12345-big.md") == 12345)
        #expect(DecisionRecords.number(ofFileName: "003-short.md") == nil)
        #expect(DecisionRecords.number(ofFileName: "0003-use-postgres.txt") == nil)
        #expect(DecisionRecords.number(ofFileName: "README.md") == nil)
        #expect(DecisionRecords.number(ofFileName: "0003x.md") == nil)
    }

    @Test func theNextNumberFollowsTheHighest() {
        #expect(DecisionRecords.nextNumber(after: []) == 1)
        #expect(DecisionRecords.nextNumber(after: [".gitkeep", "README.md"]) == 1)
        // A gap is not reused: numbers only go up, as records are cited by number.
        #expect(DecisionRecords.nextNumber(after: ["0001-a.md", "0007-b.md", "0002-c.md"]) == 8)
        #expect(DecisionRecords.fileName(number: 8, slug: "x") == "0008-x.md")
        #expect(DecisionRecords.fileNames(of: 7, in: ["0001-a.md", "0007-b.md"]) == ["0007-b.md"])
        #expect(DecisionRecords.fileNames(of: 3, in: ["0003-b.md", "0001-a.md", "0003-a.md"]) == ["0003-a.md", "0003-b.md"])
    }

    @Test func frontMatterStatusIsReplacedSurgically() throws {
        let record = "---\r\nstatus: accepted  \r\ndate: 2026-11-01\r\n---\r\n\r\n# A\r\n\r\nstatus: not this one\r\n"
        let edited = try #require(DecisionRecords.settingStatus("superseded by [ADR 0002](0002-b.md)", in: Array(record.utf8)))
        #expect(String(decoding: edited, as: UTF8.self) == record.replacingOccurrences(of: "status: accepted  ", with: "status: superseded by [ADR 0002](0002-b.md)  "))
    }

    @Test func statusLinesAndSectionsAreFound() throws {
        let bullet = "# A\n\n* Status: accepted\n* Date: 2026-11-01\n"
        #expect(try #require(DecisionRecords.settingStatus("superseded", in: Array(bullet.utf8))) == Array("# A\n\n* Status: superseded\n* Date: 2026-11-01\n".utf8))
        let nygard = "# A\n\n## Status\n\nAccepted\n\n## Context\n"
        #expect(try #require(DecisionRecords.settingStatus("Superseded", in: Array(nygard.utf8))) == Array("# A\n\n## Status\n\nSuperseded\n\n## Context\n".utf8))
        #expect(DecisionRecords.settingStatus("x", in: Array("# A\n\nNo status here.\n".utf8)) == nil)
        #expect(DecisionRecords.status(in: Array(nygard.utf8)) == "Accepted")
        #expect(DecisionRecords.status(in: Array(bullet.utf8)) == "accepted")
    }
}
