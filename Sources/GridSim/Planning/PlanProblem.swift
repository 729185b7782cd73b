/// What the planner decides and how a candidate becomes a model: one headcount per unit for each
/// shift of each planned tier on each date of the window, the same for every unit of the tier (or
/// each unit its own, for the tiers planned unit by unit).
///
/// A tier without a roster is planned as one all-day shift. A candidate is laid on the scenario
/// as roster rows for those dates (``Roster/Entry`` with a date, taken as written), so the plan's
/// `roster.csv` loads back meaning exactly what was simulated. Models are compiled once per surge;
/// a candidate only compiles who is on duty again.
package struct PlanProblem: Sendable {
  /// One decision: a tier's shift on a date, for every unit of the tier or for one.
  package struct Decision: Sendable, Hashable {
    /// The tier, and the shift's index in ``PlanProblem/rosters``.
    package var tier: Int
    package var shift: Int
    /// The unit, when the tier is planned unit by unit (`plan.perUnit`).
    package var unit: Int?
    /// The date, as a day number; and its index among the period's days.
    package var date: Int
    package var day: Int
  }

  package let spec: PlanSpec
  /// One model per surge (arrivals scaled), each measuring the window's days one by one.
  package let models: [Model]
  /// The planned tiers' rosters, as planned (a tier without one gets an `all-day` shift).
  package let rosters: [Int: Roster]
  package let decisions: [Decision]
  /// Bounds per decision (people per unit), and the headcount per unit the scenario has now
  /// (the mean over the tier's units).
  package let lower: [Int]
  package private(set) var upper: [Int]
  /// The bounds before the people on hand capped them.
  let uncappedUpper: [Int]
  package let current: [Double]
  /// The days of the window, from the period's first day (0).
  package let days: Range<Int>
  /// The people on hand (``Group``): a unit cannot put more on duty on a day, over all its shifts.
  package private(set) var groups: [Group]
  /// Per decision: its group's index in ``groups``.
  package let group: [Int]
  /// What of a run the plan's checks read (``ResultScope``): the quantiles of the duration
  /// measures its targets judge by a percentile; the items of the days from the first to the last
  /// of the planned days and of each target's slice (its key-date window, or its day kind, whose
  /// days span most of the period), the visits begun on the planned days, and the daily rows up to
  /// the last of those days or the recovery's. The whole period when a target reads it all (it
  /// has no slice, or counts the items open at its end) or is not in the model (its tier,
  /// category, window or channel unknown, or a slice without days).
  package var scope: ResultScope {
    let model = models[0]
    var last: Int? = Swift.max(days.upperBound - 1, recovery?.after ?? 0)
    var items = days
    var quantiles = Set<Metric>()
    for target in model.scenario.targets {
      if case .duration(let metric, let statistic) = target.measure.kind, statistic != .mean,
        statistic != .max
      {
        quantiles.insert(metric)
      }
      guard target.measure.kind != .openAtEnd, let location = target.measure.location(in: model),
        location.segment != nil, let first = location.days.min(), let final = location.days.max()
      else {
        last = nil
        continue
      }
      last = last.map { Swift.max($0, final) }
      items = Swift.min(items.lowerBound, first)..<Swift.max(items.upperBound, final + 1)
    }
    return ResultScope(settledAfter: last, items: items, visits: days, quantiles: quantiles)
  }

  /// The days whose end-of-day backlogs the recovery rule compares (from the period's first day):
  /// `plan.recovery` working days after the window (or the period's last day, when it ends sooner),
  /// and the last working day before the window on the same weekday (else the day before the
  /// window); nil when the rule is off or that day is inside the warm-up.
  package let recovery: (before: Int, after: Int)?

  /// The people a unit has on a date after leave, and the decisions that share them: a tier's
  /// shifts on one date (for every unit of the tier, or for one unit).
  package struct Group: Sendable {
    package var tier: Int
    package var unit: Int?
    package var date: Int
    /// Staff times the window's staff multiplier (the largest unit's, for a tier planned as one),
    /// less a leader on duty who is not one of the people on duty.
    package var available: Int
    package var members: [Int]
    /// For a tier planned as one: the units that have fewer people than that, with their number.
    /// Such a unit puts all it has on duty, dealt to the shifts in turn (its own roster rows).
    package var smaller: [(unit: Int, available: Int)] = []
  }

  /// The problem of a scenario with a `plan`; nil when it has none.
  package init?(_ scenario: Scenario) {
    guard let spec = scenario.plan else { return nil }
    self.spec = spec
    let firstDay = scenario.period.start.dayNumber
    days = (spec.from - firstDay)..<(spec.to - firstDay + 1)
    models = spec.surges.map { surge in
      var s = scenario
      s.demand.perGridPerDay *= surge
      return Model(s).measuring(days: (spec.from - firstDay)..<(spec.to - firstDay + 1))
    }
    let base = models[0]
    var rosters: [Int: Roster] = [:]
    var decisions: [Decision] = []
    var lower: [Int] = []
    var upper: [Int] = []
    var current: [Double] = []
    var uncapped: [Int] = []
    var groups: [Group] = []
    var group: [Int] = []
    for (t, tier) in scenario.tiers.enumerated() where spec.tiers.contains(tier.id) {
      let units = base.unitTier.indices.filter { base.unitTier[$0] == t }
      let largest = units.map { base.unitStaff[$0] }.max() ?? 1
      var allDay = Roster.Shift(
        name: "all-day", start: 0, end: 0,
        staff: Dictionary(uniqueKeysWithValues: DayKind.allCases.map { ($0, Headcount.share(1)) }))
      allDay.title = "全天"
      var roster = tier.roster ?? Roster(shifts: [allDay])
      for date in spec.days {
        let d = date - firstDay
        let kind = scenario.calendar.days.kind(ofDay: date)
        let window = scenario.windows.first { $0.contains(day: date) }
        let multiplier = window.map { $0.staffing.multiplier(tier: tier.id) }
        // The people each unit has that day: a leader on duty outside the headcount is one fewer.
        let onHand = units.map { u -> Int in
          let staff = base.unitStaff[u]
          var people = multiplier.map { Headcount.share($0).people(of: staff) } ?? staff
          if let leader = roster.leader, !leader.counts,
            leader.units?.contains(base.unitNames[u]) ?? true
          {
            people -= 1
          }
          return Swift.max(0, people)
        }
        let firstGroup = groups.count
        if spec.perUnit.contains(tier.id) {
          for (k, u) in units.enumerated() {
            groups.append(Group(tier: t, unit: u, date: date, available: onHand[k], members: []))
          }
        } else {
          let most = onHand.max() ?? 0
          var g = Group(tier: t, unit: nil, date: date, available: most, members: [])
          g.smaller = zip(units, onHand).filter { $0.1 < most }.map { ($0.0, $0.1) }
          groups.append(g)
        }
        for (s, shift) in roster.shifts.enumerated() {
          let people = units.map { u -> Int in
            roster.people(
              shift: shift, date: date, kind: kind, unit: base.unitNames[u], staff: base.unitStaff[u],
              multiplier: window.map { $0.staffing.multiplier(tier: tier.id) })
          }
          // A shift not worked on this day is no decision (the plan keeps it off).
          guard people.contains(where: { $0 > 0 }) || shift.staff[kind] != nil else { continue }
          let low = spec.min[tier.id] ?? 0
          if spec.perUnit.contains(tier.id) {
            for (k, u) in units.enumerated() {
              groups[firstGroup + k].members.append(decisions.count)
              group.append(firstGroup + k)
              decisions.append(Decision(tier: t, shift: s, unit: u, date: date, day: d))
              lower.append(low)
              uncapped.append(max(low, spec.max[tier.id] ?? base.unitStaff[u]))
              upper.append(max(low, min(uncapped.last!, onHand[k])))
              current.append(Double(people[k]))
            }
          } else {
            groups[firstGroup].members.append(decisions.count)
            group.append(firstGroup)
            decisions.append(Decision(tier: t, shift: s, unit: nil, date: date, day: d))
            lower.append(low)
            uncapped.append(max(low, spec.max[tier.id] ?? largest))
            upper.append(max(low, min(uncapped.last!, groups[firstGroup].available)))
            current.append(Double(people.reduce(0, +)) / Double(max(units.count, 1)))
          }
        }
      }
      // Rows of the scenario's own for the window's dates and planned shifts give way to the plan.
      roster.entries.removeAll { entry in
        if case .date(let date) = entry.when { return spec.days.contains(date) }
        return false
      }
      rosters[t] = roster
    }
    self.rosters = rosters
    self.groups = groups
    self.group = group
    // Recovery: `recovery` working days after the window against the last working day before it
    // that falls on the same weekday (a Monday's pile holds the weekend's), else the day before it.
    let lastDay = scenario.period.end.adding(minutes: -1).dayNumber - firstDay
    var after = days.upperBound - 1
    var working = 0
    while working < spec.recovery, after < lastDay {
      after += 1
      if scenario.calendar.days.kind(ofDay: firstDay + after).isWorking { working += 1 }
    }
    let measured = (base.startMinuteOfDay + Int(base.warmUp)) / 1440
    let sameWeekday = stride(from: days.lowerBound - 1, through: measured, by: -1).first { d in
      (after - d) % 7 == 0 && scenario.calendar.days.kind(ofDay: firstDay + d).isWorking
    }
    let before = sameWeekday ?? days.lowerBound - 1
    recovery = spec.recovery > 0 && before >= measured && after > before ? (before, after) : nil
    self.decisions = decisions
    self.lower = lower
    self.upper = upper
    uncappedUpper = uncapped
    dayWeight = decisions.map { Self.weight(spec, scenario, day: $0.date) }
    self.current = current
  }

  /// The cost weight of a date (a day number): `plan.dayCost.statutory` on a statutory holiday when
  /// given, else the weight of its day kind, else 1.
  package static func weight(_ spec: PlanSpec, _ scenario: Scenario, day: Int) -> Double {
    if let statutory = spec.statutoryCost, scenario.calendar.days.isStatutory(day) { return statutory }
    return spec.dayCost[scenario.calendar.days.kind(ofDay: day)] ?? 1
  }

  /// Per decision: the cost weight of its date's day kind (`plan.dayCost`).
  let dayWeight: [Double]

  /// True for ``unlimited()``'s problem.
  private(set) var isUnlimited = false

  /// The same problem without the limit of the people on hand: what the targets need.
  func unlimited() -> PlanProblem {
    var copy = self
    copy.isUnlimited = true
    copy.upper = uncappedUpper
    for g in copy.groups.indices { copy.groups[g].available = Int.max / 4 }
    return copy
  }

  /// The rosters with a candidate's headcounts as dated rows; a unit with fewer people than a tier's
  /// headcounts add up to on a date gets rows of its own (``Group/smaller``, ``rows(for:)``).
  package func rosters(for plan: [Int]) -> [Int: Roster] {
    var out = rosters
    for row in rows(for: plan) {
      out[row.tier]!.entries.append(
        Roster.Entry(
          when: .date(row.date), unit: row.unit.map { models[0].unitNames[$0] },
          shift: rosters[row.tier]!.shifts[row.shift].name, staff: .count(row.staff)))
    }
    return out
  }

  /// A dated roster row of a plan: a tier's (unit nil) or a unit's.
  package struct Row: Sendable, Equatable {
    package var tier: Int
    package var unit: Int?
    package var shift: Int
    package var date: Int
    package var staff: Int
  }

  /// The plan as roster rows: one per decision, then, for each unit of a tier planned as one that has
  /// fewer people on a date than the headcounts add up to, its people dealt to the shifts in turn.
  package func rows(for plan: [Int]) -> [Row] {
    var out = decisions.indices.map { i in
      Row(
        tier: decisions[i].tier, unit: decisions[i].unit, shift: decisions[i].shift, date: decisions[i].date,
        staff: plan[i])
    }
    for group in groups where !group.smaller.isEmpty {
      let wanted = group.members.map { plan[$0] }
      guard wanted.reduce(0, +) > group.smaller.map(\.available).min() ?? Int.max else { continue }
      for (unit, available) in group.smaller where wanted.reduce(0, +) > available {
        var dealt = [Int](repeating: 0, count: wanted.count)
        var left = available
        while left > 0 {
          var any = false
          for k in dealt.indices where left > 0 && dealt[k] < wanted[k] {
            dealt[k] += 1
            left -= 1
            any = true
          }
          if !any { break }
        }
        for (k, i) in group.members.enumerated() {
          out.append(
            Row(tier: group.tier, unit: unit, shift: decisions[i].shift, date: group.date, staff: dealt[k]))
        }
      }
    }
    return out
  }

  /// The model of surge `k` with a candidate's headcounts.
  package func model(surge k: Int, plan: [Int]) -> Model {
    models[k].replacingRosters(rosters(for: plan))
  }

  /// Units the decision staffs: its tier's, or its one unit.
  package func units(_ i: Int) -> Int {
    decisions[i].unit == nil ? models[0].tierUnits[decisions[i].tier] : 1
  }

  /// Hours the decision's shift lasts.
  package func hours(_ i: Int) -> Double {
    Double(rosters[decisions[i].tier]!.shifts[decisions[i].shift].length) / 60
  }

  /// Staff-hours on duty at the planned tiers over the window with a plan (nil: the scenario's
  /// roster), counted from the simulated staffing: every unit's shifts, the watch floor included,
  /// and a leader on duty outside the headcount (24 hours a day at each unit that needs one); and
  /// their cost: the tier's cost per staff-hour times the weight of the day's kind.
  package func onDuty(_ plan: [Int]?) -> (hours: Double, cost: Double) {
    onDutyByTier(plan).values.reduce((0, 0)) { ($0.0 + $1.hours, $0.1 + $1.cost) }
  }

  /// ``onDuty(_:)`` per planned tier.
  package func onDutyByTier(_ plan: [Int]?) -> [Int: (hours: Double, cost: Double)] {
    let model = plan.map { self.model(surge: 0, plan: $0) } ?? models[0]
    let scenario = model.scenario
    let firstDay = scenario.period.start.dayNumber
    var out: [Int: (hours: Double, cost: Double)] = [:]
    for (t, roster) in rosters {
      let tier = scenario.tiers[t]
      var leaders = 0
      if let leader = roster.leader, !leader.counts {
        leaders =
          model.unitTier.indices.filter {
            model.unitTier[$0] == t && (leader.units?.contains(model.unitNames[$0]) ?? true)
          }.count
      }
      var hours = 0.0
      var cost = 0.0
      for d in days where d < model.staffing.dailyCapacity.rows {
        let h = model.staffing.dailyCapacity[d, t] / 60 + Double(leaders * 24)
        hours += h
        let weight = Self.weight(spec, scenario, day: firstDay + d)
        cost += h * (spec.cost[tier.id] ?? 1) * weight
      }
      out[t] = (hours, cost)
    }
    return out
  }

  /// A bound no plan within the bounds goes below, in staff-hours on duty: per planned tier the
  /// larger of its shifts at their least and the work its items need (`work`, busy staff-hours
  /// from the window's first day through the day recovery is judged) done at full use, less what
  /// the roster's people after the window can take by then (no plan changes those days). Per
  /// tier, also which of the two binds.
  package func lowerBound(work: [Int: Double]) -> (hours: Double, byWork: Set<Int>) {
    let floor = onDutyByTier(lower)
    let model = models[0]
    let after = days.upperBound..<Swift.max(days.upperBound, (recovery?.after ?? -1) + 1)
    var hours = 0.0
    var byWork = Set<Int>()
    for t in rosters.keys.sorted() {
      let least = floor[t]?.hours ?? 0
      let later = after.reduce(0.0) {
        $0 + ($1 < model.staffing.dailyCapacity.rows ? model.staffing.dailyCapacity[$1, t] / 60 : 0)
      }
      let needed = (work[t] ?? 0) - later
      if needed > least { byWork.insert(t) }
      hours += Swift.max(least, needed)
    }
    return (hours, byWork)
  }

  /// The cost of a plan's decisions alone (people per unit × units × hours × the tier's cost per
  /// staff-hour × the day's weight), which the search minimises.
  package func cost(_ plan: [Double]) -> Double {
    plan.indices.reduce(0) { total, i in
      let tier = models[0].scenario.tiers[decisions[i].tier].id
      return total + plan[i] * Double(units(i)) * hours(i) * (spec.cost[tier] ?? 1) * dayWeight[i]
    }
  }
}

extension PlanProblem {
  /// A check's target (or rule) and day in plain words with an ISO date, as `plan.json` names the
  /// check one person fewer misses: `领导小组 recovery on 2026-10-13`.
  package func describe(_ check: Planner.Check) -> String {
    let scenario = models[0].scenario
    let date = check.date.map { " on " + LocalDateTime(minutes: Int64($0) * 1440).dateDescription } ?? ""
    switch check.rule {
    case .target(let i): return scenario.targets[i].name + date
    case .recovery(let t): return "\(scenario.tiers[t].name) recovery" + date
    case .dutyFloor(let t): return "\(scenario.tiers[t].name) duty on time" + date
    }
  }
}
