import Foundation

/// How the GitHub Actions runner reads what a step prints (actions/runner, `ActionCommandManager`
/// and `ActionCommand.TryParseV2`/`TryParse`), for asserting that lab's output holds exactly the
/// workflow commands lab meant and what they carry.
///
/// The runner splits the output into lines at LF, CR and CRLF. A line is a command when, with its
/// leading white space trimmed (.NET's `TrimStart`: Unicode White_Space), it starts with `::` and
/// holds a second `::` — `::NAME PROPERTIES::DATA`, properties `k=v` separated by `,` — or when it
/// holds `##[` (the older form). The properties' text is trimmed of white space at both ends, split
/// at `,` and each at its first `=`, empty pieces dropped (so is a property with an empty value).
/// Data is unescaped from `%25`, `%0D`, `%0A`; property values also from `%3A` and `%2C`.
enum ActionsRunner {
    struct Command: Equatable, CustomStringConvertible {
        var name: String
        var properties: [String: String]
        var data: String

        var description: String { "::\(name) \(properties.sorted { $0.key < $1.key })::\(data)" }
    }

    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// The commands the runner finds in `text`, in order.
    static func commands(in text: String) -> [Command] {
        lines(text).compactMap(command)
    }

    /// Whether the runner takes `line` for a command of either form.
    static func isCommand(_ line: String) -> Bool {
        command(line) != nil || line.contains("##[")
    }

    static func command(_ line: String) -> Command? {
        let trimmed = String(String.UnicodeScalarView(line.unicodeScalars.drop { $0.properties.isWhitespace }))
        guard trimmed.hasPrefix("::") else { return nil }
        let rest = trimmed.dropFirst(2)
        guard let separator = rest.range(of: "::") else { return nil }
        let info = rest[..<separator.lowerBound]
        let data = String(rest[separator.upperBound...])
        let name: Substring
        var properties: [String: String] = [:]
        if let space = info.firstIndex(of: " ") {
            name = info[..<space]
            let text = info[info.index(after: space)...].trimmingCharacters(in: .whitespacesAndNewlines)
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                properties[String(parts[0])] = unescape(String(parts[1]), property: true)
            }
        } else {
            name = info
        }
        return Command(name: String(name), properties: properties, data: unescape(data, property: false))
    }

    static func unescape(_ text: String, property: Bool) -> String {
        var out = text
            .replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
        if property {
            out = out.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
        }
        return out.replacingOccurrences(of: "%25", with: "%")
    }
}
