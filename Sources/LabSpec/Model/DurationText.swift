/// Durations as `lab.yml` writes them: `500ms`, `30s`, `2m`, `1h`, `3d`, `2w`, `1m30s`, or a bare number of seconds.
public enum DurationText {
    /// About 31 years: anything longer is a typo, and more would overflow nanoseconds.
    static let maximumSeconds: Double = 1e9

    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if let seconds = Double(text), !text.hasPrefix("+") {
            guard seconds.isFinite, seconds >= 0, seconds < maximumSeconds else { return nil }
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        var total: Double = 0
        var index = 0
        while index < bytes.count {
            let numberStart = index
            while index < bytes.count, (bytes[index] >= 48 && bytes[index] <= 57) || bytes[index] == UInt8(ascii: ".") {
                index += 1
            }
            guard index > numberStart,
                let number = Double(String(decoding: bytes[numberStart..<index], as: UTF8.self))
            else { return nil }
            let unitStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
            let scale: Double
            switch String(decoding: bytes[unitStart..<index], as: UTF8.self) {
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            case "w": scale = 604_800
            default: return nil
            }
            total += number * scale
        }
        guard total.isFinite, total < maximumSeconds else { return nil }
        return .nanoseconds(Int64((total * 1e9).rounded()))
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
