import Foundation
import LabSpec

/// Finds the tags of a Mustache template and how its sections nest, with the byte offset of each,
/// without rendering it: for locating errors precisely and for checking the names a template uses.
///
/// It follows the syntax swift-mustache parses (set delimiters, `{{{triple}}}`, `&`, sections,
/// inverted sections, partials, parents and blocks, comments, pragmas); whatever else that parser
/// rejects is reported by the parser itself.
struct TemplateScanner {
    struct Tag: Sendable {
        enum Kind: Sendable, Equatable {
            case variable, unescaped, section, inverted, close, partial, dynamicPartial, parent, block
            case comment, delimiters, pragma
        }

        var kind: Kind
        /// The name inside the tag, trimmed; transforms such as `empty(x)` are kept.
        var name: String
        /// Byte offset of the tag's opening delimiter.
        var offset: Int
        /// Byte offset just past its closing delimiter.
        var end: Int = 0

        /// What the tag looks like in messages: `{{#name}}`.
        var display: String {
            let sigil: String
            switch kind {
            case .section: sigil = "#"
            case .inverted: sigil = "^"
            case .close: sigil = "/"
            case .partial: sigil = ">"
            case .dynamicPartial: sigil = ">*"
            case .parent: sigil = "<"
            case .block: sigil = "$"
            case .unescaped: sigil = "&"
            default: sigil = ""
            }
            return "{{\(sigil)\(name)}}"
        }

        var opensSection: Bool { [.section, .inverted, .parent, .block].contains(kind) }
    }

    /// A tag, or a section with the nodes between its opening and closing tags.
    indirect enum Node: Sendable {
        case tag(Tag)
        case section(Tag, [Node])
    }

    let source: SourceFile

    /// The template's nodes, or an error located at the offending tag.
    /// How deep sections may nest: a template of thousands of nested sections overflowed the
    /// stack of the renderer (and of the tree's release) — a crash, not an error.
    static let maximumDepth = 100

    func scan() throws(TemplateError) -> [Node] {
        let bytes = source.bytes
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var stack: [(tag: Tag, children: [Node])] = [(Tag(kind: .section, name: "", offset: 0), [])]
        var index = 0
        while let start = Self.find(open, in: bytes, from: index) {
            var cursor = start + open.count
            let sigil = cursor < bytes.count ? bytes[cursor] : 0
            var tag: Tag
            switch sigil {
            case UInt8(ascii: "{"):
                guard let end = Self.find(close, in: bytes, from: cursor + 1),
                    end + close.count < bytes.count, bytes[end + close.count] == UInt8(ascii: "}")
                else { throw unclosed(at: start, close: close + [UInt8(ascii: "}")]) }
                tag = Tag(kind: .unescaped, name: Self.trimmed(bytes[(cursor + 1)..<end]), offset: start)
                cursor = end + close.count + 1
            case UInt8(ascii: "="):
                let terminator = [UInt8(ascii: "=")] + close
                guard let end = Self.find(terminator, in: bytes, from: cursor + 1) else {
                    throw unclosed(at: start, close: terminator)
                }
                let parts = bytes[(cursor + 1)..<end].split(whereSeparator: Self.isSpace)
                guard parts.count == 2 else {
                    throw TemplateError(
                        "malformed set-delimiter tag: write it as {{=<% %>=}}", in: source, at: start)
                }
                tag = Tag(kind: .delimiters, name: "", offset: start)
                open = Array(parts[0])
                close = Array(parts[1])
                cursor = end + terminator.count
            default:
                guard let end = Self.find(close, in: bytes, from: cursor) else {
                    throw unclosed(at: start, close: close)
                }
                tag = Self.tag(bytes[cursor..<end], offset: start)
                cursor = end + close.count
            }
            index = cursor
            tag.end = cursor
            switch tag.kind {
            case .close:
                guard stack.count > 1, let last = stack.popLast() else {
                    throw TemplateError("'\(tag.display)' closes no open section", in: source, at: start)
                }
                guard last.tag.name == tag.name else {
                    throw TemplateError(
                        "'\(tag.display)' does not close the open section '\(last.tag.name)'", in: source, at: start,
                        notes: [Diagnostic.Note("the section opens here", at: location(last.tag.offset))])
                }
                stack[stack.count - 1].children.append(.section(last.tag, last.children))
            case _ where tag.opensSection:
                // Deeper than any template needs, and short of what the renderer's recursion takes.
                guard stack.count <= Self.maximumDepth else {
                    throw TemplateError("sections nested more than \(Self.maximumDepth) deep", in: source, at: start)
                }
                stack.append((tag, []))
            default:
                stack[stack.count - 1].children.append(.tag(tag))
            }
        }
        if stack.count > 1, let unclosed = stack.last {
            throw TemplateError(
                "section '\(unclosed.tag.display)' is never closed (expected '{{/\(unclosed.tag.name)}}')",
                in: source, at: unclosed.tag.offset)
        }
        return stack[0].children
    }

    private func location(_ offset: Int) -> Diagnostic.Location {
        source.location(source.mark(atByte: offset))
    }

    private func unclosed(at offset: Int, close: [UInt8]) -> TemplateError {
        TemplateError("tag is not closed: no '\(String(decoding: close, as: UTF8.self))' after it", in: source, at: offset)
    }

    private static func tag(_ content: ArraySlice<UInt8>, offset: Int) -> Tag {
        guard let first = content.first else { return Tag(kind: .variable, name: "", offset: offset) }
        let rest = content.dropFirst()
        switch first {
        case UInt8(ascii: "#"): return Tag(kind: .section, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "^"): return Tag(kind: .inverted, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "/"): return Tag(kind: .close, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "!"): return Tag(kind: .comment, name: "", offset: offset)
        case UInt8(ascii: "%"): return Tag(kind: .pragma, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "&"): return Tag(kind: .unescaped, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "$"): return Tag(kind: .block, name: trimmed(rest), offset: offset)
        case UInt8(ascii: "<"): return Tag(kind: .parent, name: trimmed(rest), offset: offset)
        case UInt8(ascii: ">"):
            let name = trimmed(rest)
            if name.hasPrefix("*") {
                return Tag(kind: .dynamicPartial, name: String(name.dropFirst()), offset: offset)
            }
            return Tag(kind: .partial, name: name, offset: offset)
        default: return Tag(kind: .variable, name: trimmed(content), offset: offset)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The offset of the first occurrence of `needle` in `bytes` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, needle.count <= bytes.count, start >= 0 else { return nil }
        let last = bytes.count - needle.count
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = start
            while index <= last {
                // memchr finds the first byte many at a time; the rest is compared here.
                guard let hit = memchr(base + index, Int32(head), last - index + 1) else { return nil }
                let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var matched = 1
                while matched < needle.count, buffer[found + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return found }
                index = found + 1
            }
            return nil
        }
    }
}
