/// One replication of a model, compiled for `Paths`: the engine itself (``Simulation`` is its
/// public face and picks the copy).
///
/// Everything is a value: the event heap, the item slab, the waiting lines and the statistics are
/// arrays owned by this struct, so a replication runs on one thread with no locks and allocates
/// nothing per event once the arrays have grown to the system's size. The hot ones are
/// ``UniqueArray``s, which have one owner and so need no copy-on-write check at each write: a
/// replication can be moved (to another task, say) but not copied (it is `~Copyable`).
///
/// An item's visit to a tier: it arrives at its unit (deadline timers start) and goes through the
/// tier's stages, each done by a staff member of one role of the unit (a station): it waits for a
/// free one, is picked up, and is done after the stage's time. Without stages a visit is one stage
/// that answers the citizen after the `response` time and ends after the `handling` time. After
/// the last stage before the closing ones the tier closes the item or passes it up (authority,
/// referral). A missed deadline whose rule says `escalate` takes it to the next tier at once, out
/// of the queue or out of a staff member's hands. The workflow's rules (forks, extensions,
/// callbacks, worsening, skip-level reports) are in `Replication+Workflow.swift`.
///
/// The optional paths (``EnginePaths``) are each behind `Paths.optionalPaths`, so that the copy
/// compiled for ``BasicPaths`` has none of their checks.
struct Replication<Paths: EnginePaths>: ~Copyable, Sendable {
  let model: Model
  /// The clock and the events to come.
  var clock = EventClock()
  /// Every item and task, by slot.
  var items = ItemStore()
  /// Staff on duty and busy, and the waiting lines.
  var stations: Stations
  /// What is measured.
  var measures: Measures
  /// New items: the arrival process and the scripted items.
  var source: ArrivalSource
  /// Handling times, and the routing choices (passing up, forks, callbacks).
  var service: RandomStream
  var routing: RandomStream
  /// Every item's path, when asked for (only with ``AllPaths``).
  var ledger: Ledger?
  /// What the run makes: all of it, or what the planner's checks read.
  let scope: ResultScope

  /// Events taken off the heap, stale ones included.
  var eventCount: Int { clock.eventCount }

  /// Prepares replication `replication` of `model`, with streams derived from `seed`; with
  /// `ledger`, every item's path is kept in ``ledger`` (the results are the same either way).
  /// Only ``Simulation`` makes one, and it gives a model with optional paths (or a ledger) the
  /// copy for ``AllPaths``; checked in debug builds (the tests), as the check is the same work
  /// again.
  init(model: Model, seed: UInt64, replication: Int, ledger: Bool, scope: ResultScope = .all) {
    assert(
      Paths.optionalPaths || (!ledger && !model.usesOptionalPaths), "a model's optional paths need AllPaths")
    self.model = model
    self.ledger = ledger ? Ledger() : nil
    self.scope = scope
    stations = Stations(model: model)
    // The copy without the optional paths records without looking at which histograms are kept
    // (``Recorder/record(_:group:category:_:checked:)``): it keeps them all.
    measures = Measures(model: model, histograms: Paths.optionalPaths ? scope.quantiles : nil)
    source = ArrivalSource(model: model, seed: seed, replication: replication)
    service = RandomStream(seed: seed, replication: replication, purpose: .service)
    routing = RandomStream(seed: seed, replication: replication, purpose: .routing)
  }

  /// Runs to the end of the period (or as far as its ``scope`` needs) and returns the
  /// replication's measures.
  mutating func run() -> ReplicationResult {
    start()
    advance(before: model.horizon, settling: true)
    return finish()
  }

  /// Schedules the first events (once, before ``advance(before:settling:)``).
  mutating func start() {
    scheduleNextArrival()
    schedule(Double(1440 - model.startMinuteOfDay), .dayEnd)
    if model.warmUp > 0 { schedule(model.warmUp, .warmUpEnd) }
    if let first = model.injects.first { schedule(first.time, .inject) }
    stations.changeSequence = clock.sequence
    if let first = model.staffing.times.first { schedule(first, .staffChange) }
  }

  /// A copy of this replication, stopped between events, that goes on under `other`: the same
  /// model with other staffing from now on (``Model/replacingRosters(_:)``). Nil when `other`'s
  /// staffing differs before now or at the staff change already scheduled, or with a ledger: then
  /// the copy would not run as `other` run from the start would. Where it is not nil, the copy's
  /// results are those of `other` run from the start, bit for bit (the planner's snapshots).
  func copy(model other: Model) -> Replication? {
    let k = stations.nextStaffChange
    let (mine, theirs) = (model.staffing.times, other.staffing.times)
    guard ledger == nil, model.staffing.agrees(with: other.staffing, before: k),
      theirs.count == k || theirs[k] >= clock.frontier
    else { return nil }
    var copy = Replication(copying: self, model: other)
    // The staff change scheduled next: moved to `other`'s time, keeping its place among the events
    // of one time (its sequence number, as when `other` scheduled it), or dropped; where this model
    // had none, `other`'s placed right after the events scheduled before it would have been (the
    // events of one time then come out in the same order: every later one was scheduled after it).
    if mine.count == k, theirs.count > k {
      copy.clock.heap.insert(
        Event(time: theirs[k], order: Event.order(stations.changeSequence, .staffChange), slot: 0, stamp: 0))
    } else if mine.count > k, theirs.count == k || theirs[k] != mine[k] {
      let next = theirs.count > k ? theirs[k] : nil
      let found = copy.clock.heap.replaceFirst {
        $0.kind == .staffChange
      } with: { event in
        next.map { Event(time: $0, order: event.order, slot: event.slot, stamp: event.stamp) }
      }
      guard found else { return nil }
    }
    return copy
  }

  /// About how many bytes a copy holds: the items, the events, the recorders and the waiting lines
  /// (a snapshot's size, for ``Snapshots``' budget).
  var byteCount: Int {
    items.byteCount + clock.heap.count * MemoryLayout<Event>.stride + measures.recorder.byteCount
      + measures.channelRecorder.byteCount + stations.lines.byteCount + stations.officeLines.byteCount
  }

  private init(copying other: borrowing Replication, model: Model) {
    self.model = model
    clock = EventClock(copying: other.clock)
    items = ItemStore(copying: other.items)
    stations = Stations(copying: other.stations)
    measures = Measures(copying: other.measures)
    source = ArrivalSource(copying: other.source)
    service = other.service
    routing = other.routing
    ledger = nil
    scope = other.scope
  }

  /// Runs the events before `limit` (at most the end of the period); with `settling`, stops early
  /// at the end of a day after its scope's `settledAfter` once the run ``isSettled``.
  mutating func advance(before limit: Double, settling: Bool = false) {
    let horizon = Swift.min(limit, model.horizon)
    clock.frontier = horizon
    // The period is [start, end): what falls due exactly at its end (a deadline, a check, the
    // last day's end) belongs to the next period; the last day is closed by ``finish()``.
    while let next = clock.heap.min, next.time < horizon {
      let event = clock.heap.popMin()!
      clock.now = event.time
      clock.eventCount += 1
      switch event.kind {
      case .arrival:
        scheduleNextArrival()
        let leaf = model.leafTable.sample(&source.stream)
        let category = model.categoryTable.sample(&source.stream)
        var channel = 0
        if hasChannels {
          let day = today()
          channel = model.channelTables[Int(model.dayChannelTable[day])].sample(&source.stream)
        }
        arrive(leaf: leaf, category: category, severity: nil, channel: channel)
      case .inject:
        let inject = model.injects[source.nextInject]
        source.nextInject += 1
        if source.nextInject < model.injects.count {
          schedule(model.injects[source.nextInject].time, .inject)
        }
        arrive(
          leaf: inject.leaf, category: inject.category, severity: inject.severity, channel: inject.channel)
        if Paths.optionalPaths { ledger?.markLast(inject: inject.index) }
      case .serviceDone:
        if items[Int(event.slot)].stamp == event.stamp { serviceDone(Int(event.slot)) }
      case .responseDeadline:
        if items[Int(event.slot)].stamp == event.stamp { responseDeadline(Int(event.slot)) }
      case .resolutionDeadline:
        if items[Int(event.slot)].stamp == event.stamp { resolutionDeadline(Int(event.slot)) }
      case .detect:
        if items[Int(event.slot)].stamp == event.stamp { detect(Int(event.slot)) }
      case .worsen: worsen(Int(event.slot))
      case .staffChange: staffChange()
      case .dayEnd:
        dayEnd()
        if settling, let last = scope.settledAfter, clock.day > last, isSettled { return }
      case .warmUpEnd:
        for t in 0..<model.tierCount { changeBusy(t, by: 0) }
        measures.busyAtWarmUp = stations.busyStaff.array(0..<model.tierCount).map(\.area)
        measures.roleAtWarmUp = roleAreas()
      }
    }
  }

  /// True when no item (nor task, which has its item's appearance) is left whose figures the
  /// scope reads: one that appeared on its `items` days, or whose visit began on its `visits` days
  /// (a visit's deadline outcomes are counted by the day it began, while it lasts). A scan of every
  /// slot, for the few ends of day a run may stop at.
  var isSettled: Bool {
    let offset = Double(model.startMinuteOfDay)
    func minutes(_ days: Range<Int>) -> Range<Double> {
      Double(days.lowerBound * 1440) - offset..<Double(days.upperBound * 1440) - offset
    }
    return !items.holdsAny(appearedIn: minutes(scope.items), arrivedIn: minutes(scope.visits))
  }

  /// Closes the period (after ``advance(before:settling:)`` to its end, or to where it
  /// stopped) and returns the replication's measures.
  mutating func finish() -> ReplicationResult {
    let horizon = model.horizon
    clock.now = horizon
    for t in 0..<model.tierCount { changeBusy(t, by: 0) }
    closeDay()
    if Paths.optionalPaths, ledger != nil {
      // The items' breaches, read before the ledger is changed.
      let breaches = (0..<items.count).map { slot in
        items[slot].isTask
          ? nil
          : (items[slot].marks.contains(.responseBreached), items[slot].marks.contains(.resolutionBreached))
      }
      ledger?.finish { breaches[$0] }
    }
    // Each role's busy staff-time after the warm-up over its tier's on-duty staff-time (over the
    // tier's roles: the tier's utilization), and over the time of the staff who may take its items.
    let areas = zip(roleAreas(), measures.roleAtWarmUp).map { end, start in
      RoleAreas(
        busy: end.busy - start.busy, onDuty: end.onDuty - start.onDuty, cover: end.cover - start.cover)
    }
    let workflow = model.workflow
    let tierOnDuty = workflow.roleOffset.indices.map { t in
      areas[workflow.roleOffset[t]..<workflow.roleOffset[t] + workflow.roleShares[t].count].reduce(0) {
        $0 + $1.onDuty
      }
    }
    let roleTier = workflow.roleOffset.indices.flatMap { t in workflow.roleShares[t].map { _ in t } }
    return ReplicationResult(
      model: model, recorder: measures.recorder, channelRecorder: measures.channelRecorder,
      busyArea: stations.busyStaff.array(0..<model.tierCount).map(\.area),
      busyAtWarmUp: measures.busyAtWarmUp,
      roleShare: areas.indices.map {
        tierOnDuty[roleTier[$0]] > 0 ? areas[$0].busy / tierOnDuty[roleTier[$0]] : nil
      },
      roleUtilization: areas.map { $0.cover > 0 ? $0.busy / $0.cover : nil },
      openAtEnd: measures.present.array, events: eventCount, unitNamed: measures.unitNamed.array)
  }

  // MARK: scheduling

  @inline(__always)
  mutating func schedule(_ time: Double, _ kind: Event.Kind, slot: Int = 0, stamp: UInt32 = 0) {
    clock.schedule(time, kind, slot: slot, stamp: stamp)
  }

  // MARK: the item's life

  /// The item arrives at its unit at `tier`: deadline timers start, then its first stage begins.
  mutating func enter(_ slot: Int, tier: Int) {
    let unit = Int(model.leafAncestors[Int(items[slot].leaf), tier])
    let category = Int(items[slot].category)
    let rule = model.rules[tier, category]
    let plan = model.workflow.plans[tier, category]
    let clockStart =
      switch rule.clock {
      case .arrival: clock.now
      case .appearance: items[slot].appeared
      case .detection: items[slot].detected
      }
    let responseDue = model.due(rule.responseDeadline, from: clockStart, tier: tier)
    let resolutionDue = model.due(rule.resolutionDeadline, from: clockStart, tier: tier)
    // In place: a whole-item copy costs more than the visit's bookkeeping.
    items[slot].beginVisit(
      tier: tier, unit: unit, at: clock.now, stage: plan.start, clockStart: clockStart,
      responseDue: responseDue,
      resolutionDue: resolutionDue)
    let stamp = items[slot].stamp
    if Paths.optionalPaths {
      ledger?.enter(
        slot,
        Ledger.Visit(
          tier: tier, unit: unit, arrived: clock.now, responseDue: responseDue.isFinite ? responseDue : nil,
          resolutionDue: resolutionDue.isFinite ? resolutionDue : nil))
    }
    measures.present[tier] += 1
    measures.recorder.dailyArrivals[clock.day, tier] += 1
    if items[slot].isCounted { increment(.visits, slot, group: .tier(tier)) }
    if responseDue.isFinite {
      schedule(max(clock.now, responseDue), .responseDeadline, slot: slot, stamp: stamp)
    }
    if resolutionDue.isFinite {
      schedule(max(clock.now, resolutionDue), .resolutionDeadline, slot: slot, stamp: stamp)
    }
    if plan.decision < plan.start, !decide(slot) { return }
    proceed(slot)
  }

  /// The item is ready for its current stage (or, past the last, done at this tier).
  @inline(__always)
  mutating func proceed(_ slot: Int) {
    let plan = model.workflow.plans[Int(items[slot].tier), Int(items[slot].category)]
    guard items[slot].stage < plan.end else {
      finishVisit(slot)
      return
    }
    let stage = model.workflow.stages[Int(items[slot].stage)]
    if Paths.optionalPaths, stage.forkEnd > stage.forkStart { fork(slot, stage) }
    if Paths.optionalPaths { ledger?.ready(slot, stage: stage.kind, role: Int(stage.role), at: clock.now) }
    queueOrStart(slot)
  }

  mutating func startService(_ slot: Int) {
    let tier = Int(items[slot].tier)
    let stage = model.workflow.stages[Int(items[slot].stage)]
    let station = station(slot)
    let epoch = stations.duty.start(station: station, unit: Int(items[slot].unit))
    changeBusy(tier, role: Int(model.workflow.stationRole[station]), by: 1)
    let wait = items[slot].startStage(at: clock.now, dutyEpoch: epoch)
    // The item is changed in place throughout: copying it out and back stalls the loop.
    if isTask(slot) {
      let end = clock.now + stage.then.sample(&service, model.empiricalTables)
      items[slot].serviceEnd = end
      if Paths.optionalPaths { ledger?.start(slot, at: clock.now, responded: nil) }
      schedule(end, .serviceDone, slot: slot, stamp: items[slot].stamp)
      return
    }
    let counted = items[slot].isCounted
    let rule = model.rules[tier, Int(items[slot].category)]
    if let wait, counted { record(.wait, slot, group: .tier(tier), wait) }

    let responseAt =
      clock.now + (stage.first.isZero ? 0 : stage.first.sample(&service, model.empiricalTables))
    let end = responseAt + (stage.then.isZero ? 0 : stage.then.sample(&service, model.empiricalTables))
    let stop = items[slot].stageStop(
      responseAt: responseAt, end: end, responds: stage.responds, escalates: rule.escalatesOnBreach)
    var responded = false
    // Opinion whose worsening will take it up before the response is not answered here.
    if stage.responds, responseAt <= stop, !worseningTakes(slot, before: responseAt) {
      // The response will be made at this tier.
      let response = items[slot].respond(at: responseAt, tierHasDeadline: rule.responseDeadline != nil)
      responded = response.isFirst
      if counted {
        if response.metAtTier {
          increment(.responseMet, slot, group: .tier(tier))
          countDaily(.responseMet, slot)
        }
        if response.isFirst {
          let responseTime = responseAt - items[slot].detected
          record(.response, slot, group: .tier(tier), responseTime)
          recordSystem(.response, slot, responseTime)
          recordByChannel(.response, slot, responseTime)
          if response.metOverall { incrementSystem(.responseMet, slot) }
          if hasExtraColumns { responseExtras(slot, responseTime, met: response.metOverall) }
        }
      }
    }
    items[slot].serviceEnd = end
    if Paths.optionalPaths { ledger?.start(slot, at: clock.now, responded: responded ? responseAt : nil) }
    if stop == end {
      schedule(end, .serviceDone, slot: slot, stamp: items[slot].stamp)
    }
  }

  private mutating func serviceDone(_ slot: Int) {
    let next = items[slot].endStage(tasks: Paths.optionalPaths)
    releaseStaff(slot)
    if Paths.optionalPaths { ledger?.stageEnd(slot, at: clock.now) }
    switch next {
    case .taskDone: taskDone(slot)
    case .awaitParts: break  // the lead's part is done; the others are not
    case .next: stageDone(slot)
    }
  }

  /// After the item's current stage: the reply and callback take effect, the tier decides after
  /// its last deciding stage, and the next stage begins.
  mutating func stageDone(_ slot: Int) {
    let s = items[slot].stage
    let plan = model.workflow.plans[Int(items[slot].tier), Int(items[slot].category)]
    switch model.workflow.stages[Int(s)].kind {
    case .reply: replied(slot)
    case .callback: if callback(slot) { return }
    default: break
    }
    if s == plan.decision, !decide(slot) { return }
    items[slot].nextStage()
    proceed(slot)
  }

  /// The tier closes the item (true) or passes it up: for lack of authority, or referred on.
  @inline(__always)
  private mutating func decide(_ slot: Int) -> Bool {
    let tier = Int(items[slot].tier)
    let category = Int(items[slot].category)
    let severity = Int(items[slot].severity)
    if !model.mayClose(tier: tier, category: category, severity: severity) {
      endVisit(slot)
      escalate(slot, .authority, to: tier + 1)
      return false
    }
    let passUp = model.rules[tier, category].passUp
    if passUp > 0, routing.uniform() < passUp {
      endVisit(slot)
      escalate(slot, .referral, to: tier + 1)
      return false
    }
    return true
  }

  /// Frees the staff member who served the item (its stage ended, or it was taken from them) and
  /// gives them the next waiting item.
  mutating func releaseStaff(_ slot: Int) {
    let station = station(slot)
    let unit = Int(items[slot].unit)
    stations.duty.finish(station: station, unit: unit, epoch: items[slot].dutyEpoch)
    changeBusy(Int(items[slot].tier), role: Int(model.workflow.stationRole[station]), by: -1)
    // Staff going off shift finish the item in hand but take no new one.
    if stations.duty.isPooled(unit: unit) {
      serve(unit: unit, after: station)
    } else if stations.duty.canStart(station: station, unit: unit),
      let next = dequeue(station: station, unit: unit)
    {
      startService(next)
    }
  }
}
