/// Durations as `lab.yml` writes them: `500ms`, `30s`, `2m`, `1h`, `3d`, `2w`, `1m30s`, or a bare number of seconds.
public enum DurationText {
    /// About 31 years: anything longer is a typo, and more would overflow nanoseconds.
    static let maximumSeconds: Double = 1e9

    public static func parse(_ text: String) -> Duration? {
        guard let seconds = seconds(text), seconds < maximumSeconds else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Whether `text` is a duration written right but longer than any `parse` takes.
    public static func isTooLong(_ text: String) -> Bool {
        guard let seconds = seconds(text) else { return false }
        return seconds >= maximumSeconds
    }

    /// The number of seconds `text` writes, however large; nil when it is no duration.
    private static func seconds(_ text: String) -> Double? {
        var bytes = text
        return bytes.withUTF8 { seconds($0, text) }
    }

    /// `seconds(text)`, where `bytes` are the text's bytes.
    private static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Double? {
        guard let last = bytes.last else { return nil }
        // What `Double` reads is a number of seconds. None of its forms ends in the letters s, m, h
        // or w ('d' is a hexadecimal digit): the usual `30s` skips the costly attempt.
        let endsInUnit = last == UInt8(ascii: "s") || last == UInt8(ascii: "m") || last == UInt8(ascii: "h") || last == UInt8(ascii: "w")
        if !endsInUnit, let seconds = Double(text), !text.hasPrefix("+") {
            // `inf` and `nan` are no durations; a number too large for a Double (1e400) is one,
            // too long.
            guard seconds >= 0, !seconds.isNaN, let first = text.first, first.isASCII, first.isNumber || first == "." else { return nil }
            return seconds
        }
        var total: Double = 0
        var index = 0
        while index < bytes.count {
            let numberStart = index
            var wholeNumber = 0
            var isWhole = true
            while index < bytes.count, (bytes[index] >= 48 && bytes[index] <= 57) || bytes[index] == UInt8(ascii: ".") {
                if bytes[index] == UInt8(ascii: ".") { isWhole = false } else { wholeNumber = wholeNumber &* 10 &+ Int(bytes[index] - 48) }
                index += 1
            }
            guard index > numberStart else { return nil }
            let number: Double
            if isWhole && index - numberStart <= 15 {
                // Exact: whole numbers of up to 15 digits are below 2^53.
                number = Double(wholeNumber)
            } else {
                guard let parsed = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<index]), as: UTF8.self)) else { return nil }
                number = parsed
            }
            let unitStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
            let scale: Double
            switch (index - unitStart, bytes[unitStart..<index].first, bytes[unitStart..<index].last) {
            case (2, UInt8(ascii: "m")?, UInt8(ascii: "s")?): scale = 1e-3
            case (1, UInt8(ascii: "s")?, _): scale = 1
            case (1, UInt8(ascii: "m")?, _): scale = 60
            case (1, UInt8(ascii: "h")?, _): scale = 3600
            case (1, UInt8(ascii: "d")?, _): scale = 86_400
            case (1, UInt8(ascii: "w")?, _): scale = 604_800
            default: return nil
            }
            total += number * scale
        }
        return total.isNaN ? nil : total
    }

    /// A short text for a duration: `1.5s`, `250ms`, `2m`.
    public static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let tenths = (seconds * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
        }
        if seconds < 3600, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(seconds / 86_400))d" }
        if seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        return "\(Int(seconds))s"
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
