/// Office hours: the intervals of a working day in which staff are in the office.
package struct OfficeHours: Sendable, Equatable, CustomStringConvertible {
  /// Intervals in minutes after midnight, sorted and disjoint, each non-empty.
  package private(set) var intervals: [Range<Int>]

  /// 08:30-12:00 and 14:30-17:30, the usual hours of a township office.
  package static let standard = OfficeHours(checked: [510..<720, 870..<1050])

  private init(checked: [Range<Int>]) { intervals = checked }

  /// Office hours from intervals; nil unless sorted, disjoint, non-empty and within one day.
  package init?(_ intervals: [Range<Int>]) {
    guard !intervals.isEmpty else { return nil }
    for (i, r) in intervals.enumerated() {
      guard r.lowerBound >= 0, r.upperBound <= 1440, !r.isEmpty else { return nil }
      if i > 0, intervals[i - 1].upperBound > r.lowerBound { return nil }
    }
    self.intervals = intervals
  }

  /// Parses `"08:30-12:00"`.
  package static func interval(parsing text: String) -> Range<Int>? {
    let parts = text.stripped().split(separator: "-")
    guard parts.count == 2, let a = minuteOfDay(String(parts[0])), let b = minuteOfDay(String(parts[1])),
      a < b
    else { return nil }
    return a..<b
  }

  /// Parses `"08:30"` (or `"24:00"`) into minutes after midnight.
  package static func minuteOfDay(_ text: String) -> Int? {
    let p = text.stripped().split(separator: ":")
    guard p.count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h),
      (0..<60).contains(m), h * 60 + m <= 1440
    else { return nil }
    return h * 60 + m
  }

  /// When the office closes: the end of the last interval.
  package var close: Int { intervals.last!.upperBound }
  /// Office minutes in a working day.
  package var minutesPerDay: Int { intervals.reduce(0) { $0 + $1.count } }

  package var description: String {
    intervals.map { "\(Self.clock($0.lowerBound))-\(Self.clock($0.upperBound))" }.joined(separator: ", ")
  }

  static func clock(_ m: Int) -> String {
    (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
  }
}

/// Working-time arithmetic over a run of days, from tables built once: per day whether it is a
/// working day and the working days counted so far. A due time is then a lookup (working days,
/// same day) or a short forward scan (working hours), never a walk over the calendar.
///
/// One table serves several sets of office hours (one per tier), each kept as plain numbers, so
/// that the engine reads it without copying or reference counting.
///
/// Times are minutes since midnight of the first day (`firstDay`, a day number since 1970).
package struct WorkTime: Sendable {
  /// One set of office hours, as plain numbers.
  struct Schedule: Sendable {
    var close: Int32
    var cutoff: Int32
    var perDay: Double
    /// Where its intervals are in `bounds` (start, end pairs).
    var first: Int32
    var count: Int32
  }

  package let firstDay: Int
  package let dayCount: Int
  /// The day's kind, per day.
  let kinds: [DayKind]
  /// Working days among days 0...d.
  private let workingThrough: [Int32]
  /// The indices of the working days, in order.
  private let workingDays: [Int32]
  private let schedules: [Schedule]
  private let bounds: [Int32]

  /// Builds the tables for `dayCount` days from `firstDay`, with one schedule per set of office
  /// hours (schedule i is `hours[i]`). Clock starts at or after `sameDayCutoff` (default: the
  /// close) count as the next working day for `same day` deadlines.
  package init(
    calendar: WorkCalendar, hours: [OfficeHours], sameDayCutoff: Int? = nil, firstDay: Int, dayCount: Int
  ) {
    self.firstDay = firstDay
    self.dayCount = dayCount
    var kinds: [DayKind] = []
    var through: [Int32] = []
    var days: [Int32] = []
    kinds.reserveCapacity(dayCount)
    for d in 0..<dayCount {
      let kind = calendar.kind(ofDay: firstDay + d)
      kinds.append(kind)
      if kind.isWorking { days.append(Int32(d)) }
      through.append(Int32(days.count))
    }
    self.kinds = kinds
    workingThrough = through
    workingDays = days
    var bounds: [Int32] = []
    schedules = hours.map { h in
      let first = Int32(bounds.count / 2)
      for r in h.intervals { bounds += [Int32(r.lowerBound), Int32(r.upperBound)] }
      return Schedule(
        close: Int32(h.close), cutoff: Int32(sameDayCutoff ?? h.close), perDay: Double(h.minutesPerDay),
        first: first, count: Int32(h.intervals.count))
    }
    self.bounds = bounds
  }

  /// Days of table needed past a start for any of these deadlines: the longest, with room for the
  /// longest run of days off (Spring Festival with its weekends) every working week.
  package static func daysNeeded(for specs: [DeadlineSpec], hours: [OfficeHours]) -> Int {
    let shortestDay = Double(hours.map(\.minutesPerDay).min() ?? 1440)
    var longest = 1
    for s in specs {
      switch s {
      case .elapsed, .sameDay: break
      case .workingDays(let n): longest = max(longest, n + 1)
      case .workingHours(let span): longest = max(longest, Int((span.minutes / shortestDay).rounded(.up)) + 1)
      }
    }
    return 2 * longest + 21
  }

  /// The due time of a deadline whose clock starts at `start`, with the office hours of schedule
  /// `s`; infinity when it falls beyond the tables.
  @inline(__always)
  package func due(_ spec: DeadlineSpec, from start: Double, schedule s: Int = 0) -> Double {
    switch spec {
    case .elapsed(let span): return start + span.minutes
    case .workingDays(let n): return closeOfWorkingDay(after: day(of: start), n, schedule: s)
    case .sameDay:
      let d = day(of: start)
      guard d < dayCount else { return .infinity }
      let schedule = schedules[s]
      if d >= 0, kinds[d].isWorking, start - Double(d * 1440) < Double(schedule.cutoff) {
        return Double(d * 1440 + Int(schedule.close))
      }
      return closeOfWorkingDay(after: d, 1, schedule: s)
    case .workingHours(let span): return addWorkingMinutes(span.minutes, to: start, schedule: s)
    }
  }

  /// Office minutes (of schedule `s`) from `a` to `b`: negative when `b` is before `a`. Times
  /// outside the tables count from their ends.
  package func workingMinutes(from a: Double, to b: Double, schedule s: Int = 0) -> Double {
    officeTime(b, schedule: s) - officeTime(a, schedule: s)
  }

  /// Office minutes from the start of the tables to `t`.
  private func officeTime(_ t: Double, schedule s: Int) -> Double {
    let schedule = schedules[s]
    let d = day(of: t)
    if d < 0 { return 0 }
    if d >= dayCount { return Double(workingBefore(dayCount)) * schedule.perDay }
    var total = Double(workingBefore(d)) * schedule.perDay
    if kinds[d].isWorking { total += officeBefore(t - Double(d * 1440), schedule: schedule) }
    return total
  }

  private func day(of t: Double) -> Int { Int((t / 1440).rounded(.down)) }

  /// Working days before day d.
  private func workingBefore(_ d: Int) -> Int { d <= 0 ? 0 : Int(workingThrough[min(d, dayCount) - 1]) }

  /// The close of the nth working day after day d (d itself not counted).
  private func closeOfWorkingDay(after d: Int, _ n: Int, schedule s: Int) -> Double {
    guard d < dayCount else { return .infinity }
    let index = (d < 0 ? 0 : Int(workingThrough[d])) + n - 1
    guard index >= 0, index < workingDays.count else { return .infinity }
    return Double(Int(workingDays[index]) * 1440 + Int(schedules[s].close))
  }

  /// Office minutes of a working day before `minute`, for schedule s.
  private func officeBefore(_ minute: Double, schedule: Schedule) -> Double {
    var total = 0.0
    for i in Int(schedule.first)..<Int(schedule.first + schedule.count) {
      let a = Double(bounds[2 * i])
      if minute <= a { break }
      total += min(minute, Double(bounds[2 * i + 1])) - a
    }
    return total
  }

  /// The moment `minutes` of office time after `start`.
  private func addWorkingMinutes(_ minutes: Double, to start: Double, schedule s: Int) -> Double {
    if minutes == 0 { return start }
    var d = max(0, day(of: start))
    guard d < dayCount else { return .infinity }
    let schedule = schedules[s]
    let perDay = schedule.perDay
    var startOffice = Double(workingBefore(d)) * perDay
    if kinds[d].isWorking { startOffice += officeBefore(start - Double(d * 1440), schedule: schedule) }
    let target = startOffice + minutes
    // The first day whose office time reaches the target.
    while d < dayCount, Double(workingBefore(d + 1)) * perDay < target { d += 1 }
    guard d < dayCount else { return .infinity }
    var rest = target - Double(workingBefore(d)) * perDay
    for i in Int(schedule.first)..<Int(schedule.first + schedule.count) {
      let a = Int(bounds[2 * i])
      let length = Double(Int(bounds[2 * i + 1]) - a)
      if rest <= length { return Double(d * 1440 + a) + rest }
      rest -= length
    }
    return Double(d * 1440 + Int(schedule.close))
  }
}
