/// An item in the system, or a task (a department's part of a forked item, a skip-level report):
/// where it is, when things happened to it, and the state of its current visit's deadlines.
///
/// The deadline rules live here as a small state machine: each transition changes the item and
/// returns what the engine must do about it (count a response met or a miss, for the tier and for
/// the whole system; offer an extension; a miss that names the unit), so the rules are tested
/// without running a scenario. The engine performs the effects: counting, naming, scheduling,
/// escalating.
struct Item: Sendable {
  /// What has happened to the item, at this visit or over its life.
  struct Flags: OptionSet, Sendable {
    let rawValue: UInt32

    /// It appeared after the warm-up: its figures are recorded.
    static let counted = Flags(rawValue: 1 << 0)
    /// A staff member is working on it now.
    static let inService = Flags(rawValue: 1 << 1)
    /// The visit's response deadline is settled (met, or missed and counted).
    static let responseSettled = Flags(rawValue: 1 << 2)
    /// The visit's resolution deadline is settled.
    static let resolutionSettled = Flags(rawValue: 1 << 3)
    /// Some visit had a resolution deadline.
    static let hadResolutionDeadline = Flags(rawValue: 1 << 4)
    /// A response deadline was missed with the citizen still unanswered (at any visit).
    static let responseBreached = Flags(rawValue: 1 << 5)
    /// A resolution deadline was missed (at any visit).
    static let resolutionBreached = Flags(rawValue: 1 << 6)
    /// Its own part is done; it waits for the other departments' parts.
    static let awaitingParts = Flags(rawValue: 1 << 7)
    /// A department's part of a forked item: a task, not an item.
    static let part = Flags(rawValue: 1 << 8)
    /// A skip-level report: a task, not an item.
    static let report = Flags(rawValue: 1 << 9)
    /// Its worsening window is still open (the slot is held until it closes).
    static let watched = Flags(rawValue: 1 << 10)
    /// Closed while watched: the slot is freed when the window closes.
    static let finished = Flags(rawValue: 1 << 11)
    /// The visit's resolution deadline was extended.
    static let extended = Flags(rawValue: 1 << 13)
    /// A staff member has picked it up at this visit (its wait at the tier is recorded).
    static let pickedUp = Flags(rawValue: 1 << 14)

    /// A part or a report.
    static let task: Flags = [.part, .report]
    /// What a new visit starts without.
    static let perVisit: Flags = [
      .inService, .responseSettled, .resolutionSettled, .awaitingParts, .extended, .pickedUp,
    ]
  }

  // Stored 8-byte fields first, then 4-, 2- and 1-byte ones: 136 bytes an item.

  /// Minutes since the start: when it appeared, was seen, and arrived at its current tier.
  var appeared: Double
  var detected: Double
  var tierArrival: Double
  /// The first response to the citizen; infinity before it (like a due time: not yet).
  var firstResponse: Double = .infinity
  /// When the current stage's service ends (valid while in service).
  var serviceEnd: Double = 0
  /// Minutes waited in queues over all visits.
  var totalWait: Double = 0
  /// Due times of the current visit's deadlines (infinity: none).
  var responseDue: Double = .infinity
  var resolutionDue: Double = .infinity
  /// When the current visit's deadline clock started.
  var clockStart: Double = 0
  /// The last reply to the citizen (the item's resolution); infinity before the first.
  var lastReply: Double = .infinity
  /// The resolution deadline the visit's extension replaced; infinity without an extension.
  var extendedFrom: Double = .infinity
  var leaf: Int32
  var unit: Int32 = 0
  /// Moves on whenever the item changes visit or slot; an event or queue entry with another stamp
  /// is stale.
  var stamp: UInt32 = 0
  var flags: Flags
  /// The current stage (an index into the model's stages).
  var stage: Int32 = 0
  /// Forked parts not yet done (the lead item waits for them).
  var parts: Int32 = 0
  /// For a task: the item it belongs to, and that item's stamp when the task was made.
  var parent: Int32 = 0
  var parentStamp: UInt32 = 0
  var tier: Int16 = 0
  var category: Int16
  var severity: Int16
  /// The unit's ``Duty/epoch`` when the staff member serving it started (valid while in service).
  var dutyEpoch: UInt16 = 0
  /// The key-date window it appeared in (its slice), if any.
  var window: Int16?
  /// The channel it came by, and the day-kind slice of the day it appeared.
  var channel: UInt8
  var dayKind: UInt8
  /// Times reopened after an unsatisfied callback.
  var reopenings: UInt8 = 0
  /// Its combination of category, day kind and window in the whole system's figures
  /// (``Recorder/Combinations``; 0 when the recorder keeps none).
  var combination: UInt8 = 0

  init(
    appeared: Double, detected: Double, tierArrival: Double, leaf: Int32, category: Int16, severity: Int16,
    window: Int16? = nil, flags: Flags, channel: UInt8, dayKind: UInt8, combination: UInt8 = 0
  ) {
    self.appeared = appeared
    self.detected = detected
    self.tierArrival = tierArrival
    self.leaf = leaf
    self.category = category
    self.severity = severity
    self.window = window
    self.flags = flags
    self.channel = channel
    self.dayKind = dayKind
    self.combination = combination
  }

  var isCounted: Bool { flags.contains(.counted) }
  var isTask: Bool { !flags.isDisjoint(with: .task) }

  // MARK: visits

  /// Starts a visit to `unit` at `tier` with its deadlines (infinity: none): the per-visit state
  /// is cleared, and every event of the previous visit goes stale.
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
    flags.subtract(.perVisit)
    extendedFrom = .infinity
    self.clockStart = clockStart
    self.responseDue = responseDue
    self.resolutionDue = resolutionDue
    if resolutionDue.isFinite { flags.insert(.hadResolutionDeadline) }
  }

  /// A staff member picks the item up at `now`: the first time at this visit, its wait at the tier
  /// (also added to the item's total), else nil.
  @inline(__always)
  mutating func pickUp(at now: Double) -> Double? {
    guard !flags.contains(.pickedUp) else { return nil }
    flags.insert(.pickedUp)
    let wait = now - tierArrival
    totalWait += wait
    return wait
  }

  /// The response deadline as it still binds (infinity once settled).
  var openResponseDue: Double { flags.contains(.responseSettled) ? .infinity : responseDue }
  /// The resolution deadline as it still binds (infinity once settled).
  var openResolutionDue: Double { flags.contains(.resolutionSettled) ? .infinity : resolutionDue }

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
      flags.insert(.responseSettled)
      response.metAtTier = true
    }
    if !firstResponse.isFinite {
      firstResponse = time
      response.isFirst = true
      response.metOverall = tierHasDeadline && time <= due && !flags.contains(.responseBreached)
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
    guard !flags.contains(.responseSettled) else { return nil }
    flags.insert(.responseSettled)
    let unanswered = !answered(by: now)
    let miss = Miss(countsForSystem: unanswered && !flags.contains(.responseBreached))
    if unanswered { flags.insert(.responseBreached) }
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
    guard !flags.contains(.resolutionSettled) else { return .nothing }
    if flags.contains(.inService), serviceEnd <= now { return .nothing }
    if extensible, !flags.contains(.extended) { return .offerExtension }
    return .missed(missResolution())
  }

  /// The resolution deadline is missed.
  mutating func missResolution() -> Miss {
    let miss = Miss(countsForSystem: !flags.contains(.resolutionBreached))
    flags.insert([.resolutionSettled, .resolutionBreached])
    return miss
  }

  /// The resolution deadline moves to `due` (once per visit).
  mutating func extend(to due: Double) {
    flags.insert(.extended)
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
    guard !flags.contains(.resolutionSettled), resolutionDue.isFinite else { return false }
    flags.insert(.resolutionSettled)
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
    flags.contains(.hadResolutionDeadline) && !flags.contains(.resolutionBreached)
  }
}
