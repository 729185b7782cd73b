/// What kind of day a date is.
package enum DayKind: String, Sendable, CaseIterable, Hashable {
  /// Monday to Friday, not a holiday.
  case workday
  /// Saturday or Sunday, not a make-up workday.
  case weekend
  /// A public holiday (any weekday).
  case holiday
  /// A weekend day that is a working day (调休).
  case makeupWorkday = "makeup-workday"

  /// True for the days offices work: workdays and make-up workdays.
  package var isWorking: Bool { self == .workday || self == .makeupWorkday }

  /// Its Chinese name (what `--lang zh` writes, and what files may say instead of the id).
  package var chineseName: String {
    switch self {
    case .workday: "工作日"
    case .weekend: "周末"
    case .holiday: "节假日"
    case .makeupWorkday: "调休工作日"
    }
  }

  /// The day kind `text` names: its id or its Chinese name.
  package init?(named text: String) {
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
package struct WorkCalendar: Sendable, Equatable {
  /// A holiday or make-up workday.
  package struct Special: Sendable, Equatable {
    package var kind: DayKind
    package var name: String
    package init(kind: DayKind, name: String) {
      self.kind = kind
      self.name = name
    }
  }

  /// Special days by day number (days since 1970-01-01).
  package private(set) var specials: [Int: Special] = [:]
  /// Years whose holidays are known.
  package private(set) var years: Set<Int> = []
  /// The statutory holidays (法定节假日) among the holidays, by day number, with their names: the
  /// days the Labour Law's 300% applies to (art. 44); the other days off of a holiday are rest days
  /// moved by 调休. Only ``isStatutory(_:)`` and ``hardDay(_:)`` read them: a day's kind, and so
  /// the simulation, does not change.
  package private(set) var statutory: [Int: String] = [:]
  /// The hard days of duty the calendar names (除夕, 初一), by day number; 1 October is one every
  /// year without being listed.
  package private(set) var hardDays: [Int: HardDay] = [:]

  /// A day of duty offices trade and rotate from year to year.
  package enum HardDay: String, Sendable, CaseIterable, Hashable {
    /// 除夕, the eve of the Spring Festival.
    case newYearsEve = "new-years-eve"
    /// 初一, the first day of the Spring Festival.
    case springFestival = "spring-festival-day"
    /// 10月1日, National Day.
    case nationalDay = "national-day"

    /// 除夕, 初一, 国庆.
    package var chineseName: String {
      switch self {
      case .newYearsEve: "除夕"
      case .springFestival: "初一"
      case .nationalDay: "国庆"
      }
    }

    /// New Year's Eve, Spring Festival, National Day.
    package var englishName: String {
      switch self {
      case .newYearsEve: "Spring Festival Eve"
      case .springFestival: "Spring Festival Day"
      case .nationalDay: "National Day"
      }
    }

    /// The hard day a holiday's name says it is: 除夕 (Spring Festival Eve) or 初一; nil for any other.
    package init?(inName name: String) {
      if name.contains("除夕") || name.lowercased().contains("spring festival eve") {
        self = .newYearsEve
      } else if name.contains("初一") {
        self = .springFestival
      } else {
        return nil
      }
    }

    /// The hard day `text` names: its id, its Chinese name or its English name.
    package init?(named text: String) {
      guard
        let day = HardDay(rawValue: text)
          ?? HardDay.allCases.first(where: {
            $0.chineseName == text || $0.englishName.lowercased() == text.lowercased()
          })
      else { return nil }
      self = day
    }
  }

  /// A calendar of weekends only.
  package init() {}

  /// Marks a date as a holiday or make-up workday (replacing what was there), and its year as known.
  package mutating func set(day: Int, _ special: Special) {
    specials[day] = special
    years.insert(LocalDateTime.civil(fromDays: day).year)
  }

  /// Marks a holiday as statutory (法定节假日), with its name; `hard` names it a hard day of duty.
  package mutating func setStatutory(day: Int, name: String, hard: HardDay? = nil) {
    statutory[day] = name
    if let hard { hardDays[day] = hard }
  }

  /// True when the day is a statutory holiday (法定节假日): a holiday the calendar lists as
  /// statutory, not a rest day moved by 调休.
  package func isStatutory(_ day: Int) -> Bool { statutory[day] != nil && kind(ofDay: day) == .holiday }

  /// The hard day of duty a date is (除夕, 初一, 1 October), if it is one.
  package func hardDay(_ day: Int) -> HardDay? {
    if let hard = hardDays[day] { return hard }
    let date = LocalDateTime.civil(fromDays: day)
    return date.month == 10 && date.day == 1 ? .nationalDay : nil
  }

  /// Marks a year as known (a year with no holidays at all is still data).
  package mutating func markKnown(year: Int) { years.insert(year) }

  /// Adds another calendar's special days and years over this one's.
  package mutating func merge(_ other: WorkCalendar) {
    for (day, s) in other.specials { specials[day] = s }
    for (day, name) in other.statutory { statutory[day] = name }
    for (day, hard) in other.hardDays { hardDays[day] = hard }
    years.formUnion(other.years)
  }

  /// The kind of a day.
  package func kind(ofDay day: Int) -> DayKind {
    if let s = specials[day] { return s.kind }
    return LocalDateTime.weekday(ofDay: day) >= 6 ? .weekend : .workday
  }

  /// The holiday's or make-up day's name, if the day is one.
  package func name(ofDay day: Int) -> String? { specials[day]?.name }

  /// The years from `first` to `last` day that have no holiday data.
  package func yearsWithoutData(from first: Int, to last: Int) -> [Int] {
    let a = LocalDateTime.civil(fromDays: first).year
    let b = LocalDateTime.civil(fromDays: last).year
    return (a...max(a, b)).filter { !years.contains($0) }
  }

  /// China's official holidays and make-up workdays for 2025 and 2026 (State Council notices
  /// 国办发明电〔2024〕12号 and 〔2025〕7号; see DOMAIN.md).
  package static let china: WorkCalendar = {
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

    // Statutory holidays (全国年节及纪念日放假办法, as amended 2024: 13 days a year).
    func statutory(_ y: Int, _ m: Int, _ d: Int, _ name: String, _ hard: HardDay? = nil) {
      c.setStatutory(day: LocalDateTime.daysFromCivil(year: y, month: m, day: d), name: name, hard: hard)
    }
    for (y, m, d, name, hard) in [
      (2025, 1, 1, "New Year's Day", nil), (2025, 1, 28, "Spring Festival", HardDay.newYearsEve),
      (2025, 1, 29, "Spring Festival", .springFestival), (2025, 1, 30, "Spring Festival", nil),
      (2025, 1, 31, "Spring Festival", nil), (2025, 4, 4, "Qingming", nil), (2025, 5, 1, "Labour Day", nil),
      (2025, 5, 2, "Labour Day", nil), (2025, 5, 31, "Dragon Boat Festival", nil),
      (2025, 10, 1, "National Day", .nationalDay), (2025, 10, 2, "National Day", nil),
      (2025, 10, 3, "National Day", nil), (2025, 10, 6, "Mid-Autumn", nil),
      (2026, 1, 1, "New Year's Day", nil), (2026, 2, 16, "Spring Festival", .newYearsEve),
      (2026, 2, 17, "Spring Festival", .springFestival), (2026, 2, 18, "Spring Festival", nil),
      (2026, 2, 19, "Spring Festival", nil), (2026, 4, 5, "Qingming", nil), (2026, 5, 1, "Labour Day", nil),
      (2026, 5, 2, "Labour Day", nil), (2026, 6, 19, "Dragon Boat Festival", nil),
      (2026, 9, 25, "Mid-Autumn", nil), (2026, 10, 1, "National Day", .nationalDay),
      (2026, 10, 2, "National Day", nil), (2026, 10, 3, "National Day", nil),
    ] as [(Int, Int, Int, String, HardDay?)] {
      statutory(y, m, d, name, hard)
    }
    return c
  }()
}
