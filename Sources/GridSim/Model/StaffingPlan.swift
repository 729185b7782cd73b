/// Who is on duty when, compiled once per model: every unit's headcount as a list of change
/// points, and the staff-minutes on duty per day and tier (the denominator of utilization).
///
/// Times here are "table minutes" from midnight of the period's first day; the engine subtracts
/// the start's minute of the day.
struct StaffingPlan: Sendable {
  /// Each unit's headcount at the start of the period, and whether they are duty staff then (on
  /// duty shifts only: ``Roster/Shift/duty``).
  var initial: [Int32]
  var initialDuty: [Bool]
  /// Times (simulation minutes, ascending, inside the period) at which some unit's headcount
  /// changes; the changes of time k are `changeUnits/changeValues[firstChange[k]..<firstChange[k + 1]]`.
  var times: [Double]
  var firstChange: [Int32]
  var changeUnits: [Int32]
  var changeValues: [Int32]
  var changeDuty: [Bool]
  /// Staff-minutes on duty per day and tier (`day * tiers + tier`), over the part of the day
  /// inside the period.
  var dailyCapacity: Table<Double>

  /// True when every unit keeps one headcount for the whole period.
  var isConstant: Bool { times.isEmpty }

  /// True when `other` starts as this plan does and makes the same changes as its first `changes`
  /// (``Replication/copy(model:)`` checks the next).
  func agrees(with other: StaffingPlan, before changes: Int) -> Bool {
    guard initial == other.initial, initialDuty == other.initialDuty,
      times.count >= changes, other.times.count >= changes,
      times.prefix(changes) == other.times.prefix(changes)
    else { return false }
    let end = Int(firstChange[changes])
    guard firstChange.prefix(changes + 1) == other.firstChange.prefix(changes + 1),
      changeUnits.prefix(end) == other.changeUnits.prefix(end),
      changeValues.prefix(end) == other.changeValues.prefix(end),
      changeDuty.prefix(end) == other.changeDuty.prefix(end)
    else { return false }
    return true
  }

  init(
    scenario: Scenario, unitTier: [Int], unitStaff: [Int], unitNames: [String], kinds: [DayKind],
    startMinuteOfDay: Int, horizon: Double, dayCount: Int
  ) {
    let T = scenario.tiers.count
    let firstDay = scenario.period.start.dayNumber
    let begin = startMinuteOfDay
    let end = startMinuteOfDay + Int(horizon.rounded(.up))
    // Per day: the window it is in (if any).
    let window: [Int?] = (0..<dayCount).map { d in
      scenario.windows.firstIndex { $0.contains(day: firstDay + d) }
    }
    func multiplier(day d: Int, tier t: Int) -> Double? {
      guard d >= 0, d < dayCount, let w = window[d] else { return nil }
      let spec = scenario.windows[w]
      return spec.staffing.multiplier(tier: scenario.tiers[t].id)
    }
    func watching(day d: Int) -> Bool {
      d >= 0 && d < dayCount && window[d].map { scenario.windows[$0].staffing.watch } == true
    }

    var initial = [Int32](repeating: 0, count: unitTier.count)
    var initialDuty = [Bool](repeating: false, count: unitTier.count)
    var changes: [Change] = []
    var dailyCapacity = Table<Double>(rows: dayCount, columns: T, repeating: 0)

    /// Adds a constant segment [a, b) of `value` people at tier t to the daily totals.
    func addArea(_ a: Int, _ b: Int, _ value: Int, tier t: Int) {
      let from = max(a, begin)
      let to = min(b, end)
      guard value > 0, to > from else { return }
      var d = from / 1440
      while d < dayCount, d * 1440 < to {
        let lo = max(from, d * 1440)
        let hi = min(to, (d + 1) * 1440)
        if hi > lo { dailyCapacity[d, t] += Double(value * (hi - lo)) }
        d += 1
      }
    }

    // Roster entries, indexed per tier by (shift, date or kind, unit or nil).
    for t in 0..<T {
      let roster = scenario.tiers[t].roster
      let units = unitTier.indices.filter { unitTier[$0] == t }
      guard let roster else {
        // Around the clock with full staff, scaled on window days.
        for u in units {
          var deltas: [Level] = []
          var current = 0
          for d in -1...dayCount {
            let people =
              multiplier(day: d, tier: t).map { Headcount.share($0).people(of: unitStaff[u]) } ?? unitStaff[u]
            if people != current || d == -1 {
              deltas.append(Level(time: max(d, 0) * 1440, people: people, duty: false))
              current = people
            }
          }
          Self.emit(
            deltas, unit: u, tier: t, begin: begin, end: end, initial: &initial, initialDuty: &initialDuty,
            changes: &changes, area: addArea)
        }
        continue
      }
      var byDate: [String: Headcount] = [:]
      var byKind: [String: Headcount] = [:]
      for e in roster.entries {
        switch e.when {
        case .date(let day): byDate["\(e.shift)|\(day)|\(e.unit ?? "")"] = e.staff
        case .kind(let kind): byKind["\(e.shift)|\(kind.rawValue)|\(e.unit ?? "")"] = e.staff
        }
      }
      let hasUnitEntries = roster.entries.contains { $0.unit != nil }
      for u in units {
        // Each shift instance adds its people over its hours; watch days keep a floor.
        var steps: [(time: Int, delta: Int, duty: Bool)] = []
        for d in -1...dayCount {
          let day = firstDay + d
          let kind = d >= 0 && d < kinds.count ? kinds[d] : scenario.calendar.days.kind(ofDay: day)
          for shift in roster.shifts {
            func look(_ table: [String: Headcount], _ key: String) -> Headcount? {
              (hasUnitEntries ? table["\(shift.name)|\(key)|\(unitNames[u])"] : nil)
                ?? table["\(shift.name)|\(key)|"]
            }
            // A row for the date states who is on duty that day: a window's staff multiplier does
            // not scale it again (it scales the rows by day kind and the shift's own staff).
            let dated = byDate.isEmpty ? nil : look(byDate, String(day))
            guard
              let headcount = dated ?? (byKind.isEmpty ? nil : look(byKind, kind.rawValue))
                ?? shift.staff[kind]
            else { continue }
            var people = headcount.people(of: unitStaff[u])
            if dated == nil, let m = multiplier(day: d, tier: t) {
              people = Headcount.share(m).people(of: people)
            }
            guard people > 0 else { continue }
            let a = d * 1440 + shift.start
            steps.append((a, people, shift.duty))
            steps.append((a + shift.length, -people, shift.duty))
          }
        }
        steps.sort { $0.time < $1.time }
        let floor = roster.watch.people(of: unitStaff[u])
        // With duty shifts, the people on duty are duty staff when no office shift is on (the
        // watch floor too): they take only what duty takes.
        let hasDuty = roster.shifts.contains(where: \.duty)
        var levels: [Level] = []
        var office = 0
        var onDuty = 0
        var i = 0
        // Breakpoints: every step and every day boundary (a watch floor starts or stops there).
        var d = -1
        while i < steps.count || d <= dayCount {
          let nextDay = d * 1440
          let time = i < steps.count ? min(steps[i].time, nextDay) : nextDay
          while i < steps.count, steps[i].time == time {
            if steps[i].duty { onDuty += steps[i].delta } else { office += steps[i].delta }
            i += 1
          }
          if time == nextDay { d += 1 }
          let watch = watching(day: Int((Double(time) / 1440).rounded(.down)))
          let level = office + onDuty
          let value = watch ? max(level, floor) : level
          let duty = hasDuty && office == 0 && value > 0
          if levels.last.map({ $0.people != value || $0.duty != duty }) ?? true {
            levels.append(Level(time: time, people: value, duty: duty))
          }
        }
        Self.emit(
          levels, unit: u, tier: t, begin: begin, end: end, initial: &initial, initialDuty: &initialDuty,
          changes: &changes, area: addArea)
      }
    }
    changes.sort { ($0.time, $0.unit) < ($1.time, $1.unit) }
    var times: [Double] = []
    var firstChange: [Int32] = []
    var changeUnits: [Int32] = []
    var changeValues: [Int32] = []
    var changeDuty: [Bool] = []
    for c in changes {
      let time = Double(c.time - begin)
      if times.last != time {
        times.append(time)
        firstChange.append(Int32(changeUnits.count))
      }
      changeUnits.append(c.unit)
      changeValues.append(c.value)
      changeDuty.append(c.duty)
    }
    firstChange.append(Int32(changeUnits.count))
    self.initial = initial
    self.initialDuty = initialDuty
    self.changeDuty = changeDuty
    self.times = times
    self.firstChange = firstChange
    self.changeUnits = changeUnits
    self.changeValues = changeValues
    self.dailyCapacity = dailyCapacity
  }

  /// A unit's people on duty from `time` on, and whether they are duty staff.
  struct Level {
    var time: Int
    var people: Int
    var duty: Bool
  }

  /// A unit's headcount (and duty) changing at a time.
  struct Change {
    var time: Int
    var unit: Int32
    var value: Int32
    var duty: Bool
  }

  /// Turns a unit's levels, in time order, into its initial headcount, its changes inside the
  /// period and its staff-minutes per day.
  private static func emit(
    _ levels: [Level], unit u: Int, tier t: Int, begin: Int, end: Int, initial: inout [Int32],
    initialDuty: inout [Bool], changes: inout [Change], area: (Int, Int, Int, Int) -> Void
  ) {
    var value = 0
    var duty = false
    for (k, level) in levels.enumerated() {
      let next = k + 1 < levels.count ? levels[k + 1].time : Int.max / 2
      area(level.time, next, level.people, t)
      if level.time <= begin {
        (value, duty) = (level.people, level.duty)
      } else if level.time < end, level.people != value || level.duty != duty {
        changes.append(Change(time: level.time, unit: Int32(u), value: Int32(level.people), duty: level.duty))
        (value, duty) = (level.people, level.duty)
      }
      if level.time <= begin {
        initial[u] = Int32(level.people)
        initialDuty[u] = level.duty
      }
    }
  }
}
