/// What kind of day a date is.
public enum DayKind: String, Sendable, CaseIterable, Hashable {
  /// Monday to Friday, not a holiday.
  case workday
  /// Saturday or Sunday, not a make-up workday.
  case weekend
  /// A public holiday (any weekday).
  case holiday
  /// A weekend day that is a working day (调休).
  case makeupWorkday = "makeup-workday"

  /// True for the days offices work: workdays and make-up workdays.
  public var isWorking: Bool { self == .workday || self == .makeupWorkday }

  /// Its Chinese name (what `--lang zh` writes, and what files may say instead of the id).
  public var chineseName: String {
    switch self {
    case .workday: "工作日"
    case .weekend: "周末"
    case .holiday: "节假日"
    case .makeupWorkday: "调休工作日"
    }
  }

  /// The day kind `text` names: its id or its Chinese name.
  public init?(named text: String) {
    guard let kind = DayKind(rawValue: text) ?? DayKind.allCases.first(where: { $0.chineseName == text })
    else {
      return nil
    }
    self = kind
  }
}

/// China's working calendar: weekends, public holidays and make-up workdays (调休).
///
/// The 2025 and 2026 holidays are built in from the State Council's notices; a scenario adds other
/// years (or corrections) itself. A date in a year with no holiday data is a workday or weekend
/// day by its weekday alone; ``yearsWithoutData(from:to:)`` says when that happens.
public struct WorkCalendar: Sendable, Equatable {
  /// A holiday or make-up workday.
  public struct Special: Sendable, Equatable {
    public var kind: DayKind
    public var name: String
    public init(kind: DayKind, name: String) {
      self.kind = kind
      self.name = name
    }
  }

  /// Special days by day number (days since 1970-01-01).
  public private(set) var specials: [Int: Special] = [:]
  /// Years whose holidays are known.
  public private(set) var years: Set<Int> = []

  /// A calendar of weekends only.
  public init() {}

  /// Marks a date as a holiday or make-up workday (replacing what was there), and its year as known.
  public mutating func set(day: Int, _ special: Special) {
    specials[day] = special
    years.insert(LocalDateTime.civil(fromDays: day).year)
  }

  /// Marks a year as known (a year with no holidays at all is still data).
  public mutating func markKnown(year: Int) { years.insert(year) }

  /// Adds another calendar's special days and years over this one's.
  public mutating func merge(_ other: WorkCalendar) {
    for (day, s) in other.specials { specials[day] = s }
    years.formUnion(other.years)
  }

  /// The kind of a day.
  public func kind(ofDay day: Int) -> DayKind {
    if let s = specials[day] { return s.kind }
    return LocalDateTime.weekday(ofDay: day) >= 6 ? .weekend : .workday
  }

  /// The holiday's or make-up day's name, if the day is one.
  public func name(ofDay day: Int) -> String? { specials[day]?.name }

  /// The years from `first` to `last` day that have no holiday data.
  public func yearsWithoutData(from first: Int, to last: Int) -> [Int] {
    let a = LocalDateTime.civil(fromDays: first).year
    let b = LocalDateTime.civil(fromDays: last).year
    return (a...max(a, b)).filter { !years.contains($0) }
  }

  /// China's official holidays and make-up workdays for 2025 and 2026 (State Council notices
  /// 国办发明电〔2024〕12号 and 〔2025〕7号; see DOMAIN.md).
  public static let china: WorkCalendar = {
    var c = WorkCalendar()
    func off(_ y: Int, _ m: Int, _ d: Int, through e: (Int, Int)? = nil, _ name: String) {
      let first = LocalDateTime.daysFromCivil(year: y, month: m, day: d)
      let last = e.map { LocalDateTime.daysFromCivil(year: y, month: $0.0, day: $0.1) } ?? first
      for day in first...last { c.set(day: day, Special(kind: .holiday, name: name)) }
    }
    func makeup(_ y: Int, _ m: Int, _ d: Int, _ name: String) {
      c.set(
        day: LocalDateTime.daysFromCivil(year: y, month: m, day: d),
        Special(kind: .makeupWorkday, name: name + " make-up workday"))
    }
    off(2025, 1, 1, "New Year's Day")
    off(2025, 1, 28, through: (2, 4), "Spring Festival")
    off(2025, 4, 4, through: (4, 6), "Qingming")
    off(2025, 5, 1, through: (5, 5), "Labour Day")
    off(2025, 5, 31, through: (6, 2), "Dragon Boat Festival")
    off(2025, 10, 1, through: (10, 8), "National Day and Mid-Autumn")
    makeup(2025, 1, 26, "Spring Festival")
    makeup(2025, 2, 8, "Spring Festival")
    makeup(2025, 4, 27, "Labour Day")
    makeup(2025, 9, 28, "National Day")
    makeup(2025, 10, 11, "National Day")

    off(2026, 1, 1, through: (1, 3), "New Year's Day")
    off(2026, 2, 15, through: (2, 23), "Spring Festival")
    off(2026, 4, 4, through: (4, 6), "Qingming")
    off(2026, 5, 1, through: (5, 5), "Labour Day")
    off(2026, 6, 19, through: (6, 21), "Dragon Boat Festival")
    off(2026, 9, 25, through: (9, 27), "Mid-Autumn")
    off(2026, 10, 1, through: (10, 7), "National Day")
    makeup(2026, 1, 4, "New Year's Day")
    makeup(2026, 2, 14, "Spring Festival")
    makeup(2026, 2, 28, "Spring Festival")
    makeup(2026, 5, 9, "Labour Day")
    makeup(2026, 9, 20, "Mid-Autumn")
    makeup(2026, 10, 10, "National Day")
    return c
  }()
}
