/// How many of a unit's staff a shift or a window takes: a share of the unit's headcount, or a
/// number of people.
package enum Headcount: Sendable, Equatable, CustomStringConvertible {
  /// A share of the unit's staff (0-1, or more for reinforcements).
  case share(Double)
  /// A number of people.
  case count(Int)

  /// Parses `"2"` (people) or `"50%"` (a share, at most 1000%).
  package init?(parsing text: String) {
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
  package func people(of staff: Int) -> Int {
    switch self {
    case .count(let n): return n
    case .share(let s):
      guard s > 0, staff > 0 else { return 0 }
      return max(1, Int((Double(staff) * s).rounded()))
    }
  }

  package var description: String {
    switch self {
    case .count(let n): "\(n)"
    case .share(let s): "\(String(format2: s * 100, digits: 4))%"
    }
  }
}

/// When a tier's staff are on duty. A tier without a roster works around the clock with every
/// unit's full staff.
package struct Roster: Sendable {
  /// One shift: the hours it covers and, per day kind, how many of each unit's staff work it.
  package struct Shift: Sendable {
    /// Its name in the file: an identifier that roster files and `--set` use.
    package var name: String
    /// The name people call it, shown in reports and accepted wherever `name` is (`值班`); nil:
    /// `name` is shown.
    package var title: String?
    /// A duty shift (值班): its staff take what the policy's `duty` rule says (urgent matters,
    /// emergencies, opinion about to worsen) and leave the rest for the next office shift.
    package var duty = false
    /// Minutes after midnight; an end at or before the start means the shift ends the next day
    /// (it belongs to the day it starts on).
    package var start: Int
    package var end: Int
    /// Headcount per day kind; a day kind not listed has no such shift.
    package var staff: [DayKind: Headcount]

    package init(name: String, start: Int, end: Int, staff: [DayKind: Headcount]) {
      self.name = name
      self.start = start
      self.end = end
      self.staff = staff
    }

    /// What reports call it.
    package var shown: String { title ?? name }

    /// True when `text` names it (its name or its title).
    package func isNamed(_ text: String) -> Bool { name == text || title == text }

    /// Minutes the shift lasts.
    package var length: Int { end > start ? end - start : end + 1440 - start }
  }

  /// A headcount for one shift on one date or day kind, at one unit or the whole tier (from the
  /// scenario file or a roster CSV). The most specific entry wins: a date over a day kind, a unit
  /// over the tier.
  package struct Entry: Sendable {
    package enum When: Sendable, Equatable {
      case date(Int)
      case kind(DayKind)
    }
    package var when: When
    /// A unit name, or nil for every unit of the tier.
    package var unit: String?
    package var shift: String
    package var staff: Headcount

    package init(when: When, unit: String?, shift: String, staff: Headcount) {
      self.when = when
      self.unit = unit
      self.shift = shift
      self.staff = staff
    }
  }

  package var shifts: [Shift] = []
  /// People kept on duty at every unit, at all hours, on the days of a window with `watch` on.
  package var watch: Headcount = .count(1)
  /// A leader on duty each day (带班领导), when the tier requires one.
  package var leader: LeaderOnDuty?

  /// A leader who leads each day's duty (领导带班): at the named units (nil: each unit of the
  /// tier), counted in the headcount (one of the people on duty) or on top of it (reachable,
  /// supervising, not taking items).
  package struct LeaderOnDuty: Sendable, Equatable {
    package var units: [String]?
    package var counts: Bool
    package init(units: [String]? = nil, counts: Bool = false) {
      self.units = units
      self.counts = counts
    }
  }
  package var entries: [Entry] = []

  /// The people a unit of `staff` puts on `shift` on a date (a day number) of kind `kind`, as the
  /// staffing plan reads the roster: a row for the date (for the unit, else for the tier), taken as
  /// written; else a row for the day kind, else the shift's own staff, both scaled by a window's
  /// staff `multiplier`. The watch floor is not applied.
  package func people(
    shift: Shift, date: Int, kind: DayKind, unit: String, staff: Int, multiplier: Double?
  ) -> Int {
    func row(_ when: Entry.When) -> Headcount? {
      let rows = entries.filter { $0.shift == shift.name && $0.when == when }
      return (rows.last { $0.unit == unit } ?? rows.last { $0.unit == nil })?.staff
    }
    if let dated = row(.date(date)) { return dated.people(of: staff) }
    guard let headcount = row(.kind(kind)) ?? shift.staff[kind] else { return 0 }
    let people = headcount.people(of: staff)
    return multiplier.map { Headcount.share($0).people(of: people) } ?? people
  }

  package init(shifts: [Shift] = [], watch: Headcount = .count(1)) {
    self.shifts = shifts
    self.watch = watch
  }
}
