/// The end of a visit: the bookkeeping when an item leaves a tier, the resolution settled in
/// time, escalation to the next tier, and the item's closing with its measures.
extension Replication {
  /// Bookkeeping when an item leaves a tier, for whatever reason.
  @inline(__always)
  mutating func endVisit(_ slot: Int) {
    let tier = Int(items[slot].tier)
    measures.present[tier] -= 1
    measures.recorder.dailyDone[clock.day, tier] += 1
    if Paths.optionalPaths { ledger?.leave(slot, at: clock.now) }
    guard items[slot].isCounted else { return }
    record(.timeAtTier, slot, group: .tier(tier), clock.now - items[slot].tierArrival)
    settleResolutionMet(slot)
  }

  /// The tier is done with the item in time (nothing when its resolution is already settled).
  mutating func settleResolutionMet(_ slot: Int) {
    guard items[slot].settleResolutionInTime(), items[slot].isCounted else { return }
    increment(.resolutionMet, slot, group: .tier(Int(items[slot].tier)))
    countDaily(.resolutionMet, slot)
    countReminders(slot)
  }

  mutating func escalate(_ slot: Int, _ reason: EscalationReason, to tier: Int) {
    if items[slot].isCounted {
      increment(.escalated(reason), slot, group: .tier(Int(items[slot].tier)))
    }
    if Paths.optionalPaths { ledger?.escalate(slot, reason) }
    enter(slot, tier: tier)
  }

  /// The visit ends after its last stage (the callback and archive included): the item closes.
  @inline(__always)
  mutating func finishVisit(_ slot: Int) {
    endVisit(slot)
    close(slot)
    if Paths.optionalPaths, ledger != nil {
      let marks = items[slot].marks
      ledger?.close(
        slot, at: clock.now, responseMissed: marks.contains(.responseBreached),
        resolutionMissed: marks.contains(.resolutionBreached))
    }
    // A watched item's events go stale; its slot waits for the worsening window.
    if items[slot].close(watching: Paths.optionalPaths) == .freeSlot { items.remove(slot) }
  }

  /// The item closes, once, at the tier it is at: its resolution is its last reply (after any
  /// reopening), or the closure when no stage replied; its time in system runs to the closure.
  @inline(__always)
  mutating func close(_ slot: Int) {
    let tier = Int(items[slot].tier)
    guard items[slot].isCounted else { return }
    let resolution = items[slot].resolution(closingAt: clock.now) - items[slot].detected
    let inSystem = clock.now - items[slot].appeared
    let met = items[slot].resolutionMetOverall
    increment(.closed, slot, group: .tier(tier))
    record(.resolution, slot, group: .tier(tier), resolution)
    record(.timeInSystem, slot, group: .tier(tier), inSystem)
    incrementSystem(.closed, slot)
    recordSystem(.resolution, slot, resolution)
    recordSystem(.timeInSystem, slot, inSystem)
    recordSystem(.wait, slot, items[slot].totalWait)
    if met { incrementSystem(.resolutionMet, slot) }
    if hasExtraColumns { closeExtras(slot, resolution: resolution, inSystem: inSystem, met: met) }
  }
}
