/// Office hours: the intervals of a working day in which staff are in the office.
public struct OfficeHours: Sendable, Equatable, CustomStringConvertible {
  /// Intervals in minutes after midnight, sorted and disjoint, each non-empty.
  public private(set) var intervals: [Range<Int>]

  /// 08:30-12:00 and 14:30-17:30, the usual hours of a township office.
  public static let standard = OfficeHours(checked: [510..<720, 870..<1050])

  private init(checked: [Range<Int>]) { intervals = checked }

  /// Office hours from intervals; nil unless sorted, disjoint, non-empty and within one day.
  public init?(_ intervals: [Range<Int>]) {
    guard !intervals.isEmpty else { return nil }
    for (i, r) in intervals.enumerated() {
      guard r.lowerBound >= 0, r.upperBound <= 1440, !r.isEmpty else { return nil }
      if i > 0, intervals[i - 1].upperBound > r.lowerBound { return nil }
    }
    self.intervals = intervals
  }

  /// Parses `"08:30-12:00"`.
  public static func interval(parsing text: String) -> Range<Int>? {
    let parts = text.stripped().split(separator: "-")
    guard parts.count == 2, let a = minuteOfDay(String(parts[0])), let b = minuteOfDay(String(parts[1])),
      a < b
    else { return nil }
    return a..<b
  }

  /// Parses `"08:30"` (or `"24:00"`) into minutes after midnight.
  public static func minuteOfDay(_ text: String) -> Int? {
    let p = text.stripped().split(separator: ":")
    guard p.count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h),
      (0..<60).contains(m), h * 60 + m <= 1440
    else { return nil }
    return h * 60 + m
  }

  /// When the office closes: the end of the last interval.
  public var close: Int { intervals.last!.upperBound }
  /// Office minutes in a working day.
  public var minutesPerDay: Int { intervals.reduce(0) { $0 + $1.count } }

  /// Office minutes of a working day before `minute` after midnight.
  func minutesBefore(_ minute: Double) -> Double {
    var total = 0.0
    for r in intervals {
      if minute <= Double(r.lowerBound) { break }
      total += min(minute, Double(r.upperBound)) - Double(r.lowerBound)
    }
    return total
  }

  public var description: String {
    intervals.map { "\(Self.clock($0.lowerBound))-\(Self.clock($0.upperBound))" }.joined(separator: ", ")
  }

  static func clock(_ m: Int) -> String {
    (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
  }
}

/// Working-time arithmetic over a run of days, from tables built once: per day whether it is a
/// working day, the working days counted so far and the office minutes before it. A due time is
/// then a lookup (working days, same day) or a short forward scan (working hours), never a walk
/// over the calendar.
///
/// Times are minutes since midnight of the first day (`firstDay`, a day number since 1970).
public struct WorkTime: Sendable {
  public let firstDay: Int
  public let dayCount: Int
  public let hours: OfficeHours
  /// Clock starts at or after this minute of a working day count as the next working day for
  /// `same day` deadlines.
  public let sameDayCutoff: Int
  /// The day's kind, per day.
  public let kinds: [DayKind]
  /// Working days among days 0...d.
  private let workingThrough: [Int32]
  /// The indices of the working days, in order.
  private let workingDays: [Int32]
  /// Office minutes before day d (d up to dayCount).
  private let officeBefore: [Double]

  /// Builds the tables for `dayCount` days from `firstDay`.
  public init(
    calendar: WorkCalendar, hours: OfficeHours, sameDayCutoff: Int? = nil, firstDay: Int, dayCount: Int
  ) {
    self.firstDay = firstDay
    self.dayCount = dayCount
    self.hours = hours
    self.sameDayCutoff = sameDayCutoff ?? hours.close
    var kinds: [DayKind] = []
    var through: [Int32] = []
    var days: [Int32] = []
    var before: [Double] = [0]
    kinds.reserveCapacity(dayCount)
    for d in 0..<dayCount {
      let kind = calendar.kind(ofDay: firstDay + d)
      kinds.append(kind)
      if kind.isWorking { days.append(Int32(d)) }
      through.append(Int32(days.count))
      before.append(before[d] + (kind.isWorking ? Double(hours.minutesPerDay) : 0))
    }
    self.kinds = kinds
    workingThrough = through
    workingDays = days
    officeBefore = before
  }

  /// Days of table needed past a start for any of these deadlines: the longest, with room for the
  /// longest run of days off (Spring Festival with its weekends) every working week.
  public static func daysNeeded(for specs: [DeadlineSpec], hours: OfficeHours) -> Int {
    var longest = 1
    for s in specs {
      switch s {
      case .elapsed: break
      case .sameDay: longest = max(longest, 1)
      case .workingDays(let n): longest = max(longest, n + 1)
      case .workingHours(let span):
        longest = max(longest, Int((span.minutes / Double(hours.minutesPerDay)).rounded(.up)) + 1)
      }
    }
    return 2 * longest + 21
  }

  /// The due time of a deadline whose clock starts at `start`; infinity when it falls beyond the
  /// tables (a deadline after the end of the period plus margin can never be seen).
  @inline(__always)
  public func due(_ spec: DeadlineSpec, from start: Double) -> Double {
    switch spec {
    case .elapsed(let span): return start + span.minutes
    case .workingDays(let n): return closeOfWorkingDay(after: day(of: start), n)
    case .sameDay:
      let d = day(of: start)
      guard d < dayCount else { return .infinity }
      if d >= 0, kinds[d].isWorking, start - Double(d * 1440) < Double(sameDayCutoff) {
        return Double(d * 1440 + hours.close)
      }
      return closeOfWorkingDay(after: d, 1)
    case .workingHours(let span): return addWorkingMinutes(span.minutes, to: start)
    }
  }

  private func day(of t: Double) -> Int { Int((t / 1440).rounded(.down)) }

  /// The close of the nth working day after day d (d itself not counted).
  private func closeOfWorkingDay(after d: Int, _ n: Int) -> Double {
    guard d < dayCount else { return .infinity }
    let counted = d < 0 ? 0 : Int(workingThrough[d])
    let index = counted + n - 1
    guard index >= 0, index < workingDays.count else { return .infinity }
    return Double(Int(workingDays[index]) * 1440 + hours.close)
  }

  /// The moment `minutes` of office time after `start`.
  private func addWorkingMinutes(_ minutes: Double, to start: Double) -> Double {
    var d = max(0, day(of: start))
    guard d < dayCount else { return .infinity }
    let startOffice =
      start < 0
      ? 0 : officeBefore[d] + (kinds[d].isWorking ? hours.minutesBefore(start - Double(d * 1440)) : 0)
    let target = startOffice + minutes
    if minutes == 0 { return start }
    while d < dayCount, officeBefore[d + 1] < target { d += 1 }
    guard d < dayCount else { return .infinity }
    var rest = target - officeBefore[d]
    for r in hours.intervals {
      let length = Double(r.count)
      if rest <= length { return Double(d * 1440 + r.lowerBound) + rest }
      rest -= length
    }
    return Double(d * 1440 + hours.close)
  }
}
