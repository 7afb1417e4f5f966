/// Surgical edits of `lab.yml`: the bytes of one scalar change, or one line (or one flow entry) is
/// inserted; comments, blank lines, order, quoting, anchors and line endings stay as they were.
public struct LabFileEditor: Sendable {
    public let source: SourceFile
    public let document: YAMLDocument

    public init(source: SourceFile, document: YAMLDocument) {
        self.source = source
        self.document = document
    }

    /// The bytes of `lab.yml` with phase `id`'s `status` set to `status`; the same bytes when it
    /// already is.
    public func settingStatus(_ status: PhaseStatus, ofPhase id: Int) throws(LabEditError) -> [UInt8] {
        guard let phases = document.root["phases"], let items = phases.sequence else {
            throw LabEditError("lab.yml has no 'phases' list")
        }
        guard let phase = items.first(where: { item in
            if case .int(let number)? = item["id"]?.scalar?.resolved { return number == id }
            return false
        }) else {
            throw LabEditError("lab.yml has no phase \(id)")
        }
        if document.isAliased(phases) || document.isAliased(phase) {
            throw LabEditError("phase \(id) is written through an alias, so changing it would change every copy; set 'status: \(status.rawValue)' by hand", at: phase.start)
        }
        guard let pairs = phase.mapping else { throw LabEditError("phase \(id) is not a mapping", at: phase.start) }
        if let pair = pairs.first(where: { $0.key.scalar?.value == "status" && !$0.isMerged }) {
            return try replacing(pair.value, with: status.rawValue, phase: id)
        }
        return try inserting(key: "status", value: status.rawValue, into: phase, phase: id)
    }

    /// The bytes of `lab.yml` with the lab's name (the top-level `lab:` value) set to `name`,
    /// quoted when YAML needs it.
    public func settingName(_ name: String) throws(LabEditError) -> [UInt8] {
        guard let pair = document.root.pair(forKey: "lab"), !pair.isMerged, let scalar = pair.value.scalar else {
            throw LabEditError("lab.yml has no 'lab:' name to change")
        }
        if scalar.value == name { return source.bytes }
        if document.isAliased(pair.value) || scalar.style == .literal || scalar.style == .folded {
            throw LabEditError("the lab's name is not a simple value; change it by hand", at: pair.value.start)
        }
        let bytes = source.bytes
        var start = pair.value.start.offset
        let end = pair.value.end.offset
        if scalar.style == .plain {
            let raw = Array(scalar.value.utf8)
            if end - raw.count >= start, Array(bytes[(end - raw.count)..<end]) == raw { start = end - raw.count }
        } else {
            let quote: UInt8 = scalar.style == .singleQuoted ? UInt8(ascii: "'") : UInt8(ascii: "\"")
            while start < end, bytes[start] != quote { start += 1 }
        }
        return Array(bytes[..<start]) + Array(Self.yamlString(name).utf8) + Array(bytes[end...])
    }

    /// `text` as a YAML scalar: plain when that reads back the same, double-quoted otherwise.
    public static func yamlString(_ text: String) -> String {
        let plainSafe = !text.isEmpty
            && YAMLScalar.resolvePlain(text) == .string
            && text.first != " " && text.last != " " && text.first != "\t" && text.last != "\t"
            && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
            && !"-?:,[]{}#&*!|>'\"%@`".contains(text.first ?? " ")
            && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        if plainSafe { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - Replacing a scalar

    private func replacing(_ node: YAMLNode, with text: String, phase id: Int) throws(LabEditError) -> [UInt8] {
        guard let scalar = node.scalar else {
            throw LabEditError("the status of phase \(id) is not a single value", at: node.start)
        }
        if scalar.value == text && scalar.tag == nil { return source.bytes }
        if document.isAliased(node) {
            throw LabEditError("the status of phase \(id) is an anchor used elsewhere; set it by hand", at: node.start)
        }
        let bytes = source.bytes
        var start = node.start.offset
        let end = node.end.offset
        let written: String
        switch scalar.style {
        case .plain:
            // Skip a tag or anchor in front of the value: only the value's own bytes change.
            let raw = Array(scalar.value.utf8)
            if end - raw.count >= start, Array(bytes[(end - raw.count)..<end]) == raw { start = end - raw.count }
            written = text
        case .singleQuoted, .doubleQuoted:
            let quote: UInt8 = scalar.style == .singleQuoted ? UInt8(ascii: "'") : UInt8(ascii: "\"")
            while start < end, bytes[start] != quote { start += 1 }
            written = scalar.style == .singleQuoted ? "'\(text)'" : "\"\(text)\""
        case .literal, .folded:
            throw LabEditError("the status of phase \(id) is a block scalar; write it as 'status: \(text)' by hand", at: node.start)
        }
        guard start < end, end <= bytes.count else {
            throw LabEditError("cannot find the status of phase \(id) in the file", at: node.start)
        }
        return Array(bytes[..<start]) + Array(written.utf8) + Array(bytes[end...])
    }

    // MARK: - Inserting a key

    /// Keys after which `status` reads naturally, in order of preference (the schema's order).
    private static let anchorKeys = ["weeks", "title", "id"]

    private func inserting(key: String, value: String, into mapping: YAMLNode, phase id: Int) throws(LabEditError) -> [UInt8] {
        let pairs = (mapping.mapping ?? []).filter { !$0.isMerged }
        guard let anchor = Self.anchorKeys.lazy.compactMap({ name in pairs.first { $0.key.scalar?.value == name } }).first
        else {
            throw LabEditError("cannot find where to write the status of phase \(id); add '\(key): \(value)' by hand", at: mapping.start)
        }
        let bytes = source.bytes
        if mapping.collectionStyle == .flow {
            let at = anchor.value.end.offset
            return Array(bytes[..<at]) + Array(", \(key): \(value)".utf8) + Array(bytes[at...])
        }
        let newline = lineEnding()
        let indent = String(repeating: " ", count: max(0, anchor.key.start.column - 1))
        let line = Array((indent + "\(key): \(value)").utf8)
        // Insert after the line on which the anchor's value ends (and its comment, if any).
        var at = min(anchor.value.end.offset, bytes.count)
        if at > 0, bytes[at - 1] == 0x0A || bytes[at - 1] == 0x0D {
            // A block value ends at the start of the next line already.
        } else {
            while at < bytes.count, bytes[at] != 0x0A, bytes[at] != 0x0D { at += 1 }
            if at == bytes.count {
                return bytes + newline + line
            }
            if bytes[at] == 0x0D, at + 1 < bytes.count, bytes[at + 1] == 0x0A { at += 2 } else { at += 1 }
        }
        return Array(bytes[..<at]) + line + newline + Array(bytes[at...])
    }

    /// The file's own line ending: CRLF when its first line break is one.
    private func lineEnding() -> [UInt8] {
        guard let index = source.bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [0x0A] }
        if source.bytes[index] == 0x0D {
            return index + 1 < source.bytes.count && source.bytes[index + 1] == 0x0A ? [0x0D, 0x0A] : [0x0D]
        }
        return [0x0A]
    }
}
