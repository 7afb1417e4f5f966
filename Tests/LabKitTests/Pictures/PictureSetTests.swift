import Foundation
import LabSpec
import Testing

@testable import LabKit

/// The pictures, checked by structure: well-formed XML, no script or outside reference, the
/// numbers they should show, and text escaped.
@Suite struct PictureSetTests {
    static func facts(
        name: String = "A & <B>", statuses: [PhaseStatus] = [.done, .inProgress, .pending], done: [Int] = [3, 2, 0],
        total: [Int] = [3, 5, 4], passes: [Int] = Array(repeating: 0, count: 10) + [2, 5]
    ) -> PictureFacts {
        let phases = statuses.indices.map { index in
            PictureFacts.PhaseProgress(
                id: index + 1, title: "Theme \"\(index + 1)\" <&>", weeks: index == 1 ? "3–6" : nil, status: statuses[index],
                done: done[index], total: total[index])
        }
        let monday = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23, a Monday
        let weeks = passes.enumerated().map { index, count in
            PictureFacts.Week(start: monday.addingTimeInterval(Double(index - passes.count + 1) * 7 * 86400), passes: count)
        }
        return PictureFacts(lab: name, phases: phases, weeks: weeks)
    }

    static func picture(_ path: String, _ facts: PictureFacts) -> String {
        PictureSet.draw(facts).first { $0.path == path }?.svg ?? ""
    }

    @Test func everyPictureIsWellFormedAndSelfContained() {
        let pictures = PictureSet.draw(Self.facts())
        #expect(pictures.map(\.path) == PictureSet.paths)
        for picture in pictures {
            let (elements, error) = XMLCheck.elements(picture.svg)
            #expect(error == nil, "\(picture.path): \(error ?? "")")
            #expect(elements?.first?.name == "svg" && elements?.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(elements?.contains { $0.name == "title" } == true, "\(picture.path) has a title for screen readers")
            for element in elements ?? [] {
                #expect(!["script", "image", "foreignObject", "style", "a", "use"].contains(element.name), "\(picture.path): <\(element.name)>")
                #expect(element.attributes.keys.allSatisfy { !$0.hasPrefix("on") && !$0.contains("href") }, "\(picture.path): \(element.attributes)")
            }
            // The namespace is the only address: no font, image or style is fetched.
            #expect(picture.svg.components(separatedBy: "http").count == 2, "\(picture.path)")
            #expect(picture.svg.hasSuffix("</svg>\n"))
        }
    }

    @Test func theLabsNameIsEscapedEverywhere() {
        let banner = Self.picture(PictureSet.banner, Self.facts())
        #expect(banner.contains(">A &amp; &lt;B&gt;</text>"))
        #expect(!banner.contains("A & <B>"))
        let (elements, _) = XMLCheck.elements(banner)
        #expect(elements?.contains { $0.name == "text" && $0.text == "A & <B>" } == true)
        #expect(elements?.first?.attributes["aria-label"]?.hasPrefix("A & <B> — Phase 2 · Weeks 3–6: Theme \"2\" <&>") == true)
        let progress = Self.picture(PictureSet.progress, Self.facts())
        #expect(XMLCheck.elements(progress).elements?.contains { $0.text == "A & <B>" } == true)
    }

    static func badge(_ path: String, _ facts: PictureFacts) -> (message: String, color: String?) {
        let elements = XMLCheck.elements(picture(path, facts)).elements ?? []
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        let fill = elements.filter { $0.name == "rect" }.dropFirst(2).first?.attributes["fill"]
        return (texts.last ?? "", fill)
    }

    @Test func theBadgesSayWhereTheLabStands() {
        let facts = Self.facts()
        #expect(Self.badge(PictureSet.statusBadge, facts) == ("in progress", Badge.Color.blue))
        #expect(Self.badge(PictureSet.stageBadge, facts).message == "phase 2 of 3")
        #expect(Self.badge(PictureSet.progressBadge, facts) == ("5/12", Badge.Color.yellow))

        let done = Self.facts(statuses: [.done, .done, .done], done: [3, 5, 4])
        #expect(Self.badge(PictureSet.statusBadge, done) == ("done", Badge.Color.brightGreen))
        #expect(Self.badge(PictureSet.stageBadge, done).message == "all 3 phases done")
        #expect(Self.badge(PictureSet.progressBadge, done) == ("12/12", Badge.Color.brightGreen))

        let fresh = Self.facts(statuses: [.pending, .pending, .pending], done: [0, 0, 0])
        #expect(Self.badge(PictureSet.statusBadge, fresh).message == "not started")
        #expect(Self.badge(PictureSet.stageBadge, fresh).message == "0 of 3 phases done")
        #expect(Self.badge(PictureSet.progressBadge, fresh) == ("0/12", Badge.Color.lightGrey))

        let paused = Self.facts(statuses: [.done, .pending, .pending])
        #expect(Self.badge(PictureSet.statusBadge, paused).message == "paused")
        let two = Self.facts(statuses: [.inProgress, .inProgress, .pending])
        #expect(Self.badge(PictureSet.stageBadge, two).message == "phases 1, 2 of 3")
    }

    @Test func aBadgeIsAsWideAsItsText() {
        let short = Badge(label: "stage", message: "1", color: Badge.Color.blue)
        let long = Badge(label: "stage", message: "phase 12 of 40, and a long tail", color: Badge.Color.blue)
        func width(_ badge: Badge) -> Double { Double(XMLCheck.elements(badge.svg).elements?.first?.attributes["width"] ?? "") ?? 0 }
        #expect(width(short) > 40 && width(long) > width(short) + 100)
    }

    @Test func theProgressPictureHasABarPerPhaseAndTheWeeksPasses() {
        let elements = XMLCheck.elements(Self.picture(PictureSet.progress, Self.facts())).elements ?? []
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("3/3") && texts.contains("2/5") && texts.contains("0/4"))
        #expect(texts.contains("5/12 items ticked"))
        #expect(texts.contains("7 passes in 12 weeks"))
        #expect(texts.filter { ["done", "in progress", "pending"].contains($0) } == ["done", "in progress", "pending"])
        // The week bars: one for each week with a pass, the busiest the tallest.
        let bars = elements.filter { $0.name == "rect" && $0.attributes["fill"] == "#2da44e" && $0.attributes["width"] == "24" }
        let heights = bars.compactMap { Double($0.attributes["height"] ?? "") }
        #expect(heights.count == 2 && heights[1] > heights[0] * 2)
        #expect(texts.contains("Nov 23") && texts.contains("Nov 16"))
        // The phase bars: done full width, in progress 2/5 of it, pending none.
        let phaseBars = elements.filter { $0.name == "rect" && $0.attributes["height"] == "14" && $0.attributes["fill"] != "#eaeef2" }
        #expect(phaseBars.compactMap { $0.attributes["width"] } == ["280", "112"])
    }

    @Test func weeksCountPassesOnlyInUTCWeeks() {
        let now = Date(timeIntervalSince1970: 1_795_705_445)  // Thursday 2026-11-26
        let monday = Date(timeIntervalSince1970: 1_795_392_000)
        let events = [
            JournalEvent(.passed, at: monday, exercise: "a", phase: 1),
            JournalEvent(.passed, at: monday.addingTimeInterval(-1), exercise: "b", phase: 1),
            JournalEvent(.ticked, at: monday, exercise: "a", phase: 1),
            JournalEvent(.passed, at: monday.addingTimeInterval(-200 * 86400), exercise: "old", phase: 1),
        ]
        let weeks = PictureFacts.weeks(of: events, now: now)
        #expect(weeks.count == PictureFacts.weekCount)
        #expect(weeks.last?.start == monday && weeks.last?.passes == 1)
        #expect(weeks[weeks.count - 2].passes == 1)
        #expect(weeks.reduce(0) { $0 + $1.passes } == 2)
    }

    @Test func theBannerNamesThePhaseInProgressOrWhatComesNext() {
        func lines(_ facts: PictureFacts) -> [String] {
            (XMLCheck.elements(Banner.svg(facts)).elements ?? []).filter { $0.name == "text" && $0.attributes["font-size"] != "13" }.map(\.text)
        }
        #expect(lines(Self.facts()) == ["A & <B>", "Phase 2 · Weeks 3–6", "Theme \"2\" <&>"])
        #expect(lines(Self.facts(statuses: [.done, .done, .done]))[1] == "Every phase done")
        #expect(lines(Self.facts(statuses: [.pending, .pending, .pending]))[1] == "Not started yet")
        #expect(lines(Self.facts(statuses: [.done, .pending, .pending])).suffix(2) == ["Between phases", "Next: Theme \"2\" <&>"])
        let long = Banner.svg(Self.facts(name: String(repeating: "A very long lab name ", count: 5)))
        #expect(long.contains("lengthAdjust=\"spacingAndGlyphs\""), "a long name is squeezed to fit, not cut")
    }
}
