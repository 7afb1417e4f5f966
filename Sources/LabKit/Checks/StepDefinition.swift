import LabSpec

/// The canonical text of a step's kind and every key it holds, for the fingerprint: any change
/// to a key changes the text, and no two different steps share one. Strings end with NUL, which
/// no value of `lab.yml` can hold, so that no value can pass for the next one.
enum StepDefinition {
    static func text(of step: Step) -> String {
        switch step.action {
        case .run(let command):
            return "run \(command)\u{0}\n"
        case .file(let check):
            // Written as before the other keys existed, so that a lab's fingerprints survive the upgrade.
            var text = "file \(check.path)\u{0}\(check.contains.joined(separator: "\u{0}"))\u{0}\n"
            if !check.notContains.isEmpty { text += "not-contains " + list(check.notContains) + "\n" }
            if !check.matches.isEmpty { text += "matches " + list(check.matches) + "\n" }
            if let mode = check.mode { text += "mode \(mode)\n" }
            if let type = check.type { text += "type \(type.rawValue)\n" }
            if let target = check.linksTo { text += "links-to \(target)\u{0}\n" }
            if let size = check.sizeGreaterThan { text += "size-gt \(size)\n" }
            return text
        case .http(let check):
            var text = "http \(check.url)\u{0}method \(check.method)\u{0}"
            text += "headers " + check.headers.map { "\($0.name)\u{0}\($0.value)\u{0}" }.joined() + "\u{0}"
            text += "body " + (check.body.map { "1\($0)\u{0}" } ?? "0") + " insecure \(check.insecure) ca " + (check.ca.map { "1\($0)\u{0}" } ?? "0")
            text += " follow \(check.follow)\n"
            let expect = check.expect
            text += "http-expect status " + expect.status.map(String.init).joined(separator: ",") + "\u{0}body " + list(expect.body)
            text += "body-matches " + (expect.bodyMatches.map { "1\($0)\u{0}" } ?? "0")
            text += " headers " + expect.headers.map { "\($0.name)\u{0}\($0.value)\u{0}" }.joined() + "\u{0}"
            text += " json " + expect.json.map(Self.text(of:)).joined(separator: "\u{0}") + "\n"
            return text
        case .tcp(let check):
            return "tcp \(check.host)\u{0}\(check.port) listening \(check.listening)\n"
        case .dns(let check):
            return "dns \(check.name)\u{0}type \(check.type?.rawValue ?? "any") addresses " + list(check.addresses) + "\n"
        case .document(let check):
            var text = "\(check.format.rawValue) \(check.path)\u{0}document "
            switch check.document {
            case nil: text += "none"
            case .index(let index)?: text += "\(index)"
            case .any?: text += "any"
            }
            return text + " " + self.text(of: check.check) + "\n"
        case .quiz(let check):
            // The questions' digest: a quiz whose questions change is checked again.
            return "quiz \(QuizRecord.digest(of: check))\n"
        case .note(let check):
            var text = "note \(check.path)\u{0}sections " + list(check.sections)
            text += " min-words " + (check.minWords.map(String.init) ?? "nil") + " links " + (check.links.map(String.init) ?? "nil")
            text += " code " + list(check.code) + " no-placeholders \(check.noPlaceholders)\n"
            return text
        }
    }

    static func text(of check: ValueCheck) -> String {
        let expect = check.expect
        var text = "query \(check.query.text)\u{0}"
        text += "equals " + (expect.equals.map { "1" + value($0) } ?? "0")
        text += " contains " + expect.contains.map(value).joined() + "\u{0}"
        text += " matches " + (expect.matches.map { "1\($0)\u{0}" } ?? "0")
        text += " exists " + (expect.exists.map { "\($0)" } ?? "nil")
        for limit in [expect.greaterThan, expect.lessThan, expect.atLeast, expect.atMost] {
            text += " " + (limit.map { "\($0.bitPattern)" } ?? "nil")
        }
        return text
    }

    /// A value with its kind, so that `2` and `"2"` differ.
    static func value(_ value: DataValue) -> String {
        switch value {
        case .null: return "n"
        case .bool(let flag): return flag ? "t" : "f"
        case .number(let number): return "d\(number.bitPattern);"
        case .string(let text): return "s\(text)\u{0}"
        case .list(let items): return "l\(items.count);" + items.map(self.value).joined()
        case .mapping(let members): return "m\(members.count);" + members.map { "\($0.key)\u{0}" + self.value($0.value) }.joined()
        }
    }

    private static func list(_ items: [String]) -> String {
        "\(items.count);" + items.map { $0 + "\u{0}" }.joined()
    }
}
