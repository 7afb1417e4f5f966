import Foundation
import LabKit
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import lab

/// `lab check --format junit`, parsed as XML: one `<testsuite>` per phase, one `<testcase>` per
/// exercise with `<failure>`, `<error>` or `<skipped>`, and every string back as it was — or, for
/// what XML 1.0 cannot hold, as U+FFFD.
@Suite struct JUnitReportTests {
    static let phaseTitles = [1: "Foundations & <basics>", 2: "Cloud", 3: "Writing"]

    static func document(_ report: CheckResult = SampleCheck.result()) throws -> XMLElement {
        let xml = JUnitReport.render(report, phaseTitles: phaseTitles)
        let document = try XMLDocument(xmlString: xml, options: [])
        return try #require(document.rootElement())
    }

    static func attribute(_ element: XMLElement?, _ name: String) -> String? {
        element?.attribute(forName: name)?.stringValue
    }

    /// What XML 1.0 keeps of `text`: the characters it cannot hold become U+FFFD.
    static func xmlSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || value >= 0x10000
            return allowed ? scalar : "\u{FFFD}"
        }))
    }

    @Test func theRootCountsEveryResult() throws {
        let root = try Self.document()
        #expect(root.name == "testsuites")
        #expect(Self.attribute(root, "name") == "Lab <&> \"quoted\"")
        #expect(Self.attribute(root, "tests") == "7")
        // Failures are the failed and timed-out checks; skipped include the manual ones.
        #expect(Self.attribute(root, "failures") == "2")
        #expect(Self.attribute(root, "errors") == "1")
        #expect(Self.attribute(root, "skipped") == "2")
        #expect(Self.attribute(root, "time") == "12.346")
        #expect(Self.attribute(root, "timestamp") == "2026-11-26T15:04:05Z")
    }

    @Test func oneSuitePerPhaseInOrder() throws {
        let suites = try Self.document().elements(forName: "testsuite")
        #expect(suites.map { Self.attribute($0, "name") } == ["Phase 1: Foundations & <basics>", "Phase 2: Cloud", "Phase 3: Writing"])
        #expect(suites.map { Self.attribute($0, "tests") } == ["3", "3", "1"])
        #expect(suites.map { Self.attribute($0, "failures") } == ["1", "1", "0"])
        #expect(suites.map { Self.attribute($0, "errors") } == ["0", "1", "0"])
        #expect(suites.map { Self.attribute($0, "skipped") } == ["0", "1", "1"])
        #expect(Self.attribute(suites.first, "time") == "0.144")
        let cases = suites.map { $0.elements(forName: "testcase") }
        #expect(cases.map { $0.map { Self.attribute($0, "name") } } == [["passing", "unchanged", "failing"], ["slow", "broken", "cloud"], ["essay"]])
        #expect(cases.map { $0.map { Self.attribute($0, "classname") } } == [["phase-1", "phase-1", "phase-1"], ["phase-2", "phase-2", "phase-2"], ["phase-3"]])
        // A phase without a title in lab.yml is named by its number.
        let untitled = try XMLDocument(xmlString: JUnitReport.render(SampleCheck.result(), phaseTitles: [:]), options: [])
        #expect(untitled.rootElement()?.elements(forName: "testsuite").map { Self.attribute($0, "name") } == ["Phase 1", "Phase 2", "Phase 3"])
    }

    @Test func eachResultItsElement() throws {
        let cases = try Self.document().elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
        let children = cases.map { ($0.children ?? []).compactMap { ($0 as? XMLElement)?.name } }
        #expect(children == [[], ["system-out"], ["failure"], ["failure"], ["error"], ["skipped"], ["skipped"]])
        #expect(cases[1].elements(forName: "system-out").first?.stringValue == "up to date")
        let timedOut = cases[3].elements(forName: "failure").first
        #expect(Self.attribute(timedOut, "type") == "timed_out")
        #expect(Self.attribute(timedOut, "message") == "step 1: timed out after 10s")
        let error = cases[4].elements(forName: "error").first
        #expect(Self.attribute(error, "message") == "shell '/bin/nope' not found")
        #expect(error?.stringValue == "shell '/bin/nope' not found")
        #expect(Self.attribute(cases[5].elements(forName: "skipped").first, "message") == "requires terraform (not on PATH)")
        #expect(Self.attribute(cases[6].elements(forName: "skipped").first, "message") == "manual")
        #expect(cases.map { Self.attribute($0, "time") } == ["0.010", "0.000", "0.134", "10.000", "0.000", "0.000", "0.000"])
    }

    @Test func aFailureCarriesItsStepAndTails() throws {
        let failing = try Self.document().elements(forName: "testsuite")[0].elements(forName: "testcase")[2]
        let failure = try #require(failing.elements(forName: "failure").first)
        #expect(Self.attribute(failure, "type") == "failed")
        #expect(Self.attribute(failure, "message") == "step 2: exit 1 (expected 0)")
        let expected = "step 2 of 3 (run): grep -q 'a<b' \"notes & more.md\"\nexit 1 (expected 0)\n"
            + "--- stdout\n" + SampleCheck.coloured + "--- stderr\n" + SampleCheck.controls + "\n"
        #expect(failure.stringValue == Self.xmlSafe(expected))
    }

    /// Names, messages and tails with markup characters, line breaks and every control character
    /// survive a parse: as they were, or as U+FFFD where XML 1.0 has no way to hold them.
    @Test func escapingRoundTrips() throws {
        var everyControl = ""
        for value in 0..<0x20 { everyControl.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let text = "<tag attr=\"v\">&amp; ' ]]> \(everyControl) \u{7F}\u{80}\u{9F} \u{FFFE}\u{FFFF} \u{1F600}"
        var report = CheckResult(lab: text, started: SampleCheck.started)
        var step = SampleCheck.failingStep
        step.command = text
        step.message = text
        step.stdout = text
        report.results = [ExerciseResult(id: "x", phase: 1, title: "x", status: .failed, steps: [step])]
        let xml = JUnitReport.render(report, phaseTitles: [1: text])
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        #expect(Self.attribute(root, "name") == Self.xmlSafe(text))
        let suite = root.elements(forName: "testsuite").first
        #expect(Self.attribute(suite, "name") == "Phase 1: " + Self.xmlSafe(text))
        let failure = suite?.elements(forName: "testcase").first?.elements(forName: "failure").first
        #expect(Self.attribute(failure, "message") == "step 1: " + Self.xmlSafe(text))
        #expect(failure?.stringValue?.contains(Self.xmlSafe(text)) == true)
        // Line breaks in attributes are kept as character references, which a parser does not fold.
        #expect(Self.xmlSafe(text).contains("\n") && Self.xmlSafe(text).contains("\r") && Self.xmlSafe(text).contains("\t"))
    }
}
