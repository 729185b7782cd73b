/// How items come into the engine: the arrival process, a new item's slot, and its detection (at
/// once, or at its channel's next monitoring round), after which it enters its first tier.
extension Replication {
  /// Draws the next arrival of the non-homogeneous Poisson process with a rate constant within each
  /// local hour: an exponential amount of integrated rate is spent hour by hour (exact inversion).
  mutating func scheduleNextArrival() {
    var need = arrivals.exponential()
    var time = now
    while true {
      let capacity = arrivalRate * (arrivalHourEnd - time)
      if need < capacity {
        schedule(time + need / arrivalRate, .arrival)
        return
      }
      need -= capacity
      time = arrivalHourEnd
      if time >= model.horizon { return }
      arrivalHour += 1
      arrivalHourEnd += 60
      arrivalRate = model.ratePerMinute(hourIndex: arrivalHour)
    }
  }

  /// A new item appears in grid `leaf` (severity drawn when nil) by `channel` (nil: seen at once);
  /// a follow-up post of worsening opinion does not worsen again.
  mutating func arrive(leaf: Int, category: Int, severity: Int?, channel: Int?, followUp: Bool = false) {
    let severity = severity ?? model.severityTables[category].sample(&arrivals)
    let counted = now >= model.warmUp
    let day = today()
    let detected =
      if let channel, monitored { model.detectionTime(channel: channel, day: day, at: now) } else {
        now
      }
    let worsening = followUp || !Paths.optionalPaths ? nil : model.worseningWindow(category: category)
    let window = model.dayWindowSegment[day].map { Int16($0) }
    let kind = UInt8(model.dayKindSegment[day])
    let combination =
      recorder.combinations?.index(category: category, kind: Int(kind), window: window.map { Int($0) }) ?? 0
    let slot = newSlot(
      Item(
        appeared: now, detected: detected, leaf: Int32(leaf), category: Int16(category),
        severity: Int16(severity), window: window, counted: counted, watched: worsening != nil,
        channel: UInt8(channel ?? 0), dayKind: kind, combination: UInt8(combination)))
    if counted { increment(.appeared, slot, group: .system) }
    if Paths.optionalPaths {
      ledger?.appear(
        slot,
        Ledger.Entry(
          category: category, severity: severity, channel: channel ?? 0, leaf: leaf, appeared: now,
          detected: detected.isFinite ? detected : nil, counted: counted, followUp: followUp))
    }
    if let worsening { schedule(now + worsening, .worsen, slot: slot) }
    if detected > now {
      if detected.isFinite { schedule(detected, .detect, slot: slot, stamp: items[slot].stamp) }
    } else {
      detect(slot)
    }
  }

  /// Puts an item in a free slot (keeping the slot's stamp, so that old events stay stale).
  @inline(__always)
  mutating func newSlot(_ item: Item) -> Int {
    if let free = freeSlots.popLast() {
      let slot = Int(free)
      let stamp = items[slot].stamp
      items[slot] = item
      items[slot].stamp = stamp
      return slot
    }
    items.append(item)
    return items.count - 1
  }

  /// Frees an item's slot: its events and queue entries go stale.
  @inline(__always)
  mutating func freeSlot(_ slot: Int) {
    items[slot].stamp &+= 1
    freeSlots.append(Int32(slot))
  }

  /// The item is seen and enters its entry tier (reported past the lower tiers when a rule says so).
  @inline(__always)
  mutating func detect(_ slot: Int) {
    let category = Int(items[slot].category)
    let severity = Int(items[slot].severity)
    let entry = model.entryTier(category: category, severity: severity)
    if items[slot].isCounted {
      increment(.visits, slot, group: .system)
      increment(.entered, slot, group: .tier(entry))
      if entry > 0 { increment(.escalatedMajor, slot, group: .tier(0)) }
      if monitored {
        let delay = now - items[slot].appeared
        record(.detection, slot, group: .tier(entry), delay)
        record(.detection, slot, group: .system, delay)
        recordByChannel(.detection, slot, delay)
      }
    }
    if Paths.optionalPaths, let report = model.skipLevelReport(category: category, severity: severity) {
      fileReport(slot, rule: report.rule, above: entry)
    }
    enter(slot, tier: entry)
  }
}
