// Demand over time: the channels items arrive by and the key-date windows that change demand
// and staffing.

/// Where items come from: a grid patrol sees at once; an online channel only when someone checks.
package struct Channel: Sendable {
  package var id: String
  package var name: String
  /// Relative share of arrivals.
  package var share: Double
  /// Check times (minutes after midnight, sorted) per day kind; nil: watched continuously. A day
  /// kind missing from the table has no checks that day.
  package var checks: [DayKind: [Int]]?

  package init(id: String, name: String, share: Double, checks: [DayKind: [Int]]? = nil) {
    self.id = id
    self.name = name
    self.share = share
    self.checks = checks
  }
}

/// A run of dates with its own demand and staffing (Spring Festival, the Two Sessions, National
/// Day, or the scenario's own), and a slice of every measure.
package struct KeyDateWindow: Sendable {
  package var name: String
  /// First and last day (day numbers since 1970), inclusive; a named window may recur each year.
  package var spans: [ClosedRange<Int>]
  /// What changes in the items that arrive.
  package var demand = Demand()
  /// What changes in who is on duty.
  package var staffing = Staffing()

  /// A window's demand: arrival multipliers, `all` for every channel, then per channel id.
  package struct Demand: Sendable, Equatable {
    package var arrivals: Double = 1
    package var channels: [String: Double] = [:]
  }

  /// A window's staffing: staff multipliers (`all` for every tier, then per tier id), and the
  /// 24-hour watch: online channels are watched continuously, and every rostered unit keeps its
  /// roster's `watch` headcount at all hours.
  package struct Staffing: Sendable, Equatable {
    package var all: Double = 1
    package var tiers: [String: Double] = [:]
    package var watch = false

    /// The staff multiplier of a tier (its own, else `all`).
    package func multiplier(tier id: String) -> Double { tiers[id] ?? all }
  }

  package init(name: String, spans: [ClosedRange<Int>]) {
    self.name = name
    self.spans = spans
  }

  /// True when day `d` is in the window.
  package func contains(day d: Int) -> Bool { spans.contains { $0.contains(d) } }
}

/// The named key dates gridsim knows: China's holiday periods and the sensitive dates that are
/// not holidays (the Two Sessions, July 1), for 2025 and 2026.
package enum KeyDates {
  /// Names in the order they fall in a year.
  package static let names = [
    "new-year", "spring-festival", "two-sessions", "qingming", "labour-day", "dragon-boat", "july-1",
    "mid-autumn", "national-day",
  ]

  /// The days of a named window in one year, or nil when not known.
  package static func span(_ name: String, year: Int) -> ClosedRange<Int>? {
    guard let (from, to) = table[year]?[name] else { return nil }
    return LocalDateTime.daysFromCivil(
      year: year, month: from.0, day: from.1)...LocalDateTime.daysFromCivil(
        year: year, month: to.0, day: to.1)
  }

  /// Years with data.
  package static var years: [Int] { table.keys.sorted() }

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
