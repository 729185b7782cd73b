/// How long a tier has for a response or a resolution, in calendar or working time.
package enum DeadlineSpec: Sendable, Equatable, CustomStringConvertible {
  /// Calendar time: `"4 h"`, `"3 days"`, `"2 calendar days"`.
  case elapsed(TimeSpan)
  /// Office time: `"8 working hours"`, counted only inside office hours on working days.
  case workingHours(TimeSpan)
  /// `"3 working days"`: due at the close of office hours on the Nth working day after the day the
  /// clock starts (that day itself does not count).
  case workingDays(Int)
  /// `"same day"`: due at the close of the working day the clock starts on; when it starts after the
  /// same-day cut-off or on a day off, at the close of the next working day.
  case sameDay

  /// Reads `"4 h"`, `"3 calendar days"`, `"8 working hours"`, `"3 working days"`, `"same day"`,
  /// and the Chinese `"3个工作日"`, `"8工作小时"`, `"当日"`/`"当天"`.
  package init?(parsing text: String) {
    let t = text.stripped().lowercased()
    if ["same day", "same-day", "当日", "当天"].contains(t) {
      self = .sameDay
      return
    }
    func number(before suffixes: [String]) -> Double? {
      for suffix in suffixes where t.hasSuffix(suffix) {
        var head = String(t.dropLast(suffix.count)).stripped()
        if head.hasSuffix("个") { head = String(head.dropLast()).stripped() }
        if let n = Double(head), n.isFinite, n >= 0 { return n }
      }
      return nil
    }
    if let n = number(before: ["working days", "working day", "工作日"]) {
      guard n == n.rounded(), n <= 3650 else { return nil }
      self = .workingDays(Int(n))
      return
    }
    // Spans beyond the supported range (100 years) are refused: nothing is due that late.
    let longest = TimeSpan.maximum.minutes
    if let n = number(before: ["working hours", "working hour", "工作小时"]) {
      guard n * 60 <= longest else { return nil }
      self = .workingHours(TimeSpan(minutes: n * 60))
      return
    }
    if let n = number(before: ["calendar days", "calendar day", "自然日"]) {
      guard n * 1440 <= longest else { return nil }
      self = .elapsed(TimeSpan(minutes: n * 1440))
      return
    }
    guard let span = TimeSpan(parsing: text), abs(span.minutes) <= longest else { return nil }
    self = .elapsed(span)
  }

  package var description: String {
    switch self {
    case .elapsed(let s): s.description
    case .workingHours(let s): "\(String(format2: s.minutes / 60)) working hours"
    case .workingDays(let n): "\(n) working day\(n == 1 ? "" : "s")"
    case .sameDay: "same day"
    }
  }

  /// True when the deadline depends on the calendar and office hours.
  package var usesWorkingTime: Bool {
    if case .elapsed = self { return false }
    return true
  }
}

/// When a deadline's clock starts.
package enum DeadlineClock: String, Sendable, CaseIterable {
  /// When the item arrives at the tier (the default): each tier has its own time.
  case arrival
  /// When the item appeared (the citizen's report, the post).
  case appearance
  /// When the item was detected (equal to appearance until monitoring rounds delay detection).
  case detection
}
