/// Stations and their waiting lines: which station does an item's stage, and taking items in and
/// out of its line in the tier's discipline (stale entries are skipped lazily). Where a model has
/// duty shifts, what duty does not take waits in the station's office line while duty staff are on,
/// and is taken after the station's other items once an office shift is.
extension Replication {
  /// The station (unit and role) that does the item's current stage.
  @inline(__always)
  func station(_ slot: Int) -> Int {
    Int(model.workflow.unitStation[Int(items[slot].unit)])
      + Int(model.workflow.stages[Int(items[slot].stage)].role)
  }

  /// True when duty staff (值班) take the item at once: what the policy's duty rule names.
  @inline(__always)
  func dutyTakes(_ slot: Int) -> Bool {
    model.dutyTakes[Int(items[slot].category), Int(items[slot].severity)]
      || (model.dutyTakesOpinion && items[slot].isWatched)
  }

  /// True when the item must wait for an office shift at its unit: duty staff are on, and duty
  /// does not take it.
  @inline(__always)
  func waitsForOffice(_ slot: Int) -> Bool {
    Paths.optionalPaths && model.hasDutyShifts && !dutyTakes(slot)
      && stations.duty.isDuty(unit: Int(items[slot].unit))
  }

  /// Starts the item's stage if a staff member of its station is free, else it waits.
  @inline(__always)
  mutating func queueOrStart(_ slot: Int) {
    let station = station(slot)
    if waitsForOffice(slot) {
      enqueue(slot, station: station)
    } else if stations.duty.canStart(station: station, unit: Int(items[slot].unit)) {
      startService(slot)
    } else {
      enqueue(slot, station: station)
    }
  }

  /// Free on-duty staff of a unit whose people cover its roles in turn take waiting items of any
  /// role, looking at the roles' lines in turn from the one after `station`.
  mutating func serve(unit: Int, after station: Int) {
    let unitStations = stations.duty.stations(unit: unit)
    var s = station + 1 == unitStations.upperBound ? unitStations.lowerBound : station + 1
    var idle = 0
    while idle < unitStations.count, stations.duty.canStart(station: s, unit: unit) {
      if let next = dequeue(station: s, unit: unit) {
        startService(next)
        idle = 0
      } else {
        idle += 1
      }
      s = s + 1 == unitStations.upperBound ? unitStations.lowerBound : s + 1
    }
  }

  mutating func enqueue(_ slot: Int, station: Int) {
    let entry = QueueEntry(slot: Int32(slot), stamp: items[slot].stamp)
    let tier = Int(items[slot].tier)
    var key: Double?
    switch model.discipline[tier] {
    case .fifo: key = nil
    case .severity:
      clock.sequence += 1
      key = -Double(items[slot].severity)
    case .deadline:
      clock.sequence += 1
      key = min(items[slot].responseDue, items[slot].resolutionDue)
    }
    if Paths.optionalPaths, model.hasDutyShifts, !dutyTakes(slot) {
      // Duty does not take it: the office line, whoever is on now (an office shift takes it from
      // there after the station's other items).
      if items[slot].waitForOffice(dutyOn: stations.duty.isDuty(unit: Int(items[slot].unit))) {
        countWaitedForOffice(slot)
      }
      stations.officeLines[station].push(entry, key: key, order: clock.sequence)
      return
    }
    stations.lines[station].push(entry, key: key, order: clock.sequence)
  }

  /// Counts a visit that waits for an office shift.
  mutating func countWaitedForOffice(_ slot: Int) {
    guard items[slot].isCounted else { return }
    increment(.waitedForOffice, slot, group: .tier(Int(items[slot].tier)))
    increment(.waitedForOffice, slot, group: .system)
  }

  /// Duty staff come on at `unit`: the items left in its office lines now wait for the office.
  mutating func dutyBegan(unit: Int) {
    for station in stations.duty.stations(unit: unit) {
      for entry in stations.officeLines[station].entries {
        let slot = Int(entry.slot)
        if items[slot].stamp == entry.stamp, items[slot].dutyBegan() { countWaitedForOffice(slot) }
      }
    }
  }

  /// Takes the next live item from a station's line, if any (a part whose item has moved on is
  /// dropped); with duty shifts, then from its office line unless duty staff are on at `unit`.
  mutating func dequeue(station: Int, unit: Int) -> Int? {
    if let slot = take(station: station, office: false) { return slot }
    guard Paths.optionalPaths, model.hasDutyShifts, !stations.duty.isDuty(unit: unit) else { return nil }
    return take(station: station, office: true)
  }

  @inline(__always)
  private mutating func take(station: Int, office: Bool) -> Int? {
    guard (office ? stations.officeLines[station].live : stations.lines[station].live) > 0 else { return nil }
    while true {
      let entry = office ? stations.officeLines[station].pop() : stations.lines[station].pop()
      guard let entry else { return nil }
      let slot = Int(entry.slot)
      guard items[slot].stamp == entry.stamp else { continue }
      if office { stations.officeLines[station].live -= 1 } else { stations.lines[station].live -= 1 }
      if Paths.optionalPaths, items[slot].kind == .part, !parentIsWaiting(slot) {
        items.remove(slot)
        if (office ? stations.officeLines[station].live : stations.lines[station].live) == 0 { return nil }
        continue
      }
      return slot
    }
  }
}
