import Foundation
import LabKit
import Testing

@testable import lab

/// The JSON report `lab check` writes (`CheckReportJSON`, here) reads back (`CheckReportFile`, in
/// LabKit, for `lab merge-reports` and `--durations`) into the result it was written from: written
/// again, it is the same to the byte.
@Suite struct CheckReportRoundTripTests {
    @Test(arguments: [false, true])
    func aReportReadBackWritesTheSameBytes(strict: Bool) throws {
        for var report in [SampleCheck.result(), SampleCheck.result(interrupted: true), SampleCheck.hostileResult()] {
            report.strict = strict
            let written = CheckReportJSON.render(report)
            let read = try CheckReportFile.decode(Array(written.utf8), path: "report.json")
            #expect(CheckReportJSON.render(read) == written)
            #expect(read.results.map(\.status) == report.results.map(\.status))
            #expect(read.results.map(\.item) == report.results.map(\.item))
            #expect(read.results.map(\.missingPrograms) == report.results.map(\.missingPrograms))
            #expect(read.strict == strict && read.ticked == report.ticked && read.regressions == report.regressions)
        }
    }
}
