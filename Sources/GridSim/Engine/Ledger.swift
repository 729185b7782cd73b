/// Every item's path through one replication: when it appeared and was seen, each tier it visited
/// with the times it arrived, was picked up, answered and left, each stage of each visit, its
/// deadlines, the tasks made for it (departments' parts, skip-level reports), what happened along
/// the way (extensions, missed deadlines, callbacks, worsening), and how it left.
///
/// Kept only when asked for (`Simulation(…, ledger: true)`): it grows with the number of items.
package struct Ledger: Sendable {
  /// How an item left a tier.
  package enum Outcome: String, Sendable {
    case closed, authority, referral, deadline, worsened, reopened
  }

  /// One stage of a visit: when the item was ready for it, picked up and done.
  package struct Step: Sendable {
    package var stage: StageKind
    /// The role (an index into the tier's roles).
    package var role: Int
    package var ready: Double
    package var started: Double?
    package var ended: Double?
  }

  /// One visit to a tier. Times are minutes from the start of the period; nil when it did not happen.
  package struct Visit: Sendable {
    package var tier: Int
    /// The unit (a model unit index).
    package var unit: Int
    package var arrived: Double
    package var started: Double?
    /// The first response to the citizen, when this tier made it.
    package var responded: Double?
    package var left: Double?
    package var outcome: Outcome?
    /// Due times of the tier's deadlines; nil without one.
    package var responseDue: Double?
    package var resolutionDue: Double?
    package var steps: [Step] = []
  }

  /// Something that happened to an item, other than moving through its stages.
  package enum Note: Sendable {
    /// Missed with no reply (the deadline as set, or as extended): the unit is named (通报).
    case resolutionMissed(tier: Int, unit: Int)
    case extended(tier: Int, due: Double)
    case forked(parts: Int)
    case reportFiled(tier: Int, due: Double)
    case callback(satisfied: Bool)
    case worsened(severity: Int, followUps: Int)
  }

  /// A task made for an item: another department's part of its handling, or a skip-level report.
  package struct Task: Sendable {
    package var isReport: Bool
    package var tier: Int
    package var unit: Int
    package var role: Int
    package var ready: Double
    package var started: Double?
    package var ended: Double?
    /// A report's deadline.
    package var due: Double?
  }

  /// One item.
  package struct Entry: Sendable {
    package var category: Int
    package var severity: Int
    package var channel: Int
    /// The grid it appeared in (a leaf unit index of the model).
    package var leaf: Int
    package var appeared: Double
    /// Nil when it was never seen within the period.
    package var detected: Double?
    /// False for items that appeared in the warm-up (not measured).
    package var counted: Bool
    /// A follow-up post of worsening opinion.
    package var followUp = false
    /// The scripted item it is (an index into the scenario's `demand.injects`); nil: a random one.
    package var inject: Int?
    package var visits: [Visit] = []
    package var notes: [(time: Double, note: Note)] = []
    package var tasks: [Task] = []
    package var closed: Double?
    package var responseMissed = false
    package var resolutionMissed = false
  }

  package private(set) var entries: [Entry] = []
  /// The entry of the item in each engine slot (slots are reused: the latest item's); a task's
  /// slot maps to its item's entry and to its index in the entry's tasks (-1 for items).
  private var entryOfSlot: [Int32] = []
  private var taskOfSlot: [Int32] = []

  // MARK: recording, called by the engine

  private mutating func grow(to slot: Int) {
    if entryOfSlot.count <= slot {
      entryOfSlot += repeatElement(-1, count: slot + 1 - entryOfSlot.count)
      taskOfSlot += repeatElement(-1, count: slot + 1 - taskOfSlot.count)
    }
  }

  @inline(never)
  mutating func appear(_ slot: Int, _ entry: Entry) {
    grow(to: slot)
    entryOfSlot[slot] = Int32(entries.count)
    taskOfSlot[slot] = -1
    entries.append(entry)
  }

  /// The item that appeared last is the scenario's inject `index` (called at once after it
  /// appears: reports filed on detection are tasks, not entries, and follow-up posts come later).
  mutating func markLast(inject index: Int) {
    guard !entries.isEmpty else { return }
    entries[entries.count - 1].inject = index
  }

  /// A task in `slot` is made for the item in `parent`.
  @inline(never)
  mutating func attach(_ slot: Int, to parent: Int, _ task: Task) {
    grow(to: slot)
    let e = entryOfSlot[parent]
    entryOfSlot[slot] = e
    taskOfSlot[slot] = Int32(entries[Int(e)].tasks.count)
    entries[Int(e)].tasks.append(task)
  }

  @inline(never)
  mutating func enter(_ slot: Int, _ visit: Visit) {
    entries[Int(entryOfSlot[slot])].visits.append(visit)
  }

  /// The item is ready for a stage of its visit.
  @inline(never)
  mutating func ready(_ slot: Int, stage: StageKind, role: Int, at time: Double) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].steps.append(Step(stage: stage, role: role, ready: time))
  }

  /// The item (or task) is picked up, maybe answering the citizen.
  @inline(never)
  mutating func start(_ slot: Int, at time: Double, responded: Double?) {
    let e = Int(entryOfSlot[slot])
    if taskOfSlot[slot] >= 0 {
      entries[e].tasks[Int(taskOfSlot[slot])].started = time
      return
    }
    let v = entries[e].visits.count - 1
    if entries[e].visits[v].started == nil { entries[e].visits[v].started = time }
    if let responded { entries[e].visits[v].responded = responded }
    if let s = entries[e].visits[v].steps.indices.last { entries[e].visits[v].steps[s].started = time }
  }

  /// The item's (or task's) current stage is done.
  @inline(never)
  mutating func stageEnd(_ slot: Int, at time: Double) {
    let e = Int(entryOfSlot[slot])
    if taskOfSlot[slot] >= 0 {
      entries[e].tasks[Int(taskOfSlot[slot])].ended = time
      return
    }
    let v = entries[e].visits.count - 1
    if let s = entries[e].visits[v].steps.indices.last { entries[e].visits[v].steps[s].ended = time }
  }

  @inline(never)
  mutating func note(_ slot: Int, _ note: Note, at time: Double) {
    entries[Int(entryOfSlot[slot])].notes.append((time, note))
  }

  @inline(never)
  mutating func leave(_ slot: Int, at time: Double) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].left = time
  }

  @inline(never)
  mutating func escalate(_ slot: Int, _ reason: EscalationReason) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].outcome =
      switch reason {
      case .authority: .authority
      case .referral: .referral
      case .deadline, .major: .deadline
      case .worsened: .worsened
      case .reopened: .reopened
      }
  }

  /// The citizen was unsatisfied and the item is handled again at the same tier.
  @inline(never)
  mutating func reopen(_ slot: Int) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].outcome = .reopened
  }

  @inline(never)
  mutating func close(_ slot: Int, at time: Double, responseMissed: Bool, resolutionMissed: Bool) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].outcome = .closed
    entries[e].closed = time
    entries[e].responseMissed = responseMissed
    entries[e].resolutionMissed = resolutionMissed
  }

  /// At the end of the period: the items still open take their missed deadlines from `flags(slot)`
  /// (nil for a task's slot).
  mutating func finish(_ flags: (Int) -> (response: Bool, resolution: Bool)?) {
    for (slot, e) in entryOfSlot.enumerated() where e >= 0 && entries[Int(e)].closed == nil {
      if taskOfSlot[slot] < 0, let f = flags(slot) {
        (entries[Int(e)].responseMissed, entries[Int(e)].resolutionMissed) = f
      }
    }
  }
}
