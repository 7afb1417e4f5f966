import Foundation

/// Text as an SVG picture holds it: escaped for XML, on one line, and measured well enough to lay
/// it out without a font at hand.
enum SVGText {
    /// `text` as XML character data or an attribute value: `&`, `<`, `>`, `"` and `'` escaped,
    /// line breaks and tabs as spaces, and every character XML 1.0 cannot hold (most control
    /// characters, U+FFFE, U+FFFF) — and the C1 controls it merely discourages — as U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// About how wide `text` is in Verdana (or DejaVu Sans, which a browser without Verdana
    /// takes) at `size` pixels: shields.io lays out its badges from Verdana's widths the same way.
    static func width(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += emWidth(scalar) }
        return ems * size
    }

    /// The advance of one character, in ems, close to Verdana's.
    static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case " ": 0.35
        case "i", "l", "j", "'", "|", "!", ".", ",", ":", ";": 0.3
        case "f", "t", "r", "I", "(", ")", "[", "]", "/", "\\", "-", "·": 0.43
        case "m", "M", "W", "w", "%", "@", "—", "&": 0.95
        case "0"..."9", "#", "$", "+", "=", "<", ">", "~", "_", "?": 0.64
        case "a"..."z": 0.61
        case "A"..."Z": 0.72
        default: scalar.value < 0x80 ? 0.6 : (scalar.value >= 0x2E80 ? 1.0 : 0.68)
        }
    }

    /// `text` cut with `…` so that it fits `width` pixels at `size`.
    static func fitted(_ text: String, width: Double, size: Double) -> String {
        guard self.width(text, size: size) > width else { return text }
        var kept = ""
        var used = emWidth("…") * size
        for character in text {
            let advance = self.width(String(character), size: size)
            if used + advance > width { break }
            kept.append(character)
            used += advance
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A number for an attribute: at most one decimal, no trailing zero.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
