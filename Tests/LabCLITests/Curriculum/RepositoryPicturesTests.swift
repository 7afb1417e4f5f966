import Foundation
import Testing

/// This repository is a lab too: its README shows the banner, the badges and the progress picture
/// `lab` draws, its journal reads, and git merges its journal line by line.
@Suite struct RepositoryPicturesTests {
    @Test func theREADMEsPicturesExistAndTheBannerAndBadgesAreUpToDate() throws {
        let readme = try String(contentsOf: Repository.root.appending(path: "README.md"), encoding: .utf8)
        let shown = Set(readme.components(separatedBy: "](").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) }
            .filter { $0.hasPrefix("assets/") })
        #expect(shown == ["assets/banner.svg", "assets/badges/status.svg", "assets/badges/stage.svg", "assets/badges/progress.svg", "assets/progress.svg"])
        for path in shown {
            let svg = try String(contentsOf: Repository.root.appending(path: path), encoding: .utf8)
            #expect(SVGCheck.xmlProblem(svg) == nil, "\(path)")
        }
        // The progress picture's weeks move on with the calendar; the rest depends on the lab alone.
        let dryRun = try LabProcess.run(["pictures", "--dry-run"], in: Repository.root)
        #expect(dryRun.status == 0 && dryRun.stderr.isEmpty, "\(dryRun)")
        let stale = dryRun.stdout.split(separator: "\n").filter { $0.hasPrefix("would") && !$0.hasSuffix("assets/progress.svg") }
        #expect(stale.isEmpty, "run 'lab pictures' in the repository: \(stale)")
    }

    @Test func theJournalReadsAndMergesByLine() throws {
        let log = try LabProcess.run(["log", "--json"], in: Repository.root)
        #expect(log.status == 0 && log.stderr.isEmpty, "\(log)")
        let attributes = try String(contentsOf: Repository.root.appending(path: ".gitattributes"), encoding: .utf8)
        #expect(attributes.contains(".lab/journal.jsonl merge=union\n"))
    }
}
