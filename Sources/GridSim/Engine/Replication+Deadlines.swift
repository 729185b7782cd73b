/// Deadlines and staffing in the engine: a missed deadline is counted, may be extended, names
/// the unit and may take the item up (supervision, 督办); staff change with the rosters.
extension Replication {
  // MARK: deadlines

  mutating func responseDeadline(_ slot: Int) {
    guard let miss = items[slot].responseDeadlinePassed(at: clock.now) else { return }
    let tier = Int(items[slot].tier)
    if items[slot].isCounted {
      increment(.responseMissed, slot, group: .tier(tier))
      countDaily(.responseMissed, slot)
      if miss.countsForSystem { increment(.responseMissed, slot, group: .system) }
    }
    if model.rules[tier, Int(items[slot].category)].escalatesOnBreach { pullUp(slot) }
  }

  mutating func resolutionDeadline(_ slot: Int) {
    let tier = Int(items[slot].tier)
    let rule = model.rules[tier, Int(items[slot].category)]
    let miss: Item.Miss
    switch items[slot].resolutionDeadlinePassed(at: clock.now, extensible: rule.extensionProbability > 0) {
    case .nothing: return
    case .offerExtension:
      if grantExtension(slot, rule) { return }
      miss = items[slot].missResolution()
    case .missed(let m): miss = m
    }
    if items[slot].isCounted {
      increment(.resolutionMissed, slot, group: .tier(tier))
      countDaily(.resolutionMissed, slot)
      if miss.countsForSystem { increment(.resolutionMissed, slot, group: .system) }
      // No reply: the unit is named (after an extension too: it explained the first delay only).
      increment(.named, slot, group: .tier(tier))
      increment(.named, slot, group: .system)
      measures.unitNamed[Int(items[slot].unit)] += 1
      countReminders(slot)
    }
    let unit = Int(items[slot].unit)
    if Paths.optionalPaths { ledger?.note(slot, .resolutionMissed(tier: tier, unit: unit), at: clock.now) }
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
    switch items[slot].handOver(at: clock.now) {
    case .inService: releaseStaff(slot)
    case .awaitingParts: break  // its parts are dropped when they come to be served
    case .queued(let wait, let officeLine):
      // Its entry goes stale when the stamp moves on.
      if officeLine {
        stations.officeLines[station(slot)].live -= 1
      } else {
        stations.lines[station(slot)].live -= 1
      }
      // Taken from the queue before anyone picked it up: its time in the queue is this visit's
      // wait (the tier's wait covers every visit, as queueing theory's M/M/c+D does).
      if let wait, items[slot].isCounted { record(.wait, slot, group: .tier(Int(items[slot].tier)), wait) }
    }
    endVisit(slot)
  }

  // MARK: staffing

  /// Headcounts change (a shift starts or ends): staff coming on take waiting items; staff going
  /// off finish the item in hand and take no new one.
  mutating func staffChange() {
    let plan = model.staffing
    let workflow = model.workflow
    let k = stations.nextStaffChange
    for c in Int(plan.firstChange[k])..<Int(plan.firstChange[k + 1]) {
      let unit = Int(plan.changeUnits[c])
      let tier = model.unitTier[unit]
      let roles = workflow.roleShares[tier].indices
      let before = roles.map {
        (stations.duty.onDuty(unit: unit, role: $0), stations.duty.cover(unit: unit, role: $0))
      }
      let wasDuty = stations.duty.isDuty(unit: unit)
      stations.duty.change(unit: unit, to: plan.changeValues[c], duty: plan.changeDuty[c])
      if Paths.optionalPaths, model.hasDutyShifts, !wasDuty, plan.changeDuty[c] { dutyBegan(unit: unit) }
      for r in roles {
        let i = workflow.roleOffset[tier] + r
        stations.roleOnDuty[i].change(
          by: stations.duty.onDuty(unit: unit, role: r) - before[r].0, at: clock.now)
        stations.roleCover[i].change(
          by: stations.duty.cover(unit: unit, role: r) - before[r].1, at: clock.now)
      }
      let unitStations = stations.duty.stations(unit: unit)
      if stations.duty.isPooled(unit: unit) {
        serve(unit: unit, after: unitStations.upperBound - 1)
      } else {
        for station in unitStations {
          while stations.duty.canStart(station: station, unit: unit),
            let next = dequeue(station: station, unit: unit)
          {
            startService(next)
          }
        }
      }
    }
    stations.nextStaffChange += 1
    stations.changeSequence = clock.sequence
    if stations.nextStaffChange < plan.times.count {
      schedule(plan.times[stations.nextStaffChange], .staffChange)
    }
  }
}
