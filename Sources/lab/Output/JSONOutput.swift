import Foundation

/// Every machine-readable shape is a `Codable` type in `Output/JSON/`, written through here:
/// pretty, with keys sorted so the output is stable.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return escapingControls(String(decoding: data, as: UTF8.self))
    }

    /// The encoder escapes C0 controls; DEL and the C1 controls it leaves raw, and a terminal can
    /// act on those. They can only occur inside strings, where `\\uXXXX` means the same.
    static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                out.append(contentsOf: "\\u00\(String(scalar.value, radix: 16))".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// One string as a JSON string literal, quotes and escapes included.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return escapingControls(String(decoding: data, as: UTF8.self))
    }
}
