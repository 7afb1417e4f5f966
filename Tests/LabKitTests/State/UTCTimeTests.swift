import Foundation
import Testing

@testable import LabKit

/// The state's and journal's times: read and written by hand, exactly as Foundation's ISO 8601
/// style reads and writes them.
@Suite struct UTCTimeTests {
    /// Instants from year 1 to 9999 (those before 1970 are left to Foundation), fractions
    /// included, and the edges of months and leap days.
    static let instants: [Date] = {
        var generator = SystemRandomNumberGenerator()
        var dates = (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: -62_135_596_800..<253_402_300_799, using: &generator).rounded(.down)
                + [0, 0.25, 0.999].randomElement(using: &generator)!)
        }
        for text in ["1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-02-29T12:00:00Z", "2100-02-28T23:59:59Z",
            "2024-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1600-03-01T00:00:00Z"]
        {
            dates.append(try! Date.ISO8601FormatStyle().parse(text))
        }
        return dates
    }()

    @Test func writesWhatFoundationWrites() {
        for date in Self.instants {
            #expect(UTCTime.text(date) == date.formatted(Date.ISO8601FormatStyle()), "\(date.timeIntervalSince1970)")
        }
    }

    /// A time a hair short of a second is that second's predecessor, as Foundation counts it
    /// from the reference date, even where adding the years since 1970 would round it up.
    @Test func aTimeJustShortOfASecond() {
        for whole in stride(from: 790_000_000.0, to: 790_000_050.0, by: 1) {
            let date = Date(timeIntervalSinceReferenceDate: whole.nextDown)
            #expect(UTCTime.text(date) == date.formatted(Date.ISO8601FormatStyle()), "\(whole)")
        }
    }

    @Test func farInstantsAreLeftToFoundation() {
        for date in [Date(timeIntervalSince1970: 1e15), Date(timeIntervalSince1970: -1e12), .distantFuture, .distantPast] {
            #expect(UTCTime.text(date) == date.formatted(Date.ISO8601FormatStyle()))
        }
    }

    @Test func readsWhatFoundationReads() throws {
        for date in Self.instants {
            let text = date.formatted(Date.ISO8601FormatStyle())
            let foundation = try Date.ISO8601FormatStyle().parse(text)
            if date.timeIntervalSince1970 >= 0 {
                #expect(UTCTime.exact(text) == foundation, "\(text)")
            }
            #expect(UTCTime.parse(text) == foundation, "\(text)")
        }
    }

    @Test(arguments: [
        "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T15:60:05Z",
        "2026-11-26 15:04:05Z", "2026-11-26T15:04:05+01:00", "2026-11-26T15:04:05.5Z", "２０２６-11-26T15:04:05Z", "",
    ])
    func leavesEveryOtherShapeToFoundation(_ text: String) {
        #expect(UTCTime.exact(text) == nil)
        #expect(UTCTime.parse(text, fractionalSeconds: true) == (try? Date.ISO8601FormatStyle().parse(text))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)))
    }
}
