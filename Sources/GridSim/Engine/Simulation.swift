/// One replication of a model: a discrete-event simulation of items moving up the tiers.
///
/// Everything is a value: the event heap, the item slab, the waiting lines and the statistics are
/// arrays owned by this struct, so a replication runs on one thread with no locks and allocates
/// nothing per event once the arrays have grown to the system's size.
///
/// An item's visit to a tier: it arrives at its unit (deadline timers start), waits for a free
/// staff member, is picked up, responds after the `response` time, is handled for the `handling`
/// time, then is closed, or passed up (authority, referral). A missed deadline whose rule says
/// `escalate` takes it to the next tier at once, out of the queue or out of a staff member's hands.
public struct Simulation: Sendable {
  let model: Model
  private var now = 0.0
  private var heap = BinaryHeap<Event>()
  private var sequence: UInt64 = 0
  private var items: ContiguousArray<Item> = []
  private var freeSlots: [Int32] = []
  private var busy: [Int32]
  private var lines: [WaitingLine]
  private var arrivals: RandomStream
  private var service: RandomStream
  private var routing: RandomStream
  private var recorder: Recorder
  /// The recorder's column of the first slice: its columns are the categories, then the slices
  /// (day kinds, key-date windows) the same values are recorded in.
  private let segmentColumn: Int
  /// Detection delay per channel.
  private var channelDetection: Recorder
  /// On-duty headcount per unit now, and the next change in the staffing plan.
  private var capacity: [Int32]
  private var nextStaffChange = 0
  /// Per tier: items present, busy staff, busy staff-minutes since the start (one array, so that a
  /// change touches one buffer).
  private var tierState: [TierState]
  private var busyAtWarmUp: [Double]
  private var busyAtDayStart: [Double]
  private var day = 0
  /// The next scripted item to schedule.
  private var nextInject = 0
  /// The arrival process: the local hour now being drawn from, its end and rate.
  private var arrivalHour: Int
  private var arrivalHourEnd: Double
  private var arrivalRate: Double
  /// Events taken off the heap, stale ones included.
  public private(set) var eventCount = 0
  /// Every item's path, when asked for.
  public private(set) var ledger: Ledger?

  /// Prepares replication `replication` of `model`, with streams derived from `seed`; with
  /// `ledger`, every item's path is kept in ``ledger`` (the results are the same either way).
  public init(model: Model, seed: UInt64, replication: Int, ledger: Bool = false) {
    self.model = model
    self.ledger = ledger ? Ledger() : nil
    busy = Array(repeating: 0, count: model.unitTier.count)
    lines = Array(repeating: WaitingLine(), count: model.unitTier.count)
    arrivals = RandomStream(seed: seed, replication: replication, purpose: .arrivals)
    service = RandomStream(seed: seed, replication: replication, purpose: .service)
    routing = RandomStream(seed: seed, replication: replication, purpose: .routing)
    segmentColumn = model.categoryCount
    recorder = Recorder(
      tiers: model.tierCount, categories: model.categoryCount + model.segmentNames.count, days: model.dayCount
    )
    channelDetection = Recorder(tiers: 0, categories: model.scenario.demand.channels.count, days: 0)
    capacity = model.staffing.initial
    tierState = Array(repeating: TierState(), count: model.tierCount)
    busyAtWarmUp = Array(repeating: 0, count: model.tierCount)
    busyAtDayStart = Array(repeating: 0, count: model.tierCount)
    arrivalHour = model.startMinuteOfDay / 60
    arrivalHourEnd = Double((arrivalHour + 1) * 60 - model.startMinuteOfDay)
    arrivalRate = model.ratePerMinute(hourIndex: arrivalHour)
    heap.reserveCapacity(1024)
  }

  /// Runs to the end of the period and returns the replication's measures.
  public mutating func run() -> ReplicationResult {
    scheduleNextArrival()
    schedule(Double(1440 - model.startMinuteOfDay), .dayEnd)
    if model.warmUp > 0 { schedule(model.warmUp, .warmUpEnd) }
    if let first = model.injects.first { schedule(first.time, .inject) }
    if let first = model.staffing.times.first { schedule(first, .staffChange) }
    let horizon = model.horizon
    while let event = heap.popMin() {
      if event.time > horizon { break }
      now = event.time
      eventCount += 1
      switch event.kind {
      case .arrival:
        scheduleNextArrival()
        let leaf = model.leafTable.sample(&arrivals)
        let category = model.categoryTable.sample(&arrivals)
        var channel = 0
        if !model.channelTables.isEmpty {
          let day = min(Int((now + Double(model.startMinuteOfDay)) / 1440), model.dayCount - 1)
          channel = model.channelTables[Int(model.dayChannelTable[day])].sample(&arrivals)
        }
        arrive(leaf: leaf, category: category, severity: nil, channel: channel)
      case .inject:
        let inject = model.injects[nextInject]
        nextInject += 1
        if nextInject < model.injects.count { schedule(model.injects[nextInject].time, .inject) }
        arrive(
          leaf: inject.leaf, category: inject.category, severity: inject.severity, channel: inject.channel)
      case .serviceDone:
        if items[Int(event.slot)].stamp == event.stamp { serviceDone(Int(event.slot)) }
      case .responseDeadline:
        if items[Int(event.slot)].stamp == event.stamp { responseDeadline(Int(event.slot)) }
      case .resolutionDeadline:
        if items[Int(event.slot)].stamp == event.stamp { resolutionDeadline(Int(event.slot)) }
      case .detect:
        if items[Int(event.slot)].stamp == event.stamp { detect(Int(event.slot)) }
      case .staffChange: staffChange()
      case .dayEnd: dayEnd()
      case .warmUpEnd:
        for t in 0..<model.tierCount { changeBusy(t, by: 0) }
        busyAtWarmUp = tierState.map(\.busyArea)
      }
    }
    now = horizon
    for t in 0..<model.tierCount { changeBusy(t, by: 0) }
    closeDay()
    ledger?.finish { slot in
      (items[slot].flags & Item.responseBreached != 0, items[slot].flags & Item.resolutionBreached != 0)
    }
    return ReplicationResult(
      model: model, recorder: recorder, channelDetection: channelDetection,
      busyArea: tierState.map(\.busyArea), busyAtWarmUp: busyAtWarmUp,
      openAtEnd: tierState.map(\.present), events: eventCount)
  }

  // MARK: scheduling

  @inline(__always)
  private mutating func schedule(_ time: Double, _ kind: Event.Kind, slot: Int = 0, stamp: UInt32 = 0) {
    sequence += 1
    heap.insert(
      Event(
        time: time, order: sequence << 4 | UInt64(kind.rawValue), slot: Int32(truncatingIfNeeded: slot),
        stamp: stamp))
  }

  /// Draws the next arrival of the non-homogeneous Poisson process with a rate constant within each
  /// local hour: an exponential amount of integrated rate is spent hour by hour (exact inversion).
  private mutating func scheduleNextArrival() {
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

  // MARK: the item's life

  /// A new item appears in grid `leaf` (severity drawn when nil) by `channel` (-1: seen at once).
  private mutating func arrive(leaf: Int, category: Int, severity: Int?, channel: Int) {
    let severity = severity ?? model.severityTables[category].sample(&arrivals)
    let counted = now >= model.warmUp
    let day = min(Int((now + Double(model.startMinuteOfDay)) / 1440), model.dayCount - 1)
    let detected = channel >= 0 && model.monitored ? detectionTime(channel: channel, day: day) : now
    let item = Item(
      appeared: now, detected: detected, tierArrival: now, firstResponse: -1, serviceEnd: 0, totalWait: 0,
      responseDue: .infinity, resolutionDue: .infinity,
      leaf: Int32(leaf), unit: 0, stamp: 0, tier: 0, category: Int16(category), severity: Int16(severity),
      flags: counted ? Item.counted : 0, window: Int16(model.dayWindowSegment[day]),
      channel: UInt8(max(channel, 0)), dayKind: UInt8(model.dayKindSegment[day]))
    let slot: Int
    if let free = freeSlots.popLast() {
      slot = Int(free)
      let stamp = items[slot].stamp
      items[slot] = item
      items[slot].stamp = stamp
    } else {
      slot = items.count
      items.append(item)
    }
    if counted { increment(.appeared, slot, group: model.tierCount) }
    ledger?.appear(
      slot,
      Ledger.Entry(
        category: category, severity: severity, channel: max(channel, 0), leaf: leaf, appeared: now,
        detected: detected.isFinite ? detected : nil, counted: counted))
    if detected > now {
      if detected.isFinite { schedule(detected, .detect, slot: slot, stamp: items[slot].stamp) }
    } else {
      detect(slot)
    }
  }

  /// When an item that appears now by a channel is seen: at once under watch or without
  /// monitoring rounds, else at the channel's next check (infinity: not within the tables).
  private func detectionTime(channel: Int, day: Int) -> Double {
    guard let checks = model.checkTimes[channel], !model.watchDay[day] else { return now }
    var lo = 0
    var hi = checks.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if checks[mid] < now { lo = mid + 1 } else { hi = mid }
    }
    return lo < checks.count ? checks[lo] : .infinity
  }

  /// The item is seen and enters its entry tier.
  private mutating func detect(_ slot: Int) {
    let category = Int(items[slot].category)
    let entry = model.entryTier[category * model.severityCount + Int(items[slot].severity)]
    if items[slot].flags & Item.counted != 0 {
      increment(.visits, slot, group: model.tierCount)
      if entry > 0 { increment(.escalatedMajor, slot, group: 0) }
      if model.monitored {
        let delay = now - items[slot].appeared
        record(.detection, slot, group: entry, delay)
        record(.detection, slot, group: model.tierCount, delay)
        channelDetection.record(.detection, group: 0, category: Int(items[slot].channel), delay)
      }
    }
    enter(slot, tier: entry)
  }

  /// Records a duration for the item's category and, for the whole system, its day kind's and
  /// its window's slices (per tier as well cost a further 15% of the engine's speed).
  @inline(__always)
  private mutating func record(_ metric: Metric, _ slot: Int, group: Int, _ value: Double) {
    guard group == model.tierCount else {
      recorder.record(metric, group: group, category: Int(items[slot].category), value)
      return
    }
    let window = Int(items[slot].window)
    recorder.record(
      metric, group: group, columns: Int(items[slot].category), segmentColumn + Int(items[slot].dayKind),
      window >= 0 ? segmentColumn + window : -1, value)
  }

  /// Counts an event of the item's, for its category and, for the whole system, its day kind's
  /// and its window's slices.
  @inline(__always)
  private mutating func increment(_ counter: Counter, _ slot: Int, group: Int) {
    guard group == model.tierCount else {
      recorder.increment(counter, group: group, category: Int(items[slot].category))
      return
    }
    let window = Int(items[slot].window)
    recorder.increment(
      counter, group: group, columns: Int(items[slot].category), segmentColumn + Int(items[slot].dayKind),
      window >= 0 ? segmentColumn + window : -1)
  }

  /// Counts a deadline outcome of the item's visit by the day and tier the visit began at.
  @inline(__always)
  private mutating func countDaily(_ outcome: DailyOutcome, _ item: Item) {
    let d = min(Int((item.tierArrival + Double(model.startMinuteOfDay)) / 1440), model.dayCount - 1)
    let index = (d * model.tierCount + Int(item.tier)) * DailyOutcome.allCases.count + outcome.rawValue
    recorder.dailyOnTime[index] += 1
  }

  /// The item arrives at its unit at `tier`: deadline timers start, then it is picked up or waits.
  private mutating func enter(_ slot: Int, tier: Int) {
    var item = items[slot]
    let unit = Int(model.leafAncestors[Int(item.leaf) * model.tierCount + tier])
    let category = Int(item.category)
    let rule = model.rules[tier * model.categoryCount + category]
    item.tier = Int16(tier)
    item.unit = Int32(unit)
    item.tierArrival = now
    item.stamp &+= 1
    item.flags &= ~(Item.inService | Item.responseSettled | Item.resolutionSettled)
    let clockStart =
      switch rule.clock {
      case .arrival: now
      case .appearance: item.appeared
      case .detection: item.detected
      }
    item.responseDue = due(rule.responseDeadline, from: clockStart, tier: tier)
    item.resolutionDue = due(rule.resolutionDeadline, from: clockStart, tier: tier)
    if item.resolutionDue.isFinite { item.flags |= Item.hadResolutionDeadline }
    items[slot] = item
    ledger?.enter(
      slot,
      Ledger.Visit(
        tier: tier, arrived: now, responseDue: item.responseDue.isFinite ? item.responseDue : nil,
        resolutionDue: item.resolutionDue.isFinite ? item.resolutionDue : nil))
    tierState[tier].present += 1
    recorder.dailyArrivals[day * model.tierCount + tier] += 1
    if item.flags & Item.counted != 0 { increment(.visits, slot, group: tier) }
    if item.responseDue.isFinite {
      schedule(max(now, item.responseDue), .responseDeadline, slot: slot, stamp: item.stamp)
    }
    if item.resolutionDue.isFinite {
      schedule(max(now, item.resolutionDue), .resolutionDeadline, slot: slot, stamp: item.stamp)
    }
    if busy[unit] < capacity[unit] {
      startService(slot)
    } else {
      enqueue(slot, unit: unit, rule: rule)
    }
  }

  /// When a deadline started at `start` falls due (infinity without one). Calendar deadlines are an
  /// addition; working-time ones a lookup in the tier's tables.
  @inline(__always)
  private func due(_ spec: DeadlineSpec?, from start: Double, tier: Int) -> Double {
    guard let spec else { return .infinity }
    if case .elapsed(let span) = spec { return start + span.minutes }
    let offset = Double(model.startMinuteOfDay)
    return model.workTime.due(spec, from: start + offset, schedule: tier) - offset
  }

  private mutating func enqueue(_ slot: Int, unit: Int, rule: CompiledRule) {
    let entry = QueueEntry(slot: Int32(slot), stamp: items[slot].stamp)
    let tier = Int(items[slot].tier)
    switch model.discipline[tier] {
    case .fifo:
      lines[unit].fifo.append(entry)
    case .severity:
      sequence += 1
      lines[unit].ordered.insert(
        PriorityEntry(key: -Double(items[slot].severity), order: sequence, entry: entry))
    case .deadline:
      sequence += 1
      let due = min(items[slot].responseDue, items[slot].resolutionDue)
      lines[unit].ordered.insert(PriorityEntry(key: due, order: sequence, entry: entry))
    }
    lines[unit].live += 1
  }

  /// Takes the next live item from a unit's line, if any.
  private mutating func dequeue(unit: Int) -> Int? {
    guard lines[unit].live > 0 else { return nil }
    while true {
      let entry: QueueEntry?
      if lines[unit].ordered.isEmpty {
        entry = lines[unit].fifo.popFirst()
      } else {
        entry = lines[unit].ordered.popMin()?.entry
      }
      guard let entry else { return nil }
      if items[Int(entry.slot)].stamp == entry.stamp {
        lines[unit].live -= 1
        return Int(entry.slot)
      }
    }
  }

  private mutating func startService(_ slot: Int) {
    var item = items[slot]
    let unit = Int(item.unit)
    let tier = Int(item.tier)
    let category = Int(item.category)
    let counted = item.flags & Item.counted != 0
    let rule = model.rules[tier * model.categoryCount + category]
    busy[unit] += 1
    changeBusy(tier, by: 1)
    let arrivedAt = item.tierArrival
    let wait = now - arrivedAt
    item.totalWait += wait
    if counted { record(.wait, slot, group: tier, wait) }

    let responseAt = now + (rule.response.isZero ? 0 : rule.response.sample(&service, model.empiricalTables))
    let end = responseAt + rule.handling.sample(&service, model.empiricalTables)
    let responseDue = item.flags & Item.responseSettled != 0 ? Double.infinity : item.responseDue
    let resolutionDue = item.resolutionDue
    var visitEnd = end
    if rule.escalatesOnBreach {
      if responseAt > responseDue { visitEnd = min(visitEnd, responseDue) }
      if end > resolutionDue { visitEnd = min(visitEnd, resolutionDue) }
    }
    if responseAt <= visitEnd {
      // The response will be made at this tier.
      if responseAt <= responseDue && responseDue.isFinite {
        item.flags |= Item.responseSettled
        if counted {
          increment(.responseMet, slot, group: tier)
          countDaily(.responseMet, item)
        }
      }
      if item.firstResponse < 0 {
        item.firstResponse = responseAt
        if counted {
          let responseTime = responseAt - item.detected
          record(.response, slot, group: tier, responseTime)
          record(.response, slot, group: model.tierCount, responseTime)
          if rule.responseDeadline != nil, responseAt <= responseDue,
            item.flags & Item.responseBreached == 0
          {
            increment(.responseMet, slot, group: model.tierCount)
          }
        }
      }
    }
    item.flags |= Item.inService
    item.serviceEnd = end
    items[slot] = item
    ledger?.start(
      slot, at: now, responded: item.firstResponse == responseAt && responseAt <= visitEnd ? responseAt : nil)
    if visitEnd == end {
      schedule(end, .serviceDone, slot: slot, stamp: item.stamp)
    }
  }

  private mutating func serviceDone(_ slot: Int) {
    let tier = Int(items[slot].tier)
    let category = Int(items[slot].category)
    let severity = Int(items[slot].severity)
    releaseStaff(slot)
    endVisit(slot)
    let canClose = model.canClose[(tier * model.categoryCount + category) * model.severityCount + severity]
    if !canClose {
      escalate(slot, .authority)
    } else {
      let passUp = model.rules[tier * model.categoryCount + category].passUp
      if passUp > 0, routing.uniform() < passUp {
        escalate(slot, .referral)
      } else {
        close(slot)
      }
    }
  }

  /// Frees the staff member serving the item and gives them the next waiting item.
  private mutating func releaseStaff(_ slot: Int) {
    let unit = Int(items[slot].unit)
    busy[unit] -= 1
    changeBusy(Int(items[slot].tier), by: -1)
    items[slot].flags &= ~Item.inService
    // Staff going off shift finish the item in hand but take no new one.
    if busy[unit] < capacity[unit], let next = dequeue(unit: unit) { startService(next) }
  }

  /// Bookkeeping when an item leaves a tier, for whatever reason.
  private mutating func endVisit(_ slot: Int) {
    let tier = Int(items[slot].tier)
    tierState[tier].present -= 1
    recorder.dailyDone[day * model.tierCount + tier] += 1
    ledger?.leave(slot, at: now)
    guard items[slot].flags & Item.counted != 0 else { return }
    record(.timeAtTier, slot, group: tier, now - items[slot].tierArrival)
    if items[slot].flags & Item.resolutionSettled == 0, items[slot].resolutionDue.isFinite {
      items[slot].flags |= Item.resolutionSettled
      increment(.resolutionMet, slot, group: tier)
      countDaily(.resolutionMet, items[slot])
    }
  }

  private mutating func escalate(_ slot: Int, _ reason: EscalationReason) {
    let tier = Int(items[slot].tier)
    if items[slot].flags & Item.counted != 0 {
      increment(.escalated(reason), slot, group: tier)
    }
    ledger?.escalate(slot, reason)
    enter(slot, tier: tier + 1)
  }

  private mutating func close(_ slot: Int) {
    let tier = Int(items[slot].tier)
    let item = items[slot]
    if item.flags & Item.counted != 0 {
      let overall = model.tierCount
      let resolution = now - item.detected
      let inSystem = now - item.appeared
      increment(.closed, slot, group: tier)
      increment(.closed, slot, group: overall)
      record(.resolution, slot, group: tier, resolution)
      record(.resolution, slot, group: overall, resolution)
      record(.timeInSystem, slot, group: tier, inSystem)
      record(.timeInSystem, slot, group: overall, inSystem)
      record(.wait, slot, group: overall, item.totalWait)
      if item.flags & Item.hadResolutionDeadline != 0, item.flags & Item.resolutionBreached == 0 {
        increment(.resolutionMet, slot, group: overall)
      }
    }
    ledger?.close(
      slot, at: now, responseMissed: item.flags & Item.responseBreached != 0,
      resolutionMissed: item.flags & Item.resolutionBreached != 0)
    items[slot].stamp &+= 1
    freeSlots.append(Int32(slot))
  }

  // MARK: deadlines

  private mutating func responseDeadline(_ slot: Int) {
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

  private mutating func resolutionDeadline(_ slot: Int) {
    let flags = items[slot].flags
    guard flags & Item.resolutionSettled == 0 else { return }
    // A service that ends at this very minute is in time.
    if flags & Item.inService != 0, items[slot].serviceEnd <= now { return }
    items[slot].flags |= Item.resolutionSettled
    let tier = Int(items[slot].tier)
    let category = Int(items[slot].category)
    if flags & Item.counted != 0 {
      increment(.resolutionMissed, slot, group: tier)
      countDaily(.resolutionMissed, items[slot])
      if flags & Item.resolutionBreached == 0 {
        increment(.resolutionMissed, slot, group: model.tierCount)
      }
    }
    items[slot].flags |= Item.resolutionBreached
    if model.rules[tier * model.categoryCount + category].escalatesOnBreach { pullUp(slot) }
  }

  /// Supervision: the item leaves its queue or its staff member and goes to the next tier now.
  private mutating func pullUp(_ slot: Int) {
    if items[slot].flags & Item.inService != 0 {
      releaseStaff(slot)
    } else {
      lines[Int(items[slot].unit)].live -= 1  // its entry goes stale when the stamp moves on
      items[slot].totalWait += now - items[slot].tierArrival
    }
    endVisit(slot)
    escalate(slot, .deadline)
  }

  // MARK: staffing

  /// Headcounts change (a shift starts or ends): staff coming on take waiting items; staff going
  /// off finish the item in hand and take no new one.
  private mutating func staffChange() {
    let plan = model.staffing
    let k = nextStaffChange
    for c in Int(plan.firstChange[k])..<Int(plan.firstChange[k + 1]) {
      let unit = Int(plan.changeUnits[c])
      capacity[unit] = plan.changeValues[c]
      while busy[unit] < capacity[unit], let next = dequeue(unit: unit) { startService(next) }
    }
    nextStaffChange += 1
    if nextStaffChange < plan.times.count { schedule(plan.times[nextStaffChange], .staffChange) }
  }

  // MARK: time-weighted and daily measures

  @inline(__always)
  private mutating func changeBusy(_ tier: Int, by delta: Int) {
    tierState[tier].changeBusy(by: delta, at: now)
  }

  private mutating func dayEnd() {
    for t in 0..<model.tierCount { changeBusy(t, by: 0) }
    closeDay()
    day += 1
    if day < model.dayCount { schedule(now + 1440, .dayEnd) }
  }

  private mutating func closeDay() {
    guard day < model.dayCount else { return }
    for t in 0..<model.tierCount {
      recorder.dailyBacklog[day * model.tierCount + t] = tierState[t].present
      recorder.dailyBusy[day * model.tierCount + t] = tierState[t].busyArea - busyAtDayStart[t]
    }
    busyAtDayStart = tierState.map(\.busyArea)
  }
}

/// What the engine tracks per tier between events.
struct TierState: Sendable {
  /// Items at the tier, waiting or in service.
  var present = 0
  /// Staff busy now.
  var busyCount = 0
  /// Busy staff-minutes since the start.
  var busyArea = 0.0
  /// When `busyCount` last changed.
  var busyChanged = 0.0

  @inline(__always)
  mutating func changeBusy(by delta: Int, at now: Double) {
    busyArea += Double(busyCount) * (now - busyChanged)
    busyChanged = now
    busyCount += delta
  }
}
