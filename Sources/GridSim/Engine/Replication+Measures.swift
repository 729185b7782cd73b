/// Recording in the engine: counts and durations per tier, category and slice, and the daily
/// and time-weighted measures.
extension Replication {
  /// Records a duration for the item's category and, for the whole system, its day kind's and
  /// its window's slices and its severity (per tier as well cost a further 15% of the engine's
  /// speed).
  @inline(__always)
  mutating func record(_ metric: Metric, _ slot: Int, group: Group, _ value: Double) {
    guard group == .system else {
      measures.recorder.record(
        metric, group: group, category: Int(items[slot].category), value, checked: Paths.optionalPaths)
      return
    }
    recordSystem(metric, slot, value)
    if hasExtraColumns { recordExtras(metric, slot, value) }
  }

  /// Records a duration for the whole system in the item's category and slices, without the
  /// extra columns: a caller recording several at once adds those in one out-of-line call (each
  /// check between records makes the recorder's arrays be checked and loaded again).
  @inline(__always)
  mutating func recordSystem(_ metric: Metric, _ slot: Int, _ value: Double) {
    if measures.recorder.combinationCount > 0 {
      measures.recorder.recordSystem(
        metric, combination: Int(items[slot].combination), value, checked: Paths.optionalPaths)
      return
    }
    measures.recorder.record(
      metric, group: .system, columns: Int(items[slot].category),
      measures.segmentColumn + Int(items[slot].dayKind),
      items[slot].window.map { measures.segmentColumn + Int($0) }, value, checked: Paths.optionalPaths)
  }

  /// Counts for the whole system without the extra columns (see ``recordSystem(_:_:_:)``).
  @inline(__always)
  mutating func incrementSystem(_ counter: Counter, _ slot: Int) {
    if measures.recorder.combinationCount > 0 {
      measures.recorder.incrementSystem(counter, combination: Int(items[slot].combination))
      return
    }
    measures.recorder.increment(
      counter, group: .system, columns: Int(items[slot].category),
      measures.segmentColumn + Int(items[slot].dayKind),
      items[slot].window.map { measures.segmentColumn + Int($0) })
  }

  /// The extra columns of an item's closing (``Replication/close(_:)``).
  @inline(never)
  mutating func closeExtras(_ slot: Int, resolution: Double, inSystem: Double, met: Bool) {
    incrementExtras(.closed, slot)
    recordExtras(.resolution, slot, resolution)
    recordExtras(.timeInSystem, slot, inSystem)
    recordExtras(.wait, slot, items[slot].totalWait)
    if met { incrementExtras(.resolutionMet, slot) }
  }

  /// The extra columns of an item's first response (``Replication/startService(_:)``).
  @inline(never)
  mutating func responseExtras(_ slot: Int, _ responseTime: Double, met: Bool) {
    recordExtras(.response, slot, responseTime)
    if met { incrementExtras(.responseMet, slot) }
  }

  /// The severity's and the measured day's columns, when the model keeps them (out of line: most
  /// runs keep neither, and the hot path stays small).
  @inline(never)
  mutating func recordExtras(_ metric: Metric, _ slot: Int, _ value: Double) {
    if model.severityColumns > 0 {
      measures.recorder.record(
        metric, group: .system, category: model.severityColumn + Int(items[slot].severity), value,
        checked: Paths.optionalPaths)
    }
    if let column = model.measuredDayColumn(appeared: items[slot].appeared) {
      measures.recorder.record(metric, group: .system, category: column, value, checked: Paths.optionalPaths)
    }
  }

  @inline(never)
  mutating func incrementExtras(_ counter: Counter, _ slot: Int) {
    if model.severityColumns > 0 {
      measures.recorder.increment(
        counter, group: .system, category: model.severityColumn + Int(items[slot].severity))
    }
    if let column = model.measuredDayColumn(appeared: items[slot].appeared) {
      measures.recorder.increment(counter, group: .system, category: column)
    }
  }

  /// Records a duration for the item's channel, overall and in its day kind's and window's slices.
  @inline(__always)
  mutating func recordByChannel(_ metric: Metric, _ slot: Int, _ value: Double) {
    // With one channel (no channel table to draw from), its figures are the whole system's
    // (ReplicationResult reads them there).
    guard hasChannels else { return }
    let base = Int(items[slot].channel) * (1 + model.segmentNames.count)
    measures.channelRecorder.record(
      metric, group: .system, columns: base, base + 1 + Int(items[slot].dayKind),
      items[slot].window.map { base + 1 + Int($0) }, value, checked: Paths.optionalPaths)
  }

  /// Counts an event of the item's, for its category and, for the whole system, its day kind's
  /// and its window's slices and its severity.
  @inline(__always)
  mutating func increment(_ counter: Counter, _ slot: Int, group: Group) {
    guard group == .system else {
      measures.recorder.increment(counter, group: group, category: Int(items[slot].category))
      return
    }
    incrementSystem(counter, slot)
    if hasExtraColumns { incrementExtras(counter, slot) }
  }

  /// Counts an event at the item's tier and for the whole system, when the item is measured.
  @inline(__always)
  mutating func count(_ counter: Counter, _ slot: Int) {
    guard items[slot].isCounted else { return }
    increment(counter, slot, group: .tier(Int(items[slot].tier)))
    increment(counter, slot, group: .system)
  }

  /// Counts a deadline outcome of the item's visit by the day and tier the visit began at.
  @inline(__always)
  mutating func countDaily(_ outcome: DailyOutcome, _ slot: Int) {
    let d = model.day(of: items[slot].tierArrival)
    measures.recorder.dailyOnTime[d, Int(items[slot].tier)][outcome] += 1
    // What duty must take, apart: its on-time share is a plan's floor on every day.
    if Paths.optionalPaths, model.hasDutyShifts, outcome == .responseMet || outcome == .responseMissed,
      dutyTakes(slot)
    {
      measures.recorder.dailyOnTime[d, Int(items[slot].tier)][
        outcome == .responseMet ? .dutyResponseMet : .dutyResponseMissed] += 1
    }
  }

  /// The day (from the period's first, 0) of the present moment: the one of the last call while
  /// time has not left it, so that most calls cost a comparison rather than a division.
  @inline(__always)
  mutating func today() -> Int {
    if clock.now >= clock.todaySpan.start, clock.now < clock.todaySpan.end { return clock.todaySpan.day }
    let d = model.day(of: clock.now)
    let start = Double(d * 1440 - model.startMinuteOfDay)
    clock.todaySpan = (d, d == 0 ? -.infinity : start, d == model.dayCount - 1 ? .infinity : start + 1440)
    return d
  }

  // MARK: time-weighted and daily measures

  @inline(__always)
  mutating func changeBusy(_ tier: Int, by delta: Int) {
    stations.busyStaff[tier].change(by: delta, at: clock.now)
  }

  /// A staff member of a tier role starts (+1) or ends (-1) a task.
  @inline(__always)
  mutating func changeBusy(_ tier: Int, role: Int, by delta: Int) {
    stations.busyStaff[tier].change(by: delta, at: clock.now)
    stations.busyStaff[model.tierCount + role].change(by: delta, at: clock.now)
  }

  /// Every tier role's busy and on-duty staff-minutes up to now.
  mutating func roleAreas() -> [RoleAreas] {
    let roles = model.tierCount..<stations.busyStaff.count
    for r in roles { stations.busyStaff[r].change(by: 0, at: clock.now) }
    for r in stations.roleOnDuty.indices {
      stations.roleOnDuty[r].change(by: 0, at: clock.now)
      stations.roleCover[r].change(by: 0, at: clock.now)
    }
    let busy = stations.busyStaff.array(roles)
    return busy.indices.map {
      RoleAreas(busy: busy[$0].area, onDuty: stations.roleOnDuty[$0].area, cover: stations.roleCover[$0].area)
    }
  }

  mutating func dayEnd() {
    for t in 0..<model.tierCount { changeBusy(t, by: 0) }
    closeDay()
    clock.day += 1
    if clock.day < model.dayCount { schedule(clock.now + 1440, .dayEnd) }
  }

  mutating func closeDay() {
    guard clock.day < model.dayCount else { return }
    for t in 0..<model.tierCount {
      measures.recorder.dailyBacklog[clock.day, t] = measures.present[t]
      measures.recorder.dailyBusy[clock.day, t] = stations.busyStaff[t].area - measures.busyAtDayStart[t]
    }
    measures.busyAtDayStart = stations.busyStaff.array(0..<model.tierCount).map(\.area)
  }
}
