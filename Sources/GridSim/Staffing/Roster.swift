/// How many of a unit's staff a shift or a window takes: a share of the unit's headcount, or a
/// number of people.
public enum Headcount: Sendable, Equatable, CustomStringConvertible {
  /// A share of the unit's staff (0-1, or more for reinforcements).
  case share(Double)
  /// A number of people.
  case count(Int)

  /// Parses `"2"` (people) or `"50%"` (a share, at most 1000%).
  public init?(parsing text: String) {
    let t = text.stripped()
    if let n = Int(t), n >= 0, n <= 100_000 {
      self = .count(n)
    } else if t.hasSuffix("%"), let p = Double(String(t.dropLast()).stripped()), p.isFinite, p >= 0, p <= 1000
    {
      self = .share(p / 100)
    } else {
      return nil
    }
  }

  /// The people on duty at a unit of `staff`: a share is rounded to the nearest person, and a
  /// share above 0 of a staffed unit is at least one person (a grid is never left with 0.4 of
  /// its worker).
  public func people(of staff: Int) -> Int {
    switch self {
    case .count(let n): return n
    case .share(let s):
      guard s > 0, staff > 0 else { return 0 }
      return max(1, Int((Double(staff) * s).rounded()))
    }
  }

  public var description: String {
    switch self {
    case .count(let n): "\(n)"
    case .share(let s): "\(String(format2: s * 100, digits: 4))%"
    }
  }
}

/// When a tier's staff are on duty. A tier without a roster works around the clock with every
/// unit's full staff.
public struct Roster: Sendable {
  /// One shift: the hours it covers and, per day kind, how many of each unit's staff work it.
  public struct Shift: Sendable {
    public var name: String
    /// Minutes after midnight; an end at or before the start means the shift ends the next day
    /// (it belongs to the day it starts on).
    public var start: Int
    public var end: Int
    /// Headcount per day kind; a day kind not listed has no such shift.
    public var staff: [DayKind: Headcount]

    public init(name: String, start: Int, end: Int, staff: [DayKind: Headcount]) {
      self.name = name
      self.start = start
      self.end = end
      self.staff = staff
    }

    /// Minutes the shift lasts.
    public var length: Int { end > start ? end - start : end + 1440 - start }
  }

  /// A headcount for one shift on one date or day kind, at one unit or the whole tier (from the
  /// scenario file or a roster CSV). The most specific entry wins: a date over a day kind, a unit
  /// over the tier.
  public struct Entry: Sendable {
    public enum When: Sendable, Equatable {
      case date(Int)
      case kind(DayKind)
    }
    public var when: When
    /// A unit name, or nil for every unit of the tier.
    public var unit: String?
    public var shift: String
    public var staff: Headcount
  }

  public var shifts: [Shift] = []
  /// People kept on duty at every unit, at all hours, on the days of a window with `watch` on.
  public var watch: Headcount = .count(1)
  public var entries: [Entry] = []

  public init(shifts: [Shift] = [], watch: Headcount = .count(1)) {
    self.shifts = shifts
    self.watch = watch
  }
}

/// Where items come from: a grid patrol sees at once; an online channel only when someone checks.
public struct Channel: Sendable {
  public var id: String
  public var name: String
  /// Relative share of arrivals.
  public var share: Double
  /// Check times (minutes after midnight, sorted) per day kind; nil: watched continuously. A day
  /// kind missing from the table has no checks that day.
  public var checks: [DayKind: [Int]]?

  public init(id: String, name: String, share: Double, checks: [DayKind: [Int]]? = nil) {
    self.id = id
    self.name = name
    self.share = share
    self.checks = checks
  }
}

/// A run of dates with its own demand and staffing (Spring Festival, the Two Sessions, National
/// Day, or the scenario's own), and a slice of every measure.
public struct KeyDateWindow: Sendable {
  public var name: String
  /// First and last day (day numbers since 1970), inclusive; a named window may recur each year.
  public var spans: [ClosedRange<Int>]
  /// Arrival multipliers: `all` for every channel, then per channel id.
  public var arrivals: Double = 1
  public var channelArrivals: [String: Double] = [:]
  /// Staff multipliers: `all` for every tier, then per tier id.
  public var staff: Double = 1
  public var tierStaff: [String: Double] = [:]
  /// 24-hour watch: online channels are watched continuously, and every rostered unit keeps its
  /// roster's `watch` headcount at all hours.
  public var watch = false

  public init(name: String, spans: [ClosedRange<Int>]) {
    self.name = name
    self.spans = spans
  }

  /// True when day `d` is in the window.
  public func contains(day d: Int) -> Bool { spans.contains { $0.contains(d) } }
}

/// The named key dates gridsim knows: China's holiday periods and the sensitive dates that are
/// not holidays (the Two Sessions, July 1), for 2025 and 2026.
public enum KeyDates {
  /// Names in the order they fall in a year.
  public static let names = [
    "new-year", "spring-festival", "two-sessions", "qingming", "labour-day", "dragon-boat", "july-1",
    "mid-autumn", "national-day",
  ]

  /// The days of a named window in one year, or nil when not known.
  public static func span(_ name: String, year: Int) -> ClosedRange<Int>? {
    guard let (from, to) = table[year]?[name] else { return nil }
    return LocalDateTime.daysFromCivil(
      year: year, month: from.0, day: from.1)...LocalDateTime.daysFromCivil(
        year: year, month: to.0, day: to.1)
  }

  /// Years with data.
  public static var years: [Int] { table.keys.sorted() }

  private static let table: [Int: [String: ((Int, Int), (Int, Int))]] = [
    2025: [
      "new-year": ((1, 1), (1, 1)),
      "spring-festival": ((1, 28), (2, 4)),
      "two-sessions": ((3, 4), (3, 11)),
      "qingming": ((4, 4), (4, 6)),
      "labour-day": ((5, 1), (5, 5)),
      "dragon-boat": ((5, 31), (6, 2)),
      "july-1": ((7, 1), (7, 1)),
      // Mid-Autumn (Oct 6) fell inside the National Day holiday in 2025.
      "mid-autumn": ((10, 6), (10, 6)),
      "national-day": ((10, 1), (10, 8)),
    ],
    2026: [
      "new-year": ((1, 1), (1, 3)),
      "spring-festival": ((2, 15), (2, 23)),
      "two-sessions": ((3, 4), (3, 11)),
      "qingming": ((4, 4), (4, 6)),
      "labour-day": ((5, 1), (5, 5)),
      "dragon-boat": ((6, 19), (6, 21)),
      "july-1": ((7, 1), (7, 1)),
      "mid-autumn": ((9, 25), (9, 27)),
      "national-day": ((10, 1), (10, 7)),
    ],
  ]
}
