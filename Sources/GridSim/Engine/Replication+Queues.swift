/// Stations and their waiting lines: which station does an item's stage, and taking items in and
/// out of its line in the tier's discipline (stale entries are skipped lazily).
extension Replication {
  /// The station (unit and role) that does the item's current stage.
  @inline(__always)
  func station(_ slot: Int) -> Int {
    Int(model.workflow.unitStation[Int(items[slot].unit)])
      + Int(model.workflow.stages[Int(items[slot].stage)].role)
  }

  /// Starts the item's stage if a staff member of its station is free, else it waits.
  @inline(__always)
  mutating func queueOrStart(_ slot: Int) {
    let station = station(slot)
    if stations.duty.canStart(station: station, unit: Int(items[slot].unit)) {
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
      if let next = dequeue(station: s) {
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
    switch model.discipline[tier] {
    case .fifo:
      stations.lines[station].fifo.append(entry)
    case .severity:
      clock.sequence += 1
      stations.lines[station].ordered.insert(
        PriorityEntry(key: -Double(items[slot].severity), order: clock.sequence, entry: entry))
    case .deadline:
      clock.sequence += 1
      let due = min(items[slot].responseDue, items[slot].resolutionDue)
      stations.lines[station].ordered.insert(PriorityEntry(key: due, order: clock.sequence, entry: entry))
    }
    stations.lines[station].live += 1
  }

  /// Takes the next live item from a station's line, if any (a part whose item has moved on is
  /// dropped).
  mutating func dequeue(station: Int) -> Int? {
    guard stations.lines[station].live > 0 else { return nil }
    while true {
      let entry: QueueEntry?
      if stations.lines[station].ordered.isEmpty {
        entry = stations.lines[station].fifo.popFirst()
      } else {
        entry = stations.lines[station].ordered.popMin()?.entry
      }
      guard let entry else { return nil }
      let slot = Int(entry.slot)
      guard items[slot].stamp == entry.stamp else { continue }
      stations.lines[station].live -= 1
      if Paths.optionalPaths, items[slot].kind == .part, !parentIsWaiting(slot) {
        items.remove(slot)
        if stations.lines[station].live == 0 { return nil }
        continue
      }
      return slot
    }
  }
}
