/// Whose figures a measure is: one tier's (its visits, or what it closed and answered), or the
/// whole system's (each item once).
package enum Group: Hashable, Sendable {
  case tier(Int)
  case system

  /// The tier, or nil for the whole system.
  package var tier: Int? {
    if case .tier(let t) = self { return t }
    return nil
  }

  /// The tier (0..<tierCount), or `tierCount` for the whole system: the group's row in tables
  /// that keep the whole system after the tiers.
  /// - Complexity: O(1).
  @inline(__always)
  package func row(tierCount: Int) -> Int {
    switch self {
    case .tier(let t): t
    case .system: tierCount
    }
  }
}
