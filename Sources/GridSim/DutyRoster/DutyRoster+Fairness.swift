extension DutyRoster {
  /// One person's share of the duty, and what it earns (pay by day kind, or time off owed).
  package struct Share: Sendable, Equatable {
    package var person: Int
    package var duties = 0
    package var nights = 0
    package var hardDays = 0
    /// Duties on statutory holidays, on other days off (rest days, days moved by 调休, weekends),
    /// and on working days.
    package var statutory = 0
    package var restDays = 0
    package var workdays = 0
    /// Hours on duty, and the hours counted toward the limits (nights at the rules' share).
    package var hours = 0.0
    package var countedHours = 0.0
    /// Pay in days' wages at the rules' multiples (0 for posts given time off instead).
    package var payDays = 0.0
    /// Days off owed (补休) for duty on days off, for posts given time off.
    package var timeOffDays = 0
    /// Duties against the person's wishes (a shift or day they would rather not take, or none of
    /// what they prefer).
    package var againstWishes = 0
  }

  /// Each person's share, in the order of the people file.
  package var shares: [Share] {
    var shares = problem.people.indices.map { Share(person: $0) }
    let rules = problem.rules
    for (s, people) in seats.enumerated() {
      let slot = problem.slots[s]
      for p in people {
        var share = shares[p]
        share.duties += 1
        if slot.night { share.nights += 1 }
        if slot.hardDay != nil { share.hardDays += 1 }
        if slot.statutory {
          share.statutory += 1
        } else if slot.onDayOff {
          share.restDays += 1
        } else {
          share.workdays += 1
        }
        if problem.people[p].dislikes(shift: slot.shift, day: slot.day) { share.againstWishes += 1 }
        share.hours += Double(slot.length) / 60
        share.countedHours += problem.countedHours(s)
        let post = rules.rules(for: problem.people[p].post)
        if post.timeOff, slot.onDayOff || slot.statutory {
          share.timeOffDays += 1
        } else {
          share.payDays +=
            slot.statutory ? rules.payStatutory : slot.onDayOff ? rules.payRestDay : rules.payWorkday
        }
        shares[p] = share
      }
    }
    return shares
  }

  /// True when someone in the people file named wishes (`prefers` or `rather-not`).
  package var hasWishes: Bool { problem.people.contains { !$0.prefers.isEmpty || !$0.ratherNot.isEmpty } }

  /// Seats given to another person than in the previous roster (`--previous`).
  package var changes: Int {
    var count = 0
    for (s, before) in problem.previous.enumerated() {
      count += before.filter { !seats[s].contains($0) }.count
    }
    return count
  }

  /// The first working day after the roster's days: from then, time off owed can be taken.
  package var timeOffFrom: Int {
    var day = problem.days.upperBound + 1
    while !problem.calendar.kind(ofDay: day).isWorking { day += 1 }
    return day
  }

  /// The spread (most minus fewest) of duties, nights and hard days among the people who could
  /// take them, per unit and role (leaders apart): the largest over the units.
  package var spread: (duties: Int, nights: Int, hardDays: Int) {
    let shares = self.shares
    var worst = (duties: 0, nights: 0, hardDays: 0)
    for (u, unit) in problem.units.enumerated() {
      for leader in [false, true] {
        let slots = problem.slots.indices.filter {
          problem.slots[$0].unit == u && problem.slots[$0].leader == leader
        }
        let pool = Set(slots.flatMap { problem.eligible[$0] }).filter { unit.people.contains($0) }
        guard !pool.isEmpty else { continue }
        func gap(_ value: (Share) -> Int) -> Int {
          let values = pool.map { value(shares[$0]) }
          return (values.max() ?? 0) - (values.min() ?? 0)
        }
        worst.duties = max(worst.duties, gap(\.duties))
        worst.nights = max(worst.nights, gap(\.nights))
        worst.hardDays = max(worst.hardDays, gap(\.hardDays))
      }
    }
    return worst
  }

  /// Headcounts per unit, shift and day the roster actually fills, as dated roster rows: fed back
  /// into the scenario, the simulation judges the named roster's headcounts.
  package var filledEntries: [String: [Roster.Entry]] {
    var entries: [String: [Roster.Entry]] = [:]
    var index: [String: (tier: String, at: Int)] = [:]
    for (s, slot) in problem.slots.enumerated() where !slot.leader || slot.countsInHeadcount {
      let unit = problem.units[slot.unit]
      let tier = problem.tierIDs[unit.tier]
      let key = "\(slot.unit)|\(slot.day)|\(slot.shift)"
      if let found = index[key], case .count(let n) = entries[tier]![found.at].staff {
        entries[tier]![found.at].staff = .count(n + seats[s].count)
      } else {
        index[key] = (tier, entries[tier, default: []].count)
        entries[tier, default: []].append(
          Roster.Entry(
            when: .date(slot.day), unit: unit.name, shift: slot.shift, staff: .count(seats[s].count)))
      }
    }
    return entries
  }
}
