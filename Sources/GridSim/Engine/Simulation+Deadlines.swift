/// Deadlines and staffing in the engine: a missed deadline is counted, may be extended, names
/// the unit and may take the item up (supervision, 督办); staff change with the rosters.
extension Simulation {
  // MARK: deadlines

  mutating func responseDeadline(_ slot: Int) {
    guard items[slot].flags & Item.responseSettled == 0 else { return }
    items[slot].flags |= Item.responseSettled
    let tier = Int(items[slot].tier)
    let category = Int(items[slot].category)
    if items[slot].flags & Item.counted != 0 {
      increment(.responseMissed, slot, group: tier)
      countDaily(.responseMissed, items[slot])
      let first = items[slot].firstResponse
      if (first < 0 || first > now) && items[slot].flags & Item.responseBreached == 0 {
        increment(.responseMissed, slot, group: model.tierCount)
      }
    }
    if items[slot].firstResponse < 0 || items[slot].firstResponse > now {
      items[slot].flags |= Item.responseBreached
    }
    if model.rules[tier * model.categoryCount + category].escalatesOnBreach { pullUp(slot) }
  }

  mutating func resolutionDeadline(_ slot: Int) {
    let flags = items[slot].flags
    guard flags & Item.resolutionSettled == 0 else { return }
    // A service that ends at this very minute is in time.
    if flags & Item.inService != 0, items[slot].serviceEnd <= now { return }
    let tier = Int(items[slot].tier)
    let category = Int(items[slot].category)
    let rule = model.rules[tier * model.categoryCount + category]
    if rule.extensionProbability > 0, flags & Item.extended == 0, grantExtension(slot, rule) { return }
    items[slot].flags |= Item.resolutionSettled
    if flags & Item.counted != 0 {
      increment(.resolutionMissed, slot, group: tier)
      countDaily(.resolutionMissed, items[slot])
      if flags & Item.resolutionBreached == 0 {
        increment(.resolutionMissed, slot, group: model.tierCount)
      }
      // Neither a reply nor an explanation (an extension): the unit is named.
      increment(.named, slot, group: tier)
      unitNamed[Int(items[slot].unit)] += 1
      countReminders(slot)
    }
    items[slot].flags |= Item.resolutionBreached
    ledger?.note(slot, .resolutionMissed(tier: tier, unit: Int(items[slot].unit)), at: now)
    if rule.escalatesOnBreach { pullUp(slot) }
  }

  /// Supervision: the item leaves its queue or its staff member and goes to the next tier now.
  mutating func pullUp(_ slot: Int) {
    take(slot)
    escalate(slot, .deadline, to: Int(items[slot].tier) + 1)
  }

  /// Takes the item off its tier now (out of its queue, a staff member's hands, or waiting for
  /// its parts) and ends the visit.
  mutating func take(_ slot: Int) {
    let flags = items[slot].flags
    if flags & Item.inService != 0 {
      releaseStaff(slot)
    } else if flags & Item.awaitingParts != 0 {
      items[slot].flags &= ~Item.awaitingParts
    } else {
      lines[station(slot)].live -= 1  // its entry goes stale when the stamp moves on
      if items[slot].flags & Item.pickedUp == 0 {
        items[slot].totalWait += now - items[slot].tierArrival
      }
    }
    endVisit(slot)
  }

  // MARK: staffing

  /// Headcounts change (a shift starts or ends): staff coming on take waiting items; staff going
  /// off finish the item in hand and take no new one.
  mutating func staffChange() {
    let plan = model.staffing
    let workflow = model.workflow
    let k = nextStaffChange
    for c in Int(plan.firstChange[k])..<Int(plan.firstChange[k + 1]) {
      let unit = Int(plan.changeUnits[c])
      unitCapacity[unit] = plan.changeValues[c]
      let first = Int(workflow.unitStation[unit])
      let shares = workflow.roleShares[model.unitTier[unit]]
      CompiledWorkflow.split(unitCapacity[unit], shares: shares, into: &capacity, at: first)
      for station in first..<first + shares.count {
        while busy[station] < capacity[station], let next = dequeue(station: station) { startService(next) }
      }
    }
    nextStaffChange += 1
    if nextStaffChange < plan.times.count { schedule(plan.times[nextStaffChange], .staffChange) }
  }
}
