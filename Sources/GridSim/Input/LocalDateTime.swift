/// A wall-clock date and time with no time zone attached (the scenario's zone is implied).
///
/// Stored as minutes since 1970-01-01T00:00 local time. Arithmetic on the proleptic Gregorian
/// calendar, done here rather than with `Foundation.Calendar` so that it is exact, fast and the
/// same on every platform.
package struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Minutes since 1970-01-01T00:00 local time.
  package var minutes: Int64

  /// Creates a date-time from minutes since 1970-01-01T00:00.
  package init(minutes: Int64) { self.minutes = minutes }

  /// Creates a date-time from its calendar fields, or nil when a field is out of range.
  package init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
      (0...59).contains(minute)
    else { return nil }
    let days = Self.daysFromCivil(year: year, month: month, day: day)
    minutes = Int64(days) * 1440 + Int64(hour * 60 + minute)
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (seconds must be 00;
  /// a space may stand for the `T`).
  package init?(parsing text: String) {
    let chars = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= chars.count else { return nil }
      var value = 0
      for i in range {
        guard chars[i] >= 48, chars[i] <= 57 else { return nil }
        value = value * 10 + Int(chars[i] - 48)
      }
      return value
    }
    guard chars.count == 10 || chars.count == 16 || chars.count == 19,
      chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
    else { return nil }
    var hour = 0
    var minute = 0
    if chars.count >= 16 {
      guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "), chars[13] == UInt8(ascii: ":"),
        let h = number(11..<13), let m = number(14..<16)
      else { return nil }
      (hour, minute) = (h, m)
      if chars.count == 19 {
        guard chars[16] == UInt8(ascii: ":"), number(17..<19) == 0 else { return nil }
      }
    }
    self.init(year: year, month: month, day: day, hour: hour, minute: minute)
  }

  /// Days since 1970-01-01 (negative before).
  package var dayNumber: Int { Int((minutes >= 0 ? minutes : minutes - 1439) / 1440) }
  /// Minutes since local midnight, 0..<1440.
  package var minuteOfDay: Int { Int(minutes - Int64(dayNumber) * 1440) }
  /// ISO weekday of the date: 1 Monday ... 7 Sunday.
  package var weekday: Int { Self.weekday(ofDay: dayNumber) }
  /// The date's year, month and day.
  package var date: (year: Int, month: Int, day: Int) { Self.civil(fromDays: dayNumber) }

  /// `YYYY-MM-DDTHH:MM`.
  package var description: String {
    let (y, m, d) = date
    let mod = minuteOfDay
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(mod / 60, 2)):\(pad(mod % 60, 2))"
  }

  /// `YYYY-MM-DD`.
  package var dateDescription: String {
    let (y, m, d) = date
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// This date-time moved by a number of minutes (rounded to the nearest minute).
  package func adding(minutes delta: Double) -> LocalDateTime {
    LocalDateTime(minutes: minutes + Int64(delta.rounded()))
  }

  package static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.minutes < b.minutes }

  /// ISO weekday (1 Monday ... 7 Sunday) of a day number; 1970-01-01 was a Thursday.
  package static func weekday(ofDay day: Int) -> Int {
    ((day % 7 + 7 + 3) % 7) + 1
  }

  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  /// Days in a month of a year.
  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Howard Hinnant's days_from_civil.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// Howard Hinnant's civil_from_days.
  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let s = String(value)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension LocalDateTime {
  /// A time as logs and spreadsheets write it: ISO `2026-10-02T06:30` (or with a space), and as
  /// spreadsheets save it, `2026/10/2 6:30` or `2026-10-02 06:30:41`; seconds are dropped (logs
  /// count minutes).
  package init?(spreadsheet text: String) {
    if let t = LocalDateTime(parsing: text) {
      self = t
      return
    }
    let parts = text.replacingOccurrences(of: "T", with: " ").split(
      separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2 || parts.count == 1 else { return nil }
    let date = parts[0].split(separator: parts[0].contains("/") ? "/" : "-", omittingEmptySubsequences: false)
    let clock =
      parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : ["0", "0"]
    guard date.count == 3, clock.count == 2 || clock.count == 3,
      let y = Int(date[0]), date[0].count == 4, let mo = Int(date[1]), let d = Int(date[2]),
      let h = Int(clock[0]),
      let mi = Int(clock[1]), date[1].count <= 2, date[2].count <= 2, clock[0].count <= 2,
      clock[1].count == 2,
      clock.count == 2 || (clock[2].count == 2 && Int(clock[2]).map { (0..<60).contains($0) } == true)
    else { return nil }
    guard let t = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi) else { return nil }
    self = t
  }
}
