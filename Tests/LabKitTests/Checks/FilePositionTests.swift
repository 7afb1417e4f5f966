import LabKit
import Testing

/// A place in the lab, written as reports write it (`DOC:LINE`) and read back.
@Suite struct FilePositionTests {
    @Test func writtenAndReadBack() {
        #expect(FilePosition(path: "docs/phases/phase-01.md", line: 7).description == "docs/phases/phase-01.md:7")
        #expect(FilePosition(path: "lab.yml", line: 3, column: 9).description == "lab.yml:3:9")
        #expect(FilePosition(path: "notes.md").description == "notes.md")
        #expect(FilePosition(parsing: "docs/phases/phase-01.md:7") == FilePosition(path: "docs/phases/phase-01.md", line: 7))
        // A colon in the path is kept; only a line number after the last one is taken.
        #expect(FilePosition(parsing: "docs/a:b.md:12") == FilePosition(path: "docs/a:b.md", line: 12))
        #expect(FilePosition(parsing: "docs/a:b.md") == FilePosition(path: "docs/a:b.md"))
        #expect(FilePosition(parsing: "x.md:0") == FilePosition(path: "x.md:0"))
    }
}
