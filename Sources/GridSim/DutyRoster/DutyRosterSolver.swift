/// A hard rule of a duty roster, as a refusal names it.
package enum DutyRosterRule: String, Sendable, CaseIterable {
  /// Someone of another unit (each unit covers its own shifts).
  case unit
  /// The leader's seat for someone who is not a leader, or the other way round.
  case role
  /// A day they asked off (请假) or cannot be on duty.
  case leave
  /// A shift they may not take.
  case notShift = "not-shift"
  /// Already on this shift, or already on as many shifts that day as allowed.
  case sameDay = "same-day"
  /// Two shifts at once.
  case overlap
  /// A shift in the rest after a night duty.
  case restAfterNight = "rest-after-night"
  /// More duty days in a row than allowed.
  case consecutiveDays = "consecutive-days"
  /// More duty hours in 7 days than their kind of post allows.
  case weekHours = "week-hours"
  /// More duty hours in a month than their kind of post allows.
  case monthHours = "month-hours"
}

/// A shift-day the roster could not fill: how many it needs and how many could take it.
package struct DutyShortfall: Sendable, Equatable {
  package var slot: Int
  package var needs: Int
  package var filled: Int
  /// People of the unit with the role who are not on leave and may take the shift.
  package var afterLeave: Int
  /// Of those, the people the rest, consecutive-day and hours rules leave free, given the rest of
  /// the roster.
  package var afterRest: Int
}

/// A named duty roster: who is on each shift-day, what is missing, and how good it is.
package struct DutyRoster: Sendable {
  package var problem: DutyRosterProblem
  /// Per slot, the people on it (indices into the problem's people).
  package var seats: [[Int]]
  package var shortfalls: [DutyShortfall]
  /// The weighted soft goals (lower is better), a counting lower bound on them, and whether the
  /// roster was shown optimal by enumerating every roster.
  package var objective: Int
  package var lowerBound: Int
  package var exact: Bool

  /// True when every seat is filled.
  package var isComplete: Bool { shortfalls.isEmpty }
}

/// The solver (ours, no packages): greedy by scarcity, then local search on the weighted soft
/// goals; exact by enumeration when the problem is small. Deterministic: the same problem gives
/// the same roster.
package struct DutyRosterSolver: Sendable {
  package let problem: DutyRosterProblem
  /// Per slot, the people on it.
  package private(set) var seats: [[Int]]
  /// Per person, the slots they are on.
  private(set) var mine: [[Int]]
  /// Per person: duties, nights, holiday duties, hard days.
  private(set) var counts: [[Int]]
  private let hours: [Double]
  private let weights: [Int]
  /// Per unit: a leader on duty is asked for there.
  private let unitHasLeader: [Bool]
  /// Per person, the index of their unit in the problem.
  private let personUnit: [Int]

  package init(problem: DutyRosterProblem) {
    self.problem = problem
    seats = Array(repeating: [], count: problem.slots.count)
    mine = Array(repeating: [], count: problem.people.count)
    counts = Array(repeating: [0, 0, 0, 0], count: problem.people.count)
    hours = problem.slots.indices.map(problem.countedHours)
    let w = problem.rules.weights
    weights = [w.duties, w.nights, w.holidays, w.hardDays]
    var leads = Array(repeating: false, count: problem.units.count)
    for slot in problem.slots where slot.leader { leads[slot.unit] = true }
    unitHasLeader = leads
    let index = Dictionary(problem.units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    personUnit = problem.people.map { index[$0.unit] ?? -1 }
  }

  /// Which measures a slot adds to: duties, nights, holiday duties, hard days.
  private func measures(_ s: Int) -> [Int] {
    let slot = problem.slots[s]
    return [1, slot.night ? 1 : 0, slot.kind == .holiday ? 1 : 0, slot.hardDay != nil ? 1 : 0]
  }

  // MARK: rules

  /// The first hard rule that person `p` on slot `s` would break, given their other slots
  /// (without `ignoring`); nil when none.
  /// - Complexity: O(k) in the person's slots.
  package func violation(_ p: Int, _ s: Int, ignoring: Int? = nil) -> DutyRosterRule? {
    let slot = problem.slots[s]
    let person = problem.people[p]
    if personUnit[p] != slot.unit {
      guard problem.rules.borrow, personUnit[p] >= 0,
        problem.units[personUnit[p]].tier == problem.units[slot.unit].tier
      else { return .unit }
    }
    if slot.leader ? person.role != .leader : (person.role == .leader && unitHasLeader[slot.unit]) {
      return .role
    }
    if person.unavailable.contains(slot.day) { return .leave }
    if person.notShifts.contains(slot.shift) { return .notShift }
    if problem.barred[s].contains(p) { return .sameDay }
    let rules = problem.rules
    let others = mine[p].filter { $0 != ignoring && $0 != s }
    if mine[p].contains(s) && ignoring != s { return .sameDay }
    if others.filter({ problem.slots[$0].day == slot.day }).count >= rules.maxShiftsPerDay { return .sameDay }
    let a0 = slot.day * 1440 + slot.start
    let a1 = a0 + slot.length
    let earlier = problem.earlier.isEmpty ? [] : problem.earlier[p]
    let all = others.map { problem.slots[$0].duty } + earlier
    for other in all {
      let b0 = other.day * 1440 + other.start
      if b0 < a1 && a0 < b0 + other.length { return .overlap }
      if other.night, other.day < slot.day, slot.day <= other.day + rules.restAfterNight {
        return .restAfterNight
      }
      if slot.night, slot.day < other.day, other.day <= slot.day + rules.restAfterNight {
        return .restAfterNight
      }
    }
    let days = Set(all.map(\.day))
    var run = 1
    var d = slot.day - 1
    while days.contains(d) {
      run += 1
      d -= 1
    }
    d = slot.day + 1
    while days.contains(d) {
      run += 1
      d += 1
    }
    if run > rules.maxConsecutiveDays { return .consecutiveDays }
    let post = rules.rules(for: person.post)
    let counted =
      others.map { (day: problem.slots[$0].day, hours: hours[$0]) }
      + earlier.map { (day: $0.day, hours: problem.countedHours($0)) }
    if let limit = post.hoursPerWeek {
      for w in (slot.day - 6)...slot.day {
        let sum = counted.filter { (w...(w + 6)).contains($0.day) }.reduce(hours[s]) { $0 + $1.hours }
        if sum > limit + 1e-9 { return .weekHours }
      }
    }
    if let limit = post.hoursPerMonth {
      let month = LocalDateTime.civil(fromDays: slot.day)
      let sum = counted.filter {
        let d = LocalDateTime.civil(fromDays: $0.day)
        return d.month == month.month && d.year == month.year
      }.reduce(hours[s]) { $0 + $1.hours }
      if sum > limit + 1e-9 { return .monthHours }
    }
    return nil
  }

  // MARK: the objective

  /// The weighted soft goals of the current roster.
  package var objective: Int {
    var total = 0
    for p in problem.people.indices {
      for k in 0..<4 { total += weights[k] * counts[p][k] * counts[p][k] }
    }
    for s in seats.indices {
      total += problem.rules.weights.changes * problem.previous[s].filter { !seats[s].contains($0) }.count
      total += seats[s].reduce(0) { $0 + seatCost($1, s) }
    }
    return total
  }

  /// The soft goals that weigh each seat on its own: a hard day for someone who had hard days last
  /// year (more for the same hard day), a duty the person would rather not have, a seat borrowed
  /// from another unit.
  func seatCost(_ p: Int, _ s: Int) -> Int {
    let slot = problem.slots[s]
    let person = problem.people[p]
    let w = problem.rules.weights
    var cost = 0
    if let hard = slot.hardDay {
      cost += w.rotation * person.lastYearHardDays
      if person.lastYearHard.contains(hard) { cost += w.sameHardDay }
    }
    if person.dislikes(shift: slot.shift, day: slot.day) { cost += w.preference }
    if personUnit[p] != slot.unit { cost += w.borrowed }
    return cost
  }

  /// How the objective changes when `p` takes a seat of `s` (positive: worse).
  private func gain(_ p: Int, _ s: Int) -> Int {
    let m = measures(s)
    var delta = seatCost(p, s)
    for k in 0..<4 where m[k] > 0 { delta += weights[k] * (2 * counts[p][k] + 1) }
    if problem.previous[s].contains(p) { delta -= problem.rules.weights.changes }
    return delta
  }

  /// How the objective changes when `p` leaves a seat of `s`.
  private func loss(_ p: Int, _ s: Int) -> Int {
    let m = measures(s)
    var delta = -seatCost(p, s)
    for k in 0..<4 where m[k] > 0 { delta += weights[k] * (1 - 2 * counts[p][k]) }
    if problem.previous[s].contains(p) { delta += problem.rules.weights.changes }
    return delta
  }

  mutating func place(_ p: Int, _ s: Int) { add(p, s) }
  mutating func unplace(_ p: Int, _ s: Int) { remove(p, s) }

  private mutating func add(_ p: Int, _ s: Int) {
    seats[s].append(p)
    mine[p].append(s)
    let m = measures(s)
    for k in 0..<4 { counts[p][k] += m[k] }
  }

  private mutating func remove(_ p: Int, _ s: Int) {
    seats[s].removeAll { $0 == p }
    mine[p].removeAll { $0 == s }
    let m = measures(s)
    for k in 0..<4 { counts[p][k] -= m[k] }
  }

  // MARK: solving

  /// Solves the problem: exactly when every roster can be enumerated (at most `exactLimit`
  /// leaves), else greedy by scarcity and local search.
  package static func solve(_ problem: DutyRosterProblem, exactLimit: Int = 20_000) -> DutyRoster {
    var solver = DutyRosterSolver(problem: problem)
    if solver.searchSpace(limit: exactLimit) != nil, let best = solver.enumerate(limit: exactLimit) {
      return best
    }
    solver.greedy()
    solver.improve()
    return solver.result(exact: false)
  }

  /// The roster as it stands.
  package func result(exact: Bool) -> DutyRoster {
    var shortfalls: [DutyShortfall] = []
    for s in problem.slots.indices where seats[s].count < problem.slots[s].seats {
      let free = problem.eligible[s].filter { !seats[s].contains($0) }
      let afterRest = free.filter { violation($0, s) == nil }.count
      shortfalls.append(
        DutyShortfall(
          slot: s, needs: problem.slots[s].seats, filled: seats[s].count,
          afterLeave: problem.eligible[s].count,
          afterRest: afterRest + seats[s].count))
    }
    return DutyRoster(
      problem: problem, seats: seats.map { $0.sorted() }, shortfalls: shortfalls, objective: objective,
      lowerBound: lowerBound(), exact: exact)
  }

  /// A counting lower bound on the spread terms: in each unit, each measure's total over its
  /// seats shared as evenly as possible among the people who may take them.
  package func lowerBound() -> Int {
    var bound = 0
    for (u, unit) in problem.units.enumerated() {
      for leader in [false, true] {
        let slots = problem.slots.indices.filter {
          problem.slots[$0].unit == u && problem.slots[$0].leader == leader
        }
        let pool = Set(slots.flatMap { problem.eligible[$0] })
        guard !pool.isEmpty else { continue }
        _ = unit
        for k in 0..<4 {
          let total = slots.reduce(0) {
            $0 + measures($1)[k] * min(problem.slots[$1].seats, problem.eligible[$1].count)
          }
          let n = pool.count
          let q = total / n
          let r = total % n
          bound += weights[k] * ((n - r) * q * q + r * (q + 1) * (q + 1))
        }
      }
    }
    return bound
  }

  /// The number of rosters to enumerate, or nil when above `limit`.
  func searchSpace(limit: Int) -> Int? {
    var total = 1
    for s in problem.slots.indices {
      let n = problem.eligible[s].count
      let k = problem.slots[s].seats
      var c = 1
      for i in 0..<min(k, n) { c = c * (n - i) / (i + 1) }
      total *= max(c, 1)
      if total > limit { return nil }
    }
    return total
  }

  /// Every roster (seats filled as far as the rules allow, fewest shortfalls first), the best by
  /// the objective; nil when more than `limit` leaves.
  package func enumerate(limit: Int) -> DutyRoster? {
    var work = self
    var best: (short: Int, objective: Int, seats: [[Int]])?
    var leaves = 0
    var order = problem.slots.indices.flatMap { s in Array(repeating: s, count: problem.slots[s].seats) }
    order.sort { (problem.slots[$0].day, $0) < (problem.slots[$1].day, $1) }
    func visit(_ i: Int, _ short: Int) -> Bool {
      if i == order.count {
        leaves += 1
        if leaves > limit { return false }
        let value = work.objective
        if best.map({ (short, value) < ($0.short, $0.objective) }) ?? true {
          best = (short, value, work.seats)
        }
        return true
      }
      let s = order[i]
      let last = work.seats[s].last ?? -1
      var any = false
      for p in problem.eligible[s] where p > last && work.violation(p, s) == nil {
        any = true
        work.add(p, s)
        let ok = visit(i + 1, short)
        work.remove(p, s)
        if !ok { return false }
      }
      // A seat is left empty (a shortfall) only when nobody may take it.
      return any ? true : visit(i + 1, short + 1)
    }
    guard visit(0, 0), let best else { return nil }
    var solved = DutyRosterSolver(problem: problem)
    for s in best.seats.indices { for p in best.seats[s] { solved.add(p, s) } }
    return solved.result(exact: true)
  }

  /// Fills every seat, scarcest shift-days first, each with the person it costs least (the
  /// previous roster's person where the rules allow); a seat nobody may take is left for the
  /// report, after trying to free someone by moving one of their duties to another person.
  package mutating func greedy() {
    for s in problem.slots.indices {
      for p in problem.forced[s] where violation(p, s) == nil && seats[s].count < problem.slots[s].seats {
        add(p, s)
      }
    }
    let order = problem.slots.indices.sorted {
      let a = problem.eligible[$0].count - problem.slots[$0].seats
      let b = problem.eligible[$1].count - problem.slots[$1].seats
      return (a, problem.slots[$0].day, $0) < (b, problem.slots[$1].day, $1)
    }
    for s in order {
      while seats[s].count < problem.slots[s].seats {
        if let p = problem.eligible[s].filter({ violation($0, s) == nil }).min(by: {
          (gain($0, s), $0) < (gain($1, s), $1)
        }) {
          add(p, s)
        } else if !free(s) {
          break
        }
      }
    }
  }

  /// Frees someone for slot `s` by giving one of their duties to another person; false when
  /// nobody can be freed that way.
  private mutating func free(_ s: Int) -> Bool {
    for q in problem.eligible[s] where !seats[s].contains(q) {
      for a in mine[q] where !problem.forced[a].contains(q) && violation(q, s, ignoring: a) == nil {
        remove(q, a)
        if let r = problem.eligible[a].filter({
          $0 != q && !seats[a].contains($0) && violation($0, a) == nil && violation(q, s) == nil
        }).first {
          add(r, a)
          add(q, s)
          return true
        }
        add(q, a)
      }
    }
    return false
  }

  /// Local search: moves a seat to another person, or swaps two people's seats in a unit, while
  /// that lowers the objective and keeps every rule; fills seats it can on the way. At most
  /// `passes` passes over the roster.
  package mutating func improve(passes: Int = 40) {
    var unitSlots = Array(repeating: [Int](), count: problem.units.count)
    for (s, slot) in problem.slots.enumerated() { unitSlots[slot.unit].append(s) }
    for _ in 0..<passes {
      var improved = false
      for s in problem.slots.indices {
        while seats[s].count < problem.slots[s].seats,
          let p = problem.eligible[s].first(where: { violation($0, s) == nil })
        {
          add(p, s)
          improved = true
        }
        for p in seats[s] where !problem.forced[s].contains(p) {
          let out = loss(p, s)
          var best: (Int, Int)?
          for q in problem.eligible[s] where q != p && !seats[s].contains(q) {
            let delta = out + gain(q, s)
            if delta < 0, best.map({ delta < $0.0 }) ?? true, violation(q, s) == nil { best = (delta, q) }
          }
          if let (_, q) = best {
            remove(p, s)
            add(q, s)
            improved = true
          }
        }
      }
      // Swaps between two slots of a unit.
      for s in problem.slots.indices {
        for t in unitSlots[problem.slots[s].unit] where t > s {
          for p in seats[s] where !problem.forced[s].contains(p) && !seats[t].contains(p) {
            for q in seats[t] where !problem.forced[t].contains(q) && !seats[s].contains(q) && q != p {
              guard problem.eligible[t].contains(p), problem.eligible[s].contains(q) else { continue }
              var delta = loss(p, s)
              remove(p, s)
              delta += loss(q, t)
              remove(q, t)
              if violation(p, t) == nil {
                delta += gain(p, t)
                add(p, t)
                if violation(q, s) == nil, delta + gain(q, s) < 0 {
                  add(q, s)
                  improved = true
                  break
                }
                remove(p, t)
              }
              add(p, s)
              add(q, t)
            }
          }
        }
      }
      if !improved { break }
    }
  }
}
