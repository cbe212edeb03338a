import Foundation

/// An article's `ms.date`, as its page shows it: written out in the page's language, with the
/// date itself in the `datetime` attribute.
///
/// Writers give `ms.date` in US order (`04/08/2020` is 8 April), which a French or German
/// reader takes for 4 August; the date is written in words, as the locale writes it, so that
/// no reader has to know the order.
public struct PageDate: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Reads `MM/DD/YYYY` (ms.date's form, one-digit month and day allowed) or `YYYY-MM-DD`;
    /// `nil` for anything else, or a day the calendar does not have (`02/30/2020`).
    public init?(metadata text: String) {
        // Every page reads its date: the bytes are read as they are, and only a date with
        // non-ASCII bytes (white space outside ASCII, say) is trimmed by Foundation first.
        var trimmed = text.utf8.contains(where: { $0 >= 0x80 }) ? text.trimmingCharacters(in: .whitespaces) : text
        guard let (year, month, day) = trimmed.withUTF8(Self.fields),
              (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Year, month and day of `MM/DD/YYYY` or `YYYY-MM-DD` between ASCII spaces or tabs: three
    /// runs of one to four digits split by one kind of separator, the year four digits long.
    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard start < end else { return nil }
        let separator = bytes[start..<end].first { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
        guard let separator else { return nil }
        var numbers: [(value: Int, digits: Int)] = []
        var value = 0, digits = 0
        for byte in bytes[start..<end] {
            if byte == separator {
                numbers.append((value, digits))
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 4 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        numbers.append((value, digits))
        guard numbers.count == 3, numbers.allSatisfy({ $0.digits > 0 }) else { return nil }
        if separator == UInt8(ascii: "/") {
            guard numbers[2].digits == 4 else { return nil }
            return (numbers[2].value, numbers[0].value, numbers[1].value)
        }
        guard numbers[0].digits == 4 else { return nil }
        return (numbers[0].value, numbers[1].value, numbers[2].value)
    }

    /// `YYYY-MM-DD`, what `<time datetime>` takes.
    public var iso: String {
        func padded(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// The date as `style` writes it (midnight UTC of the day, so no time zone moves it).
    public func formatted(_ style: Date.FormatStyle) -> String {
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = Self.calendar.date(from: components) else { return iso }
        return date.formatted(style)
    }

    /// The long date style of `locale` (`8 avril 2020`, `2020年4月8日`), in the Gregorian
    /// calendar ms.date is written in.
    public static func style(locale: String) -> Date.FormatStyle {
        Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: locale), calendar: calendar, timeZone: utc)
    }

    private static let utc = TimeZone(identifier: "UTC")!
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }()

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
