/// Numbers printed with a fixed count of decimals, like `%.Nf` but without C varargs: reports
/// print one per exercise, and `String(format:)` costs more than the rest of a line.
public enum FixedDecimal {
    /// `value` with `places` (0–9) decimals, rounded to the nearest (ties to even, on the scaled
    /// value: where `value` is within one rounding error of a tie, printf, which rounds the
    /// exact binary expansion, may print the other neighbour). A value that rounds to zero
    /// prints without a minus sign.
    public static func text(_ value: Double, places: Int) -> String {
        precondition((0...9).contains(places), "FixedDecimal supports 0 to 9 places")
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrEven)
        // Past 2^63 (or not a number) there are no exact decimals to print anyway.
        guard value.isFinite, scaled < 9.2e18 else { return value.description }
        let units = UInt64(scaled)
        var text = value < 0 && units > 0 ? "-" : ""
        text += String(units / scale)
        guard places > 0 else { return text }
        let fraction = String(units % scale)
        text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        return text
    }

    /// A duration in seconds as `lab` prints it: `0.42s` under ten seconds, `12.5s` from there.
    public static func seconds(_ seconds: Double) -> String {
        seconds < 10 ? text(seconds, places: 2) + "s" : text(seconds, places: 1) + "s"
    }
}
