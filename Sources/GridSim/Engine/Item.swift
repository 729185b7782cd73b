/// An item in the system, or a task (a department's part of a forked item, a skip-level report):
/// where it is, when things happened to it, and the state of its current visit's deadlines.
///
/// Its life is a small state machine, as swift-nio's are: the item's ``Phase`` (waiting for a
/// stage, in service, waiting for its departments' parts, finished but watched) and its
/// ``Marks`` change only through the transitions below and in `Item+Deadlines.swift`, each of
/// which returns what the engine must do (record a wait, free a slot, go on to the next stage,
/// count a deadline met or missed). The engine performs the effects: counting, scheduling,
/// queueing, escalating. `ItemTests` checks each transition by hand, the impossible ones too.
struct Item: Sendable {
  // Stored 8-byte fields first, then 4-, 2- and 1-byte ones: 136 bytes an item.

  /// Minutes since the start: when it appeared, was seen, and arrived at its current tier.
  var appeared: Double
  var detected: Double
  private(set) var tierArrival: Double
  /// The first response to the citizen; infinity before it (like a due time: not yet).
  var firstResponse: Double = .infinity
  /// When the current stage's service ends (valid while in service).
  var serviceEnd: Double = 0
  /// Minutes waited in queues over all visits.
  private(set) var totalWait: Double = 0
  /// Due times of the current visit's deadlines (infinity: none).
  var responseDue: Double = .infinity
  var resolutionDue: Double = .infinity
  /// When the current visit's deadline clock started.
  private(set) var clockStart: Double = 0
  /// The last reply to the citizen (the item's resolution); infinity before the first.
  var lastReply: Double = .infinity
  /// The resolution deadline the visit's extension replaced; infinity without an extension.
  var extendedFrom: Double = .infinity
  let leaf: Int32
  var unit: Int32 = 0
  /// Moves on whenever the item changes visit or slot; an event or queue entry with another stamp
  /// is stale.
  var stamp: UInt32 = 0
  /// The current stage (an index into the model's stages).
  private(set) var stage: Int32 = 0
  /// Forked parts not yet done (the lead item waits for them).
  private(set) var parts: Int32 = 0
  /// For a task: the item it belongs to, and that item's stamp when the task was made.
  private(set) var parent: Int32 = 0
  private(set) var parentStamp: UInt32 = 0
  private(set) var marks: Marks
  var tier: Int16 = 0
  let category: Int16
  private(set) var severity: Int16
  /// The unit's ``Duty/epoch`` when the staff member serving it started (valid while in service).
  private(set) var dutyEpoch: UInt16 = 0
  /// The key-date window it appeared in (its slice), if any.
  let window: Int16?
  private(set) var phase: Phase = .waiting
  private(set) var kind: Kind = .item
  /// The channel it came by, and the day-kind slice of the day it appeared.
  let channel: UInt8
  let dayKind: UInt8
  /// Times reopened after an unsatisfied callback.
  private(set) var reopenings: UInt8 = 0
  /// Its combination of category, day kind and window in the whole system's figures
  /// (``Recorder/Combinations``; 0 when the recorder keeps none).
  let combination: UInt8

  /// A new item that appears at `appeared` in grid `leaf`, seen at `detected`; `counted` after the
  /// warm-up, `watched` while a worsening window is open.
  init(
    appeared: Double, detected: Double, leaf: Int32, category: Int16, severity: Int16, window: Int16? = nil,
    counted: Bool, watched: Bool = false, channel: UInt8, dayKind: UInt8, combination: UInt8 = 0
  ) {
    self.appeared = appeared
    self.detected = detected
    self.tierArrival = appeared
    self.leaf = leaf
    self.category = category
    self.severity = severity
    self.window = window
    var marks: Marks = counted ? .counted : []
    if watched { marks.insert(.watched) }
    self.marks = marks
    self.channel = channel
    self.dayKind = dayKind
    self.combination = combination
  }

  var isCounted: Bool { marks.contains(.counted) }
  var isTask: Bool { kind != .item }
  var isWatched: Bool { marks.contains(.watched) }
  var isInService: Bool { phase == .inService }

  // MARK: tasks

  /// A department's part of this item's current stage (the item is in `slot`), ready at `now`:
  /// counted when the item is, in the item's visit and stage.
  func part(of slot: Int, at now: Double) -> Item {
    var task = self
    task.kind = .part
    task.phase = .waiting
    task.marks = marks.intersection(.counted)
    task.parent = Int32(slot)
    task.parentStamp = stamp
    task.tierArrival = now
    return task
  }

  /// A skip-level report of this item, ready at `now` for `unit` at `tier` as stage `stage`, due at
  /// `due`.
  func report(tier: Int, unit: Int32, stage: Int32, at now: Double, due: Double) -> Item {
    var task = self
    task.kind = .report
    task.phase = .waiting
    task.marks = marks.intersection(.counted)
    task.tier = Int16(tier)
    task.unit = unit
    task.stage = stage
    task.tierArrival = now
    task.responseDue = .infinity
    task.resolutionDue = due
    return task
  }

  // MARK: visits and stages

  /// Starts a visit to `unit` at `tier` with its deadlines (infinity: none): the per-visit state
  /// is cleared, the item waits for the plan's first stage, and every event of the previous visit
  /// goes stale.
  @inline(__always)
  mutating func beginVisit(
    tier: Int, unit: Int, at now: Double, stage: Int32, clockStart: Double, responseDue: Double,
    resolutionDue: Double
  ) {
    self.tier = Int16(tier)
    self.unit = Int32(unit)
    tierArrival = now
    stamp &+= 1
    self.stage = stage
    parts = 0
    phase = .waiting
    marks.subtract(.perVisit)
    extendedFrom = .infinity
    self.clockStart = clockStart
    self.responseDue = responseDue
    self.resolutionDue = resolutionDue
    if resolutionDue.isFinite { marks.insert(.hadResolutionDeadline) }
  }

  /// A staff member starts the current stage at `now` (``Duty``'s `epoch` then): the item's wait at
  /// the tier when it is picked up for the first time at this visit (also added to its total),
  /// else nil; a task's wait is not recorded.
  @inline(__always)
  mutating func startStage(at now: Double, dutyEpoch epoch: UInt16) -> Double? {
    assert(phase == .waiting, "a stage starts only for an item waiting for it")
    phase = .inService
    dutyEpoch = epoch
    marks.remove(.inOfficeLine)
    guard kind == .item, !marks.contains(.pickedUp) else { return nil }
    marks.insert(.pickedUp)
    let wait = now - tierArrival
    totalWait += wait
    return wait
  }

  /// The item goes to the office line (duty staff do not take it); `dutyOn` when duty staff are on
  /// now: true when this is the first time at this visit that it waits for the office (it is
  /// counted then).
  mutating func waitForOffice(dutyOn: Bool) -> Bool {
    assert(phase == .waiting, "only a waiting item waits for the office")
    marks.insert(.inOfficeLine)
    return dutyOn && marks.update(with: .waitedForOffice) == nil
  }

  /// Duty staff come on while the item waits in the office line: true when this is the first time
  /// at this visit that it waits for the office.
  mutating func dutyBegan() -> Bool {
    guard marks.contains(.inOfficeLine) else { return false }
    return marks.update(with: .waitedForOffice) == nil
  }

  /// What follows the end of a stage's service.
  enum StageEnd: Equatable {
    /// A task is done (``taskDone``-side bookkeeping: a part joins its item, a report is judged).
    case taskDone
    /// The item's own part is done; departments' parts are still out: it waits for them.
    case awaitParts
    /// The item goes on to what follows the stage.
    case next
  }

  /// The current stage's service ends: the staff member is free. `tasks` is false where the model
  /// has no tasks (no forks, no reports): the checks for them are then skipped.
  @inline(__always)
  mutating func endStage(tasks: Bool) -> StageEnd {
    assert(phase == .inService, "a stage ends only in service")
    phase = .waiting
    guard tasks else { return .next }
    if kind != .item { return .taskDone }
    if parts > 0 {
      phase = .awaitingParts
      return .awaitParts
    }
    return .next
  }

  /// The current stage is forked: `count` parts go to other departments (the item does the lead's).
  mutating func fork(parts count: Int) {
    assert(kind == .item && count > 0, "only an item forks")
    parts = Int32(count)
  }

  /// One of the item's parts is done: true when it was the last and the item was waiting for it
  /// (it then goes on).
  mutating func partDone() -> Bool {
    assert(parts > 0, "a part is done only while parts are out")
    parts -= 1
    guard parts == 0, phase == .awaitingParts else { return false }
    phase = .waiting
    return true
  }

  /// The item moves on to the next stage of its plan.
  mutating func nextStage() {
    assert(phase == .waiting, "the next stage follows the end of this one")
    stage += 1
  }

  /// What the item was doing when it was taken off its tier.
  enum HandOver: Equatable {
    /// In a staff member's hands: the engine frees them.
    case inService
    /// Waiting for its parts: they are dropped when they come to be served.
    case awaitingParts
    /// In a line (the office line: duty staff do not take it): its wait at this visit when nobody
    /// had picked it up yet (added to its total).
    case queued(wait: Double?, officeLine: Bool)
  }

  /// The item is taken off its tier at `now` (a missed deadline, worsening): what it was doing.
  mutating func handOver(at now: Double) -> HandOver {
    switch phase {
    case .inService:
      phase = .waiting
      return .inService
    case .awaitingParts:
      phase = .waiting
      return .awaitingParts
    case .waiting, .finished:
      assert(phase == .waiting, "a finished item is not at a tier")
      let office = marks.contains(.inOfficeLine)
      marks.remove(.inOfficeLine)
      guard !marks.contains(.pickedUp) else { return .queued(wait: nil, officeLine: office) }
      let wait = now - tierArrival
      totalWait += wait
      return .queued(wait: wait, officeLine: office)
    }
  }

  /// What happens to the slot when the item closes.
  enum Closing: Equatable {
    /// The slot is free now.
    case freeSlot
    /// The worsening window is open: the slot waits for it (the item's events go stale).
    case holdSlot
  }

  /// The item closes; `watching` is false where the model has no worsening (no window is open).
  @inline(__always)
  mutating func close(watching: Bool) -> Closing {
    assert(phase == .waiting, "an item closes after its last stage")
    guard watching, marks.contains(.watched) else { return .freeSlot }
    phase = .finished
    stamp &+= 1
    return .holdSlot
  }

  /// What the closing of the worsening window finds.
  enum WatchEnd: Equatable {
    /// The item had closed: it was kept from worsening, and its slot is free now.
    case closed
    /// Answered by then: kept from worsening.
    case answered
    /// Still unanswered: it worsens.
    case unanswered
  }

  /// The item's worsening window closes at `now`.
  mutating func watchEnds(at now: Double) -> WatchEnd {
    assert(marks.contains(.watched), "only a watched item's window closes")
    marks.remove(.watched)
    if phase == .finished { return .closed }
    return answered(by: now) ? .answered : .unanswered
  }

  /// Unanswered opinion worsens to `severity`.
  mutating func worsen(to severity: Int) { self.severity = Int16(severity) }

  /// An unsatisfied citizen reopens the item.
  mutating func reopen() { reopenings += 1 }
}

// MARK: deadlines

/// The deadline half of an item's life: responses and replies against the visit's deadlines,
/// each transition returning what the engine must count.
extension Item {
  /// The response deadline as it still binds (infinity once settled).
  var openResponseDue: Double { marks.contains(.responseSettled) ? .infinity : responseDue }
  /// The resolution deadline as it still binds (infinity once settled).
  var openResolutionDue: Double { marks.contains(.resolutionSettled) ? .infinity : resolutionDue }

  /// When a stage picked up now must stop: at `end`, or earlier at the open deadline it would
  /// miss when a missed deadline takes the item up (`escalates`). A response or an end exactly at
  /// its deadline is in time.
  @inline(__always)
  func stageStop(responseAt: Double, end: Double, responds: Bool, escalates: Bool) -> Double {
    guard escalates else { return end }
    var stop = end
    let responseDue = openResponseDue
    let resolutionDue = openResolutionDue
    if responds, responseAt > responseDue { stop = min(stop, responseDue) }
    if end > resolutionDue { stop = min(stop, resolutionDue) }
    return stop
  }

  // MARK: the response deadline

  /// What a response made at this visit means.
  struct Response: Equatable {
    /// Within the visit's open response deadline: a response met at this tier.
    var metAtTier = false
    /// The first response to the citizen.
    var isFirst = false
    /// The first response, within a deadline, with no response deadline missed before: a
    /// response met for the whole system.
    var metOverall = false
  }

  /// A response at `time` (at or before the deadline is in time); `tierHasDeadline` says whether
  /// the visit's rule has a response deadline.
  @inline(__always)
  mutating func respond(at time: Double, tierHasDeadline: Bool) -> Response {
    let due = openResponseDue
    var response = Response()
    if time <= due && due.isFinite {
      marks.insert(.responseSettled)
      response.metAtTier = true
    }
    if !firstResponse.isFinite {
      firstResponse = time
      response.isFirst = true
      response.metOverall = tierHasDeadline && time <= due && !marks.contains(.responseBreached)
    }
    return response
  }

  /// True when the citizen has had a response by `time`.
  func answered(by time: Double) -> Bool { firstResponse <= time }

  /// A missed deadline: `countsForSystem` when the item had missed none of that kind before (so
  /// the whole system counts one miss per item).
  struct Miss: Equatable {
    var countsForSystem: Bool
  }

  /// The response deadline passes at `now`: nil when it was settled already, else a miss at this
  /// tier (the item is breached for the whole system only when the citizen is still unanswered).
  mutating func responseDeadlinePassed(at now: Double) -> Miss? {
    guard !marks.contains(.responseSettled) else { return nil }
    marks.insert(.responseSettled)
    let unanswered = !answered(by: now)
    let miss = Miss(countsForSystem: unanswered && !marks.contains(.responseBreached))
    if unanswered { marks.insert(.responseBreached) }
    return miss
  }

  // MARK: the resolution deadline

  /// What the engine must do when the resolution deadline passes.
  enum ResolutionDeadline: Equatable {
    /// Nothing to do: settled already, or the stage in hand ends at this very minute (in time;
    /// defensive: deadlines pass after everything else in their minute, so the engine ends such a
    /// stage first).
    case nothing
    /// An extension may be asked for: the engine decides, then calls ``extend(to:)`` or
    /// ``missResolution()``.
    case offerExtension
    /// Missed: the unit is named and the item may be taken up.
    case missed(Miss)
  }

  /// The resolution deadline passes at `now`; `extensible` when the rule grants extensions.
  mutating func resolutionDeadlinePassed(at now: Double, extensible: Bool) -> ResolutionDeadline {
    guard !marks.contains(.resolutionSettled) else { return .nothing }
    if phase == .inService, serviceEnd <= now { return .nothing }
    if extensible, !marks.contains(.extended) { return .offerExtension }
    return .missed(missResolution())
  }

  /// The resolution deadline is missed.
  mutating func missResolution() -> Miss {
    let miss = Miss(countsForSystem: !marks.contains(.resolutionBreached))
    marks.insert([.resolutionSettled, .resolutionBreached])
    return miss
  }

  /// The resolution deadline moves to `due` (once per visit).
  mutating func extend(to due: Double) {
    marks.insert(.extended)
    extendedFrom = resolutionDue
    resolutionDue = due
  }

  /// Supervision reminders (督办) sent for the visit's resolution deadline before `now`: one at each
  /// of `fractions` of the time from the clock's start to the deadline in force. Before an
  /// extension that is the deadline as set; after it, the extended one, from the extension on (so
  /// the reminders sent before the extension count, and none twice).
  func remindersSent(before now: Double, fractions: [Double]) -> Int {
    let start = clockStart
    var sent = 0
    var from = -Double.infinity
    if extendedFrom.isFinite {
      let span = extendedFrom - start
      if span > 0 { sent += fractions.count(where: { start + $0 * span < min(now, extendedFrom) }) }
      from = extendedFrom
    }
    let span = resolutionDue - start
    guard span.isFinite, span > 0 else { return sent }
    return sent + fractions.count(where: { start + $0 * span > from && start + $0 * span < now })
  }

  /// The tier is done with the item: true when this settles an open resolution deadline in time.
  @inline(__always)
  mutating func settleResolutionInTime() -> Bool {
    guard !marks.contains(.resolutionSettled), resolutionDue.isFinite else { return false }
    marks.insert(.resolutionSettled)
    return true
  }

  /// The reply is posted at `now`: the latest reply is the item's resolution (an unsatisfied
  /// callback may reopen the item, and the next reply replaces it).
  mutating func reply(at now: Double) { lastReply = now }

  /// Days the visit's reply came after its resolution deadline (0 in time, or with no deadline).
  var daysLate: Double {
    resolutionDue.isFinite && lastReply.isFinite && lastReply > resolutionDue
      ? (lastReply - resolutionDue) / 1440 : 0
  }

  /// When the item was resolved, if it closes now: its last reply, or the closure itself when it
  /// had no reply stage.
  func resolution(closingAt now: Double) -> Double { lastReply.isFinite ? lastReply : now }

  /// Resolved with no resolution deadline missed, having had one: resolution met for the whole
  /// system.
  var resolutionMetOverall: Bool {
    marks.contains(.hadResolutionDeadline) && !marks.contains(.resolutionBreached)
  }
}
