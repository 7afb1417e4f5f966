import LabSpec
import Mustache

/// Renders Mustache templates as plain text (no HTML escaping) with one context and a set of
/// partials: scaffold files and paths, and the phase document.
///
/// swift-mustache escapes HTML unless told otherwise and renders a missing partial or variable as
/// nothing; this renderer makes it plain text, turns a missing partial into a located error, and
/// reports each variable the context lacks as a warning.
public struct TemplateRenderer {
    public let context: TemplateContext
    private let root: [String: Any]
    private let library: MustacheLibrary
    private var partials: [String: Partial] = [:]
    /// The text of each plain variable met so far: the same few names recur in every file.
    private let plainValues = PlainValues()

    /// How each name met at the top level of a template resolves in the context: the same for
    /// every file rendered with it.
    private let topLevel = TopLevelResolutions()

    private final class PlainValues {
        var texts: [String: String?] = [:]
    }

    private final class TopLevelResolutions {
        var resolutions: [String: NameChecker.Resolution] = [:]
    }

    private struct Partial {
        var source: SourceFile
        var nodes: [TemplateScanner.Node]
        /// Why the partial cannot be used, when it has errors.
        var error: TemplateError?
    }

    /// Told to swift-mustache before every template: render as text, not HTML. On a line of its own
    /// it is a standalone tag and leaves no trace in the output; errors are one line lower.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT }}\n"

    /// - Parameters:
    ///   - context: the values templates see.
    ///   - partials: templates usable as `{{> name}}`, by name.
    public init(context: TemplateContext, partials: [(name: String, source: SourceFile)] = []) {
        self.context = context
        root = Self.mustacheValue(of: context.value) as? [String: Any] ?? [:]
        var library = MustacheLibrary()
        for (name, source) in partials {
            var partial = Partial(source: source, nodes: [])
            do {
                let text = try Self.text(of: source)
                partial.nodes = try TemplateScanner(source: source).scan()
                library.register(try Self.parse(text, source: source), named: name)
            } catch {
                partial.error = error
            }
            self.partials[name] = partial
        }
        self.library = library
    }

    /// Renders `template`, whose path is shown in messages as `name`.
    public static func render(_ template: TemplateFile, name: String, context: TemplateContext) throws(TemplateError) -> RenderedText {
        try TemplateRenderer(context: context).render(SourceFile(path: name, bytes: template.bytes))
    }

    /// Renders `text`, shown in messages as `name`.
    public func render(_ text: String, name: String) throws(TemplateError) -> RenderedText {
        try render(SourceFile(path: name, bytes: Array(text.utf8)))
    }

    /// Renders a template file: its bytes as plain text, or an error located in it.
    public func render(_ source: SourceFile) throws(TemplateError) -> RenderedText {
        try render(source, substituting: true)
    }

    /// `substituting: false` always goes through swift-mustache (tests compare the two).
    func render(_ source: SourceFile, substituting: Bool) throws(TemplateError) -> RenderedText {
        let text = try Self.text(of: source)
        let nodes = try TemplateScanner(source: source).scan()
        var checker = NameChecker(root: context.value, partials: partials, topLevel: topLevel.resolutions)
        checker.check(nodes, in: source)
        topLevel.resolutions = checker.topLevel
        if !checker.errors.isEmpty {
            throw TemplateError(checker.errors, sources: checker.sources)
        }
        let sources = checker.warnings.isEmpty ? [] : checker.sources
        if substituting, let bytes = substituteVariables(nodes, in: source.bytes) {
            return RenderedText(bytes: bytes, warnings: checker.warnings, sources: sources)
        }
        let template = try Self.parse(text, source: source)
        let output = template.render(root, library: library)
        return RenderedText(bytes: Array(output.utf8), warnings: checker.warnings, sources: sources)
    }

    /// Renders a template whose only tags are plain variables (`{{a.b}}`, `{{{a}}}`, `{{&a}}`) by
    /// substitution, giving what swift-mustache gives; nil for any other template.
    ///
    /// Most scaffold files are of this kind, and swift-mustache's parser takes time quadratic in
    /// the length of a file full of `{` (every brace makes it measure the rest of the text), which
    /// dominated rendering a large template set.
    func substituteVariables(_ nodes: [TemplateScanner.Node], in bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for node in nodes {
            guard case .tag(let tag) = node, tag.kind == .variable || tag.kind == .unescaped else { return nil }
            let value: String?
            if let known = plainValues.texts[tag.name] {
                value = known
            } else {
                value = Self.plainValue(named: tag.name, in: context.value)
                plainValues.texts[tag.name] = .some(value)
            }
            guard let value else { return nil }
            output.append(contentsOf: bytes[copied..<tag.offset])
            output.append(contentsOf: value.utf8)
            copied = tag.end
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    private static let plainNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*".utf8)

    /// The text of a variable as swift-mustache renders it in a text template, when its name is
    /// plain and its value a scalar: "" when missing, nil when only swift-mustache knows.
    private static func plainValue(named name: String, in root: TemplateValue) -> String? {
        guard !name.isEmpty, !name.hasPrefix("."), name.utf8.allSatisfy(plainNameCharacters.contains) else { return nil }
        var value = root
        for segment in name.split(separator: ".") {
            guard case .map(let entries) = value else { return nil }
            guard let child = entries.first(where: { $0.0 == segment })?.1 else { return "" }
            value = child
        }
        switch value {
        case .null: return ""
        case .bool(let flag): return String(describing: flag)
        case .int(let number): return String(describing: number)
        case .double(let number): return String(describing: number)
        case .string(let text): return text
        case .list, .map: return nil
        }
    }

    /// Whether `text` holds a tag at all; text without one renders as itself.
    static func hasTags(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    private static func text(of source: SourceFile) throws(TemplateError) -> String {
        guard let text = String(validating: source.bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8(in: source.bytes)
            throw TemplateError("template is not valid UTF-8 text (rename it without '.mustache' to copy it as is)", in: source, at: offset)
        }
        return text
    }

    /// The byte offset of the first byte that is not part of a valid UTF-8 sequence.
    private static func firstInvalidUTF8(in bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    private static func parse(_ text: String, source: SourceFile) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(message(for: error.error), in: source, at: offset(of: error, text: text, source: source))
        } catch {
            throw TemplateError("cannot parse the template: \(error)", in: source, at: nil)
        }
    }

    /// The byte offset swift-mustache's error points at. Its column counts back to a `\n`
    /// character, which a CRLF line never holds, so the position comes from a copy with LF endings.
    private static func offset(of error: MustacheTemplate.ParserError, text: String, source: SourceFile) -> Int? {
        var context = error.context
        if source.bytes.contains(0x0D) {
            let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            do {
                _ = try MustacheTemplate(string: textPragma + normalized)
            } catch let error as MustacheTemplate.ParserError {
                context = error.context
            } catch {}
        }
        let line = context.lineNumber - 1
        guard line >= 1, line <= source.lineStarts.count else { return nil }
        let start = source.lineStarts[line - 1]
        let end = line < source.lineStarts.count ? source.lineStarts[line] : source.bytes.count
        let lineText = String(decoding: source.bytes[start..<end], as: UTF8.self)
        let prefix = lineText.prefix(max(0, context.columnNumber - 1))
        return start + prefix.utf8.count
    }

    private static func message(for error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "cannot parse the template: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "closing tag does not match the open section"
        case .unfinishedName:
            return "malformed tag: a name holds letters, digits, '.', '-', '_', '?', '*', and ends with the closing delimiter"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "malformed set-delimiter tag: write it as {{=<% %>=}}"
        case .transformAppliedToInheritanceSection: return "a block cannot take a transform"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "only blocks ({{$name}}…{{/name}}) may appear inside a parent tag"
        case .invalidConfigVariableSyntax: return "malformed pragma: write it as {{% CONTENT_TYPE: TEXT }}"
        case .unrecognisedConfigVariable: return "unknown pragma: the only one is CONTENT_TYPE (TEXT or HTML)"
        }
    }

    /// The value swift-mustache renders: dictionaries, arrays, strings, numbers, booleans.
    static func mustacheValue(of value: TemplateValue) -> Any {
        switch value {
        case .null: return NullValue()
        case .bool(let flag): return flag
        case .int(let number): return number
        case .double(let number): return number
        case .string(let text): return text
        case .list(let items): return items.map(mustacheValue)
        case .map(let entries):
            var dictionary: [String: Any] = [:]
            for (key, value) in entries where dictionary[key] == nil { dictionary[key] = mustacheValue(of: value) }
            return dictionary
        }
    }

    /// A `null` of `vars`: present, so not reported as missing, but rendered empty and false.
    struct NullValue: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    // MARK: - Names the context lacks

    /// Walks a template's sections as rendering would, resolving every name against the context,
    /// to warn about names it lacks and to fail on partials that do not exist.
    private struct NameChecker {
        /// A level of the context stack: the values a section pushed (one per list element), or
        /// `nil` when unknown (a transform's result), which then resolves every name.
        typealias Frame = [TemplateValue]?

        var frames: [Frame]
        let partials: [String: Partial]
        var warnings: [Diagnostic] = []
        var errors: [Diagnostic] = []
        var sources: [SourceFile] = []
        private var warned: Set<String> = []
        /// The partials being checked, outermost first.
        private var activePartials: [String] = []

        init(root: TemplateValue, partials: [String: Partial], topLevel: [String: Resolution] = [:]) {
            frames = [[root]]
            self.partials = partials
            self.topLevel = topLevel
        }

        enum Resolution {
            case found([TemplateValue])
            case unknown
            case missing
        }

        mutating func check(_ nodes: [TemplateScanner.Node], in source: SourceFile) {
            if !sources.contains(where: { $0.path == source.path }) { sources.append(source) }
            for node in nodes {
                switch node {
                case .tag(let tag):
                    switch tag.kind {
                    case .variable, .unescaped, .dynamicPartial:
                        if case .missing = resolve(tag.name) { warn(tag, in: source, effect: "it renders empty") }
                    case .partial:
                        usePartial(tag, in: source)
                    default:
                        break
                    }
                case .section(let tag, let children):
                    switch tag.kind {
                    case .section:
                        switch resolve(tag.name) {
                        case .missing:
                            warn(tag, in: source, effect: "the section is skipped")
                        case .unknown:
                            within(nil) { $0.check(children, in: source) }
                        case .found(let values):
                            let rendered = values.filter(Self.isTruthy)
                            if !rendered.isEmpty {
                                within(rendered.flatMap(Self.pushed)) { $0.check(children, in: source) }
                            }
                        }
                    case .inverted:
                        if case .missing = resolve(tag.name) {
                            warn(tag, in: source, effect: "the inverted section always renders")
                        }
                        check(children, in: source)
                    case .parent:
                        usePartial(tag, in: source)
                        check(children, in: source)
                    default:
                        check(children, in: source)
                    }
                }
            }
        }

        private mutating func within(_ frame: Frame, _ body: (inout NameChecker) -> Void) {
            frames.append(frame)
            body(&self)
            frames.removeLast()
        }

        private mutating func usePartial(_ tag: TemplateScanner.Tag, in source: SourceFile) {
            guard let partial = partials[tag.name] else {
                let known = partials.keys.sorted()
                errors.append(.error(
                    "partial '\(tag.name)' does not exist", at: location(tag, in: source),
                    notes: [Diagnostic.Note(known.isEmpty
                        ? "partials are the '.mustache' files under the template set's '_partials/' folder; this set has none"
                        : "the partials are " + known.map { "'\($0)'" }.joined(separator: ", "))],
                    suggestion: Suggestion.closest(to: tag.name, in: known)))
                return
            }
            if let error = partial.error {
                errors.append(.error("partial '\(tag.name)' has errors", at: location(tag, in: source)))
                errors += error.diagnostics
                sources += error.sources
                return
            }
            // A partial that includes itself, directly or through others, would be rendered until
            // the stack overflows whenever the data does not end the recursion: refused.
            if let first = activePartials.firstIndex(of: tag.name) {
                let cycle = (activePartials[first...] + [tag.name]).joined(separator: " → ")
                errors.append(.error(
                    "partial '\(tag.name)' includes itself (\(cycle))", at: location(tag, in: source),
                    notes: [Diagnostic.Note("lab renders no recursive partials: write the levels out")]))
                return
            }
            activePartials.append(tag.name)
            check(partial.nodes, in: partial.source)
            activePartials.removeLast()
        }

        private func location(_ tag: TemplateScanner.Tag, in source: SourceFile) -> Diagnostic.Location {
            source.location(source.mark(atByte: tag.offset))
        }

        private mutating func warn(_ tag: TemplateScanner.Tag, in source: SourceFile, effect: String) {
            let name = Self.variable(in: tag.name)
            guard warned.insert(source.path + "\u{0}" + name).inserted else { return }
            let known = knownNames()
            warnings.append(.warning(
                "'\(name)' is not in the template context: \(effect)", at: location(tag, in: source),
                notes: [Diagnostic.Note("the context has " + (known.isEmpty ? "nothing" : known.map { "'\($0)'" }.joined(separator: ", ")))],
                suggestion: Suggestion.closest(to: name, in: known)))
        }

        /// Top-level names, and the names of the sections being rendered.
        private func knownNames() -> [String] {
            var names: [String] = []
            for frame in frames.reversed() {
                for value in frame ?? [] {
                    if case .map(let entries) = value {
                        for (key, _) in entries where !names.contains(key) { names.append(key) }
                    }
                }
            }
            return names
        }

        /// `x` of `empty(x)`, `a.b` of `a.b`; empty for `first()`.
        static func variable(in name: String) -> String {
            guard let open = name.lastIndex(of: "(") else { return name }
            let rest = name[name.index(after: open)...]
            return String(rest.prefix { $0 != ")" })
        }

        /// Resolutions at the top level, where most tags are, by tag name.
        private(set) var topLevel: [String: Resolution]

        mutating func resolve(_ tagName: String) -> Resolution {
            guard frames.count == 1 else { return resolveInFrames(tagName) }
            if let known = topLevel[tagName] { return known }
            let resolution = resolveInFrames(tagName)
            topLevel[tagName] = resolution
            return resolution
        }

        private func resolveInFrames(_ tagName: String) -> Resolution {
            let name = Self.variable(in: tagName)
            if name.isEmpty || name == "." { return .unknown }
            let segments = name.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) }
            guard let first = segments.first else { return .unknown }
            let searched = name.hasPrefix(".") ? Array(frames.suffix(1)) : frames
            var values: [TemplateValue]?
            for frame in searched.reversed() {
                guard let frame else { return .unknown }
                let found = frame.compactMap { Self.child(first, of: $0) }
                if !found.isEmpty {
                    values = found
                    break
                }
            }
            guard var current = values else { return .missing }
            for segment in segments.dropFirst() {
                current = current.compactMap { Self.child(segment, of: $0) }
                if current.isEmpty { return .missing }
            }
            return tagName.utf8.contains(UInt8(ascii: "(")) ? .unknown : .found(current)
        }

        static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
            guard case .map(let entries) = value else { return nil }
            return entries.first { $0.0 == name }?.1
        }

        /// Whether swift-mustache renders a section for this value.
        static func isTruthy(_ value: TemplateValue) -> Bool {
            switch value {
            case .null: return false
            case .bool(let flag): return flag
            case .list(let items): return !items.isEmpty
            default: return true
            }
        }

        /// What a rendered section puts on the context stack: each element of a list, a map itself.
        static func pushed(_ value: TemplateValue) -> [TemplateValue] {
            switch value {
            case .list(let items): return items
            case .map: return [value]
            default: return []
            }
        }
    }
}
