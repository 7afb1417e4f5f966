import Foundation

/// Times as `lab` records them in its state and journal: UTC to the second,
/// `2026-11-26T15:04:05Z`.
///
/// Reading them back is on the path of every `lab check` (one per journal line, one per exercise
/// in the state), and Foundation's ISO 8601 parser costs more per time than the rest of a line's
/// reading: that exact shape is read here, anything else is left to Foundation.
enum UTCTime {
    static let style = Date.ISO8601FormatStyle()

    /// `text` read back; fractional seconds are accepted when `fractionalSeconds` (from a journal
    /// written by hand or by another tool).
    static func parse(_ text: String, fractionalSeconds: Bool = false) -> Date? {
        if let date = exact(text) { return date }
        if let date = try? style.parse(text) { return date }
        guard fractionalSeconds else { return nil }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// `date` as `lab` records it, to the second (a fraction is dropped, as `style` drops it).
    static func text(_ date: Date) -> String {
        // Years 1970 to 9999; Foundation's calendar is not the proleptic one before the 1582 reform.
        // From the reference date, as Foundation counts: adding 978,307,200 in floating point first
        // could round a time just short of a second up to it.
        let interval = date.timeIntervalSinceReferenceDate
        guard interval >= -978_307_200, interval < 252_423_993_600 else { return date.formatted(style) }
        let seconds = Int(interval.rounded(.down)) + 978_307_200
        let days = seconds / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSince1970: days)
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 20)
        func put(_ value: Int, at end: Int, digits: Int) {
            var value = value
            for index in stride(from: end, to: end - digits, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 3, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 6, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 9, digits: 2)
        bytes[10] = UInt8(ascii: "T")
        put(inDay / 3_600, at: 12, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(inDay / 60 % 60, at: 15, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(inDay % 60, at: 18, digits: 2)
        bytes[19] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` naming a real instant from 1970 on, else nil (and Foundation decides:
    /// its calendar is not the proleptic Gregorian one before the 1582 reform).
    static func exact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<(start + count) {
                    let digit = Int(bytes[index]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2),
                year >= 1970, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                hour < 24, minute < 60, second < 60
            else { return nil }
            let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of the proleptic Gregorian calendar `days` after 1970-01-01.
    private static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
