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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let slash = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let dash = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let parts: [Substring]
        if slash.count == 3, slash[2].count == 4 {
            parts = [slash[2], slash[0], slash[1]]
        } else if dash.count == 3, dash[0].count == 4 {
            parts = dash
        } else {
            return nil
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
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

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
