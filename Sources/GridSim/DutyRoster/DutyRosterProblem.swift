import Foundation

/// One shift of one unit on one day that needs named people (a seat count), or the day's leader
/// on duty (带班领导).
package struct DutySlot: Sendable, Equatable {
  /// Index into ``DutyRosterProblem/units``.
  package var unit: Int
  /// Day number (days since 1970-01-01).
  package var day: Int
  /// The roster shift's name, and what reports call it.
  package var shift: String
  package var shiftShown: String
  /// Minutes after the day's midnight, and minutes long.
  package var start: Int
  package var length: Int
  /// A night (it runs past midnight or starts before 06:00): rest follows it.
  package var night: Bool
  /// People it needs.
  package var seats: Int
  /// The day's leader on duty (only people with the leader role take it).
  package var leader: Bool
  /// A leader counted in the headcount of the day's first shift (roster `leader.counts`).
  package var countsInHeadcount = false
  package var kind: DayKind
  package var statutory: Bool
  package var hardDay: WorkCalendar.HardDay?

  /// A duty on a holiday (statutory or moved by 调休) or a weekend day.
  package var onDayOff: Bool { kind == .holiday || kind == .weekend }

  /// When it is, as the rest, consecutive-day and hours rules see it.
  package var duty: DutyTime { DutyTime(day: day, start: start, length: length, night: night) }
}

/// When a duty is: its day, start and length, and whether it is a night.
package struct DutyTime: Sendable, Equatable {
  /// Day number (days since 1970-01-01).
  package var day: Int
  /// Minutes after the day's midnight, and minutes long.
  package var start: Int
  package var length: Int
  /// A night (rest follows it).
  package var night: Bool
}

/// What a named duty roster must cover: every shift-day of the units that have people, from the
/// scenario's roster (or a plan's headcounts) over the days asked, with who may take it. On
/// working days only duty shifts (`duty: true`) and nights are covered: office hours are work,
/// not duty.
package struct DutyRosterProblem: Sendable {
  /// A unit that is rostered.
  package struct Unit: Sendable, Equatable {
    package var name: String
    package var tier: Int
    package var tierName: String
    /// Indices into ``people``.
    package var people: [Int]
  }

  package var scenarioName: String
  package var language: Scenario.Language
  package var rules: DutyRules
  package var calendar: WorkCalendar
  package var days: ClosedRange<Int>
  package var people: [DutyPerson]
  package var units: [Unit]
  package var slots: [DutySlot]
  /// Per slot, the people who may take it whatever else they do (unit, role, leave, banned shift).
  package var eligible: [[Int]]
  /// Per slot, the people on it in a previous roster (`--previous`), kept where the rules allow.
  package var previous: [[Int]]
  /// Per slot, people who must be on it (a swap's replacement), and people who must not (whom
  /// they replace).
  package var forced: [[Int]]
  package var barred: [[Int]]
  /// Tiers of the scenario with people, and their ids.
  package var tierIDs: [String]
  /// Per person, their duties on the days just before the first day (rows of `--previous` dated
  /// before it): the rest after a night, the days in a row and the hours count them. Empty when
  /// none were read.
  package var earlier: [[DutyTime]] = []

  /// The problem for `scenario`'s rostered tiers that have people, over `days`; `extra` adds dated
  /// roster rows (a plan's headcounts) per tier id before the roster is read.
  package init(
    scenario: Scenario, people: [DutyPerson], days: ClosedRange<Int>, extra: [String: [Roster.Entry]] = [:]
  ) {
    scenarioName = scenario.name
    language = scenario.language
    rules = scenario.rosterRules
    calendar = scenario.calendar.days
    self.days = days
    self.people = people
    tierIDs = scenario.tiers.map(\.id)
    let tree = UnitTree(scenario.organization, tierCount: scenario.tiers.count)
    var unitIndex: [String: Int] = [:]
    var units: [Unit] = []
    let peopleTiers = Set(people.compactMap { p in tree.units.first { $0.name == p.unit }?.tier })
    var treeIndex: [Int] = []
    for (k, u) in tree.units.enumerated() where peopleTiers.contains(u.tier) && unitIndex[u.name] == nil {
      guard scenario.tiers[u.tier].roster != nil else { continue }
      unitIndex[u.name] = units.count
      units.append(Unit(name: u.name, tier: u.tier, tierName: scenario.tiers[u.tier].name, people: []))
      treeIndex.append(k)
    }
    for (i, p) in people.enumerated() {
      if let u = unitIndex[p.unit] { units[u].people.append(i) }
    }
    var slots: [DutySlot] = []
    for (ui, unit) in units.enumerated() {
      let tier = scenario.tiers[unit.tier]
      guard var roster = tier.roster else { continue }
      roster.entries += extra[tier.id] ?? []
      let staff = tree.units[treeIndex[ui]].staff
      let leads =
        roster.leader.map { l in l.units.map { $0.contains(unit.name) || $0.contains(tier.id) } ?? true }
        ?? false
      for day in days {
        let kind = calendar.kind(ofDay: day)
        let window = scenario.windows.first { $0.contains(day: day) }
        let multiplier = window.map { $0.staffing.multiplier(tier: tier.id) }
        var daySlots: [DutySlot] = []
        for shift in roster.shifts.sorted(by: { $0.start < $1.start }) {
          // On working days office hours are work, not duty: only duty shifts and nights are named.
          if kind.isWorking, !shift.duty, shift.start + shift.length <= 1440, shift.start >= 360 { continue }
          let n = roster.people(
            shift: shift, date: day, kind: kind, unit: unit.name, staff: staff, multiplier: multiplier)
          guard n > 0 else { continue }
          daySlots.append(
            DutySlot(
              unit: ui, day: day, shift: shift.name, shiftShown: shift.shown, start: shift.start,
              length: shift.length, night: shift.start + shift.length > 1440 || shift.start < 360, seats: n,
              leader: false,
              kind: kind,
              statutory: calendar.isStatutory(day), hardDay: calendar.hardDay(day)))
        }
        if leads, let first = daySlots.first {
          var lead = first
          lead.leader = true
          lead.seats = 1
          lead.countsInHeadcount = roster.leader?.counts == true
          if lead.countsInHeadcount {
            daySlots[0].seats -= 1
            if daySlots[0].seats == 0 { daySlots.removeFirst() }
          }
          slots.append(lead)
        }
        slots += daySlots
      }
    }
    self.units = units
    self.slots = slots
    let hasLeader = Set(slots.filter(\.leader).map(\.unit))
    let borrow = rules.borrow
    eligible = slots.map { slot in
      let pool =
        borrow
        ? units.indices.filter { units[$0].tier == units[slot.unit].tier }.flatMap { units[$0].people }
        : units[slot.unit].people
      return pool.filter { p in
        let person = people[p]
        let roleFits =
          slot.leader ? person.role == .leader : (person.role != .leader || !hasLeader.contains(slot.unit))
        return roleFits && !person.unavailable.contains(slot.day) && !person.notShifts.contains(slot.shift)
      }
    }
    previous = Array(repeating: [], count: slots.count)
    forced = Array(repeating: [], count: slots.count)
    barred = Array(repeating: [], count: slots.count)
  }

  /// Counted hours of a slot toward the hours limits (a night at ``DutyRules/nightShare``).
  package func countedHours(_ s: Int) -> Double { countedHours(slots[s].duty) }

  /// Counted hours of a duty toward the hours limits.
  package func countedHours(_ duty: DutyTime) -> Double {
    Double(duty.length) / 60 * (duty.night ? rules.nightShare : 1)
  }

  /// The slot of a unit, day, shift and leader flag.
  package func slot(unit: String, day: Int, shift: String, leader: Bool) -> Int? {
    slots.indices.first {
      let s = slots[$0]
      return units[s.unit].name == unit && s.day == day && (s.shift == shift || s.shiftShown == shift)
        && s.leader == leader
    }
  }

  /// The dated roster rows of a plan (`plan.json`, as `gridsim plan --out` writes it), per tier
  /// id; nil with the reason when it is not one.
  package static func planEntries(_ text: String) -> Result<[String: [Roster.Entry]], PlanFileError> {
    guard let data = text.data(using: .utf8),
      let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
      return .failure(PlanFileError(message: "expected a JSON object as 'gridsim plan --out' writes it"))
    }
    guard top["schema"] as? String == "gridsim-plan" else {
      return .failure(
        PlanFileError(
          message: "expected \"schema\": \"gridsim-plan\" (a plan.json from 'gridsim plan --out')"))
    }
    guard let decisions = top["decisions"] as? [[String: Any]] else {
      return .failure(PlanFileError(message: "expected a list 'decisions'"))
    }
    var entries: [String: [Roster.Entry]] = [:]
    for (i, d) in decisions.enumerated() {
      guard let tier = d["tier"] as? String, let shift = d["shift"] as? String,
        let date = d["date"] as? String,
        let day = LocalDateTime(parsing: date)?.dayNumber, let staff = (d["staff"] as? NSNumber)?.intValue,
        staff >= 0
      else {
        return .failure(PlanFileError(message: "decision \(i + 1) lacks a tier, shift, date or staff"))
      }
      entries[tier, default: []].append(
        Roster.Entry(when: .date(day), unit: d["unit"] as? String, shift: shift, staff: .count(staff)))
    }
    return .success(entries)
  }

  /// Why a plan file cannot be used.
  package struct PlanFileError: Error, Sendable {
    package var message: String
  }
}
