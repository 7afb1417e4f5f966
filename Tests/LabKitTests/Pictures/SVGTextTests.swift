import Testing

@testable import LabKit

@Suite struct SVGTextTests {
    @Test(arguments: [
        ("A & <B>", "A &amp; &lt;B&gt;"),
        (#"say "hi" it's"#, "say &quot;hi&quot; it&apos;s"),
        ("two\nlines\tand\r", "two lines and "),
        ("bell\u{07} del\u{7F} c1\u{85} nonchar\u{FFFF}", "bell\u{FFFD} del\u{FFFD} c1\u{FFFD} nonchar\u{FFFD}"),
        ("Phase 1 · Wochen 1–2 · 日本", "Phase 1 · Wochen 1–2 · 日本"),
    ])
    func escaping(_ text: String, _ escaped: String) {
        #expect(SVGText.escaped(text) == escaped)
    }

    @Test func fittingCutsWithAnEllipsis() {
        let long = String(repeating: "word ", count: 40)
        let fitted = SVGText.fitted(long, width: 200, size: 13)
        #expect(fitted.hasSuffix("…") && !fitted.hasSuffix(" …"))
        #expect(SVGText.width(fitted, size: 13) <= 200)
        #expect(SVGText.fitted("short", width: 200, size: 13) == "short")
    }

    @Test(arguments: [(12.0, "12"), (12.04, "12"), (12.25, "12.3"), (0.5, "0.5"), (-3.0, "-3")])
    func numbers(_ value: Double, _ text: String) {
        #expect(SVGText.number(value) == text)
    }
}
