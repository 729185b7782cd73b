/// Every item's path through one replication: when it appeared and was seen, each tier it visited
/// with the times it arrived, was picked up, answered and left, its deadlines, and how it left.
///
/// Kept only when asked for (`Simulation(…, ledger: true)`): it grows with the number of items.
public struct Ledger: Sendable {
  /// How an item left a tier.
  public enum Outcome: String, Sendable {
    case closed, authority, referral, deadline
  }

  /// One visit to a tier. Times are minutes from the start of the period; nil when it did not happen.
  public struct Visit: Sendable {
    public var tier: Int
    public var arrived: Double
    public var started: Double?
    /// The first response to the citizen, when this tier made it.
    public var responded: Double?
    public var left: Double?
    public var outcome: Outcome?
    /// Due times of the tier's deadlines; nil without one.
    public var responseDue: Double?
    public var resolutionDue: Double?
  }

  /// One item.
  public struct Entry: Sendable {
    public var category: Int
    public var severity: Int
    public var channel: Int
    /// The grid it appeared in (a leaf unit index of the model).
    public var leaf: Int
    public var appeared: Double
    /// Nil when it was never seen within the period.
    public var detected: Double?
    /// False for items that appeared in the warm-up (not measured).
    public var counted: Bool
    public var visits: [Visit] = []
    public var closed: Double?
    public var responseMissed = false
    public var resolutionMissed = false
  }

  public private(set) var entries: [Entry] = []
  /// The entry of the item in each engine slot (slots are reused: the latest item's).
  private var entryOfSlot: [Int32] = []

  // MARK: recording, called by the engine

  mutating func appear(_ slot: Int, _ entry: Entry) {
    if entryOfSlot.count <= slot { entryOfSlot += repeatElement(-1, count: slot + 1 - entryOfSlot.count) }
    entryOfSlot[slot] = Int32(entries.count)
    entries.append(entry)
  }

  mutating func enter(_ slot: Int, _ visit: Visit) {
    entries[Int(entryOfSlot[slot])].visits.append(visit)
  }

  /// The item is picked up (only the first pick-up of a visit counts), maybe answering the citizen.
  mutating func start(_ slot: Int, at time: Double, responded: Double?) {
    let e = Int(entryOfSlot[slot])
    let v = entries[e].visits.count - 1
    if entries[e].visits[v].started == nil { entries[e].visits[v].started = time }
    if let responded { entries[e].visits[v].responded = responded }
  }

  mutating func leave(_ slot: Int, at time: Double) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].left = time
  }

  mutating func escalate(_ slot: Int, _ reason: EscalationReason) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].outcome =
      switch reason {
      case .authority: .authority
      case .referral: .referral
      case .deadline, .major: .deadline
      }
  }

  mutating func close(_ slot: Int, at time: Double, responseMissed: Bool, resolutionMissed: Bool) {
    let e = Int(entryOfSlot[slot])
    entries[e].visits[entries[e].visits.count - 1].outcome = .closed
    entries[e].closed = time
    entries[e].responseMissed = responseMissed
    entries[e].resolutionMissed = resolutionMissed
  }

  /// At the end of the period: the items still open take their missed deadlines from `flags(slot)`.
  mutating func finish(_ flags: (Int) -> (response: Bool, resolution: Bool)) {
    for (slot, e) in entryOfSlot.enumerated() where e >= 0 && entries[Int(e)].closed == nil {
      (entries[Int(e)].responseMissed, entries[Int(e)].resolutionMissed) = flags(slot)
    }
  }
}
