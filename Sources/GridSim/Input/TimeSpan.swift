/// A length of calendar time written with its unit, such as `"30 min"`, `"1.5 h"` or `"3 days"`.
package struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The length in minutes.
  package var minutes: Double

  /// Creates a span of minutes.
  package init(minutes: Double) { self.minutes = minutes }

  /// The units accepted, with their length in minutes; the first name of each is the canonical one.
  package static let units: [(names: [String], minutes: Double)] = [
    (["s", "sec", "secs", "second", "seconds", "秒"], 1.0 / 60),
    (["min", "mins", "minute", "minutes", "分钟"], 1),
    (["h", "hr", "hrs", "hour", "hours", "小时"], 60),
    (["d", "day", "days", "天"], 1440),
    (["w", "week", "weeks", "周"], 10080),
  ]

  /// The longest span accepted anywhere: 100 years.
  package static let maximum = TimeSpan(minutes: 100 * 366 * 1440)

  /// Parses `"<number> <unit>"` (the space is optional); nil when it is not of that form.
  package init?(parsing text: String) {
    let chars = Array(text.stripped())
    var split = 0
    while split < chars.count, chars[split].isASCII,
      chars[split].isNumber || chars[split] == "." || chars[split] == "+" || chars[split] == "-"
        || (chars[split] == "e" && split > 0 && split + 1 < chars.count
          && (chars[split + 1].isNumber || chars[split + 1] == "-"))
    {
      split += 1
    }
    let unitText = String(chars[split...]).stripped().lowercased()
    guard let value = Double(String(chars[..<split])), value.isFinite,
      let unit = Self.units.first(where: { $0.names.contains(unitText) })
    else { return nil }
    minutes = value * unit.minutes
  }

  /// The span in the largest unit that keeps it short: `"90 min"`, `"2 h"`, `"3 days"`.
  package var description: String {
    func fmt(_ v: Double) -> String {
      v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format2: v)
    }
    if minutes != 0, minutes.truncatingRemainder(dividingBy: 1440) == 0 {
      return minutes == 1440 ? "1 day" : "\(fmt(minutes / 1440)) days"
    }
    if minutes != 0, minutes.truncatingRemainder(dividingBy: 60) == 0 { return "\(fmt(minutes / 60)) h" }
    return "\(fmt(minutes)) min"
  }

  package static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.minutes < b.minutes }
}

extension String {
  /// The string without white space at either end.
  func stripped() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
