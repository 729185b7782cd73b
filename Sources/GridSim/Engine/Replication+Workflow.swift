/// The workflow's rules in the engine: forks to several departments, skip-level reports, the
/// reply and the callback (satisfaction, reopening), extensions, supervision reminders and
/// worsening opinion. Parts and reports are tasks: slots of their own that wait at a station and
/// take staff time, but are not items (they are not counted as visits or closures).
extension Replication {
  // MARK: forks and reports

  /// The handle stage of an item involving several departments: the item does the lead's part,
  /// one task per other department waits at the same station; the stage ends when all are done.
  mutating func fork(_ slot: Int, _ stage: CompiledStage) {
    let u = routing.uniform()
    var n = 1
    for i in Int(stage.forkStart)..<Int(stage.forkEnd) where u < model.workflow.forkChoices[i].cumulative {
      n = Int(model.workflow.forkChoices[i].count)
      break
    }
    guard n > 1 else { return }
    count(.forked, slot)
    ledger?.note(slot, .forked(parts: n), at: clock.now)
    let task = items[slot].part(of: slot, at: clock.now)
    for _ in 1..<n {
      let part = items.add(task)
      ledger?.attach(
        part, to: slot,
        Ledger.Task(
          isReport: false, tier: Int(task.tier), unit: Int(task.unit), role: Int(stage.role), ready: clock.now
        ))
      queueOrStart(part)
    }
    items[slot].fork(parts: n - 1)
  }

  /// True while the item a part belongs to is still at the visit that forked it.
  @inline(__always)
  func parentIsWaiting(_ slot: Int) -> Bool {
    let parent = Int(items[slot].parent)
    return items[parent].stamp == items[slot].parentStamp && items[parent].phase != .finished
  }

  /// A part or a report is done.
  mutating func taskDone(_ slot: Int) {
    if items[slot].kind == .report {
      let met = clock.now <= items[slot].resolutionDue
      count(met ? .reportMet : .reportMissed, slot)
    } else if parentIsWaiting(slot) {
      let parent = Int(items[slot].parent)
      if items[parent].partDone() { stageDone(parent) }
    }
    items.remove(slot)
  }

  /// Skip-level reporting: a report to the unit at the rule's tier above the item's grid, due
  /// within the rule's time, unless the item enters at that tier or above.
  mutating func fileReport(_ slot: Int, rule r: Int, above entry: Int) {
    let rule = model.workflow.reports[r]
    let tier = Int(rule.tier)
    guard tier > entry else { return }
    let task = items[slot].report(
      tier: tier, unit: model.leafAncestors[Int(items[slot].leaf), tier], stage: rule.stage, at: clock.now,
      due: clock.now + rule.within)
    let report = items.add(task)
    ledger?.attach(
      report, to: slot,
      Ledger.Task(
        isReport: true, tier: tier, unit: Int(task.unit),
        role: Int(model.workflow.stages[Int(rule.stage)].role),
        ready: clock.now, due: task.resolutionDue))
    ledger?.note(report, .reportFiled(tier: tier, due: task.resolutionDue), at: clock.now)
    queueOrStart(report)
  }

  // MARK: reply, callback, extension, reminders

  /// The reply is posted: the tier's resolution is settled; the item is resolved when it closes
  /// (a reopened item by its last reply).
  mutating func replied(_ slot: Int) {
    items[slot].reply(at: clock.now)
    settleResolutionMet(slot)
  }

  /// The follow-up call: true when the citizen is unsatisfied and the item is handled again.
  mutating func callback(_ slot: Int) -> Bool {
    let tier = Int(items[slot].tier)
    guard let rule = model.rules[tier, Int(items[slot].category)].callback else {
      count(.satisfied, slot)
      if Paths.optionalPaths { ledger?.note(slot, .callback(satisfied: true), at: clock.now) }
      return false
    }
    let p = min(1, rule.unsatisfied + rule.perDayLate * items[slot].daysLate)
    guard p > 0, routing.uniform() < p else {
      count(.satisfied, slot)
      if Paths.optionalPaths { ledger?.note(slot, .callback(satisfied: true), at: clock.now) }
      return false
    }
    count(.unsatisfied, slot)
    if Paths.optionalPaths { ledger?.note(slot, .callback(satisfied: false), at: clock.now) }
    guard Int(items[slot].reopenings) < rule.maxReopenings else { return false }
    items[slot].reopen()
    count(.reopened, slot)
    endVisit(slot)
    let target = rule.reopenAt == .up ? min(tier + 1, model.tierCount - 1) : tier
    if target > tier {
      escalate(slot, .reopened, to: target)
    } else {
      if Paths.optionalPaths { ledger?.reopen(slot) }
      enter(slot, tier: target)
    }
    return true
  }

  /// The resolution deadline is reached without a reply: an extension is asked for with the rule's
  /// probability and granted up to its limit (true), when that is later than now.
  mutating func grantExtension(_ slot: Int, _ rule: CompiledRule) -> Bool {
    guard routing.uniform() < rule.extensionProbability else { return false }
    let tier = Int(items[slot].tier)
    let newDue = model.due(rule.extensionLimit, from: items[slot].clockStart, tier: tier)
    guard newDue > clock.now else { return false }
    let oldDue = items[slot].resolutionDue
    items[slot].extend(to: newDue)
    count(.extensions, slot)
    if Paths.optionalPaths { ledger?.note(slot, .extended(tier: tier, due: newDue), at: clock.now) }
    schedule(newDue, .resolutionDeadline, slot: slot, stamp: items[slot].stamp)
    // A stage cut short by the old deadline (no end scheduled) may now end in time.
    let end = items[slot].serviceEnd
    if items[slot].isInService, rule.escalatesOnBreach, end > oldDue, end <= newDue {
      schedule(end, .serviceDone, slot: slot, stamp: items[slot].stamp)
    }
    return true
  }

  /// Supervision reminders sent before the resolution deadline was settled now (see
  /// ``Item/remindersSent(before:fractions:)``), counted at the tier and for the whole system.
  mutating func countReminders(_ slot: Int) {
    let reminders = model.workflow.reminders
    guard !reminders.isEmpty else { return }
    for _ in 0..<items[slot].remindersSent(before: clock.now, fractions: reminders) {
      count(.reminders, slot)
    }
  }

  // MARK: worsening opinion

  /// The item's worsening window closes: answered by now, it was kept from worsening; if not, its
  /// severity rises, follow-up posts appear, and it may go straight to a higher tier (and be
  /// reported past the lower ones).
  mutating func worsen(_ slot: Int) {
    switch items[slot].watchEnds(at: clock.now) {
    case .closed:
      count(.kept, slot)
      items.remove(slot)
      return
    case .answered:
      count(.kept, slot)
      return
    case .unanswered: break
    }
    count(.worsened, slot)
    let category = Int(items[slot].category)
    guard let rule = model.workflow.worsening[category] else { return }
    let old = Int(items[slot].severity)
    let severity = min(model.severityCount - 1, old + rule.severityRise)
    items[slot].worsen(to: severity)
    ledger?.note(slot, .worsened(severity: severity, followUps: rule.followUps), at: clock.now)
    let leaf = Int(items[slot].leaf)
    let channel = Int(items[slot].channel)
    if items[slot].isCounted {
      for _ in 0..<rule.followUps { increment(.followUps, slot, group: .system) }
    }
    for _ in 0..<rule.followUps {
      arrive(leaf: leaf, category: category, severity: severity, channel: channel, followUp: true)
    }
    // Not seen yet: it enters by its new severity when it is.
    guard severity != old, items[slot].detected <= clock.now else { return }
    let oldRule = model.skipLevelReport(category: category, severity: old)?.rule
    if let report = model.skipLevelReport(category: category, severity: severity), report.rule != oldRule {
      fileReport(slot, rule: report.rule, above: Int(items[slot].tier))
    }
    let entry = model.entryTier(category: category, severity: severity)
    if entry > Int(items[slot].tier) {
      take(slot)
      escalate(slot, .worsened, to: entry)
    }
  }

  /// True when the item's worsening window closes before `time` with the item unanswered, and the
  /// worse severity takes it from its tier (as ``worsen(_:)`` will do then): a response planned
  /// for `time` at this tier is never made.
  @inline(__always)
  func worseningTakes(_ slot: Int, before time: Double) -> Bool {
    // Most items are not watched: decide that from the flags alone.
    guard Paths.optionalPaths, items[slot].isWatched else { return false }
    let category = Int(items[slot].category)
    guard let rule = model.workflow.worsening[category] else { return false }
    let closes = items[slot].appeared + rule.within.minutes
    guard closes < time, !items[slot].answered(by: closes), items[slot].detected <= closes else {
      return false
    }
    let old = Int(items[slot].severity)
    let severity = min(model.severityCount - 1, old + rule.severityRise)
    return severity != old && model.entryTier(category: category, severity: severity) > Int(items[slot].tier)
  }
}
