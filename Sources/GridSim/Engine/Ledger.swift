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

  public internal(set) var entries: [Entry] = []
}
