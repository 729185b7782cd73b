/// How items come into the engine: the arrival process, a new item's slot, and its detection (at
/// once, or at its channel's next monitoring round), after which it enters its first tier.
extension Replication {
  /// Draws the next arrival of the non-homogeneous Poisson process with a rate constant within each
  /// local hour: an exponential amount of integrated rate is spent hour by hour (exact inversion).
  mutating func scheduleNextArrival() {
    var need = source.stream.exponential()
    var time = clock.now
    while true {
      let capacity = source.rate * (source.hourEnd - time)
      if need < capacity {
        schedule(time + need / source.rate, .arrival)
        return
      }
      need -= capacity
      time = source.hourEnd
      if time >= model.horizon { return }
      source.hour += 1
      source.hourEnd += 60
      source.rate = model.ratePerMinute(hourIndex: source.hour)
    }
  }

  /// A new item appears in grid `leaf` (severity drawn when nil) by `channel` (nil: seen at once);
  /// a follow-up post of worsening opinion does not worsen again.
  mutating func arrive(leaf: Int, category: Int, severity: Int?, channel: Int?, followUp: Bool = false) {
    let severity = severity ?? model.severityTables[category].sample(&source.stream)
    let counted = clock.now >= model.warmUp
    let day = today()
    let detected =
      if let channel, monitored { model.detectionTime(channel: channel, day: day, at: clock.now) } else {
        clock.now
      }
    let worsening = followUp || !Paths.optionalPaths ? nil : model.worseningWindow(category: category)
    let window = model.dayWindowSegment[day].map { Int16($0) }
    let kind = UInt8(model.dayKindSegment[day])
    let combination =
      measures.recorder.combinations?.index(
        category: category, kind: Int(kind), window: window.map { Int($0) }) ?? 0
    let slot = items.add(
      Item(
        appeared: clock.now, detected: detected, leaf: Int32(leaf), category: Int16(category),
        severity: Int16(severity), window: window, counted: counted, watched: worsening != nil,
        channel: UInt8(channel ?? 0), dayKind: kind, combination: UInt8(combination)))
    if counted { increment(.appeared, slot, group: .system) }
    if Paths.optionalPaths {
      ledger?.appear(
        slot,
        Ledger.Entry(
          category: category, severity: severity, channel: channel ?? 0, leaf: leaf, appeared: clock.now,
          detected: detected.isFinite ? detected : nil, counted: counted, followUp: followUp))
    }
    if let worsening { schedule(clock.now + worsening, .worsen, slot: slot) }
    if detected > clock.now {
      if detected.isFinite { schedule(detected, .detect, slot: slot, stamp: items[slot].stamp) }
    } else {
      detect(slot)
    }
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
        let delay = clock.now - items[slot].appeared
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
