@testable import LabKit
import LabSpec
import Testing

@Suite struct TemplateRendererTests {
    let context = TemplateContext([
        ("lab", .string("Lab <&>")),
        ("phase", .map([("id", .int(2)), ("title", .string("Cloud")), ("weeks", .null)])),
        ("items", .list([.map([("name", .string("a"))]), .map([("name", .string("b")), ("note", .string("n"))])])),
        ("empty", .list([])),
    ])

    func render(_ text: String, partials: [(name: String, source: SourceFile)] = []) throws -> RenderedText {
        try TemplateRenderer(context: context, partials: partials).render(text, name: "t.mustache")
    }

    func error(_ text: String, partials: [(name: String, source: SourceFile)] = []) -> TemplateError? {
        do {
            _ = try render(text, partials: partials)
            return nil
        } catch {
            return error as? TemplateError
        }
    }

    @Test func rendersPlainTextWithoutEscaping() throws {
        let result = try render("{{lab}} / {{{lab}}} / {{&lab}}\n")
        #expect(result.text == "Lab <&> / Lab <&> / Lab <&>\n")
        #expect(result.warnings.isEmpty)
    }

    @Test func keepsLineEndingsAndFirstLine() throws {
        #expect(try render("a\r\n{{phase.id}}\r\nb").text == "a\r\n2\r\nb")
        #expect(try render("\n\nx").text == "\n\nx")
    }

    @Test func sectionsAndNullValues() throws {
        let result = try render("{{#items}}{{name}}{{#note}}({{note}}){{/note}},{{/items}}{{#phase.weeks}}W{{/phase.weeks}}{{^phase.weeks}}none{{/phase.weeks}}[{{phase.weeks}}]")
        #expect(result.text == "a,b(n),none[]")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    @Test func missingVariableIsAWarningNamingFileAndVariable() throws {
        let result = try render("x\n  {{regoin}} {{regoin}} {{phase.titel}}\n{{#empty}}{{ignored}}{{/empty}}")
        #expect(result.text == "x\n    \n")
        #expect(result.warnings.count == 2)
        #expect(result.warnings.first?.description == "t.mustache:2:3: warning: 'regoin' is not in the template context: it renders empty")
        #expect(result.warnings.last?.message == "'phase.titel' is not in the template context: it renders empty")
    }

    @Test func unclosedSectionIsLocatedAtItsOpening() {
        let failure = error("a\nb\n  {{#items}}\nc\n")
        #expect(failure?.diagnostics.first?.description == "t.mustache:3:3: error: section '{{#items}}' is never closed (expected '{{/items}}')")
    }

    @Test func mismatchedCloseAndUnclosedTag() {
        #expect(error("{{#a}}\n x {{/b}}")?.diagnostics.first?.description == "t.mustache:2:4: error: '{{/b}}' does not close the open section 'a'")
        #expect(error("ok\n{{name")?.diagnostics.first?.description == "t.mustache:2:1: error: tag is not closed: no '}}' after it")
    }

    @Test func parserErrorsAreLocatedEvenWithCRLF() {
        #expect(error("ab\r\ncd {{%FOO: x}}\r\n")?.diagnostics.first?.description.hasPrefix("t.mustache:2:") == true)
        let malformed = error("ab\ncd {{na!me}}\n")?.diagnostics.first?.description ?? ""
        #expect(malformed.hasPrefix("t.mustache:2:8: error: malformed tag"), "\(malformed)")
    }

    @Test func missingPartialIsAnError() throws {
        let failure = error("x\n{{> header}}\n")
        #expect(failure?.diagnostics.first?.description == "t.mustache:2:1: error: partial 'header' does not exist")
        let partial = SourceFile(path: "_partials/header.mustache", bytes: Array("# {{lab}} {{nope}}\n".utf8))
        let result = try render("{{> header}}body\n", partials: [("header", partial)])
        #expect(result.text == "# Lab <&> \nbody\n")
        #expect(result.warnings.first?.location?.file == "_partials/header.mustache")
    }

    @Test func invalidUTF8IsAnError() {
        let source = SourceFile(path: "bin.mustache", bytes: [0x61, 0x0A, 0x62, 0xFF])
        #expect(throws: TemplateError.self) { try TemplateRenderer(context: context).render(source) }
    }

    @Test func phaseDocumentTemplate() throws {
        let phase = TemplateContext([
            ("lab", .string("L")),
            ("phase", .map([
                ("id", .int(1)), ("id2", .string("01")), ("title", .string("Foundations")), ("weeks", .string("1–2")),
                ("status", .string("in-progress")), ("objectives", .list([.string("o1")])), ("scope", .list([])),
                ("exercises", .list([
                    .map([("id", .string("e1")), ("title", .string("Do it")), ("hint", .null), ("manual", .bool(false)), ("quiz", .bool(true))]),
                    .map([("id", .string("e2")), ("title", .string("Say it")), ("hint", .null), ("manual", .bool(true)), ("quiz", .bool(false))]),
                ])),
            ])),
        ])
        guard let template = BuiltinSets.templateFiles(of: "phase")?.first(where: { $0.path == "phase.md.mustache" }) else {
            Issue.record("no built-in phase template")
            return
        }
        let result = try TemplateRenderer.render(template, name: "builtin:phase/phase.md.mustache", context: phase)
        // Each item, then what it asks and how it is checked, one line under it.
        #expect(result.text.contains("- [ ] Do it <!-- lab:e1 -->\n  - what it asks and how it is checked: `lab hint e1` · its quiz: `lab quiz e1`\n"), "\(result.text)")
        #expect(result.text.contains("- [ ] Say it <!-- lab:e2 -->\n  - what it asks and how it is checked: `lab hint e2` · done by hand: `lab mark e2`\n"), "\(result.text)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        // The nested line is no task, and the marker still ends its item.
        let document = ChecklistDocument(bytes: Array(result.text.utf8))
        #expect(document.items.map(\.markerID) == ["e1", "e2"])
    }
}

/// Plain-variable templates are rendered by substitution; the result must be swift-mustache's.
@Suite struct TemplateSubstitutionTests {
    @Test func substitutionAgreesWithSwiftMustache() throws {
        let context = TemplateContext([
            ("lab", .string("Lab <&> \"q\"")), ("n", .int(42)), ("x", .double(1.5)), ("big", .double(1e20)), ("yes", .bool(true)),
            ("none", .null), ("list", .list([.string("a")])), ("map", .map([("k", .string("v")), ("deep", .map([("z", .string("é"))]))])),
            ("name-with.dots", .string("odd")),
        ])
        let renderer = TemplateRenderer(context: context)
        let pieces = [
            "{{lab}}", "{{{lab}}}", "{{& lab }}", "{{ n }}", "{{x}}", "{{big}}", "{{yes}}", "{{none}}", "{{missing}}", "{{map.k}}",
            "{{map.deep.z}}", "{{map.nothing}}", "{{list}}", "{{map}}", "{{lab.x}}", "{{map..k}}", "{{.}}", "{{n?}}",
            "text ", "{ brace }", "}}", " {", "\n", "\r\n", "  indented\n", "\t", "é", "{{!comment}}", "{{#yes}}in{{/yes}}",
        ]
        var state: UInt64 = 7
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            let source = SourceFile(path: "t.mustache", bytes: Array(text.utf8))
            let fast = try? renderer.render(source, substituting: true)
            let reference = try? renderer.render(source, substituting: false)
            #expect(fast?.bytes == reference?.bytes, "\(text.debugDescription)")
        }
    }
}
