/// The organization walked once: every unit in depth-first order with its tier, and each grid (a
/// leaf) with the unit that handles its items at each tier. Everything that needs the units by
/// tier, the grids by name or a grid's chain of units reads this rather than walking the tree.
///
/// Units at depth `d` are at tier `tierCount - 1 - d` (the roots at the top). A checked scenario
/// has its grids at tier 0; while a file is being read the tree may be shallower or deeper, so a
/// unit's tier can be out of range (negative) and a grid's chain can have gaps (-1).
package struct UnitTree: Sendable {
  /// One unit, in depth-first order.
  package struct Unit: Sendable {
    /// The unit's name (names may repeat).
    package var name: String
    /// Its headcount.
    package var staff: Int
    /// A grid's relative arrival weight.
    package var demandWeight: Double
    /// Its tier: `tierCount - 1 - depth`.
    package var tier: Int
    /// The unit above it (an index into ``units``), nil for a root.
    package var parent: Int?
    /// True for a grid (a unit with no units below it).
    package var isLeaf: Bool
  }

  /// Every unit, in depth-first order (a unit before the units below it).
  package let units: [Unit]
  /// The grids, in depth-first order: indices into ``units``.
  package let leaves: [Int]
  /// Number of tiers the tree was read against.
  package let tierCount: Int
  /// The unit that handles each grid's items at each tier: `chains[leaf * tierCount + tier]`
  /// (-1 where the tree has no unit at that tier).
  private let chains: [Int]

  /// Walks `organization` (roots first) against `tierCount` tiers.
  /// - Complexity: O(units · tiers).
  package init(_ organization: [Scenario.Unit], tierCount: Int) {
    var units: [Unit] = []
    var leaves: [Int] = []
    var chains: [Int] = []
    var path = [Int](repeating: -1, count: max(0, tierCount))
    func add(_ unit: Scenario.Unit, depth: Int, parent: Int?) {
      let index = units.count
      let tier = tierCount - 1 - depth
      units.append(
        Unit(
          name: unit.name, staff: unit.staff, demandWeight: unit.demandWeight, tier: tier, parent: parent,
          isLeaf: unit.children.isEmpty))
      var saved = -1
      if path.indices.contains(tier) {
        saved = path[tier]
        path[tier] = index
      }
      if unit.children.isEmpty {
        leaves.append(index)
        chains += path
      }
      for child in unit.children { add(child, depth: depth + 1, parent: index) }
      if path.indices.contains(tier) { path[tier] = saved }
    }
    for root in organization { add(root, depth: 0, parent: nil) }
    self.units = units
    self.leaves = leaves
    self.tierCount = max(0, tierCount)
    self.chains = chains
  }

  /// The grids' names, in order.
  package var leafNames: [String] { leaves.map { units[$0].name } }

  /// The unit (an index into ``units``) that handles grid `leaf`'s items at `tier`, if the tree has
  /// one there.
  package func unit(leaf: Int, tier: Int) -> Int? {
    guard leaves.indices.contains(leaf), (0..<tierCount).contains(tier) else { return nil }
    let u = chains[leaf * tierCount + tier]
    return u >= 0 ? u : nil
  }

  /// The names of grid `leaf` and the units above it, from the grid up (empty for no such grid).
  package func chainNames(leaf: Int) -> [String] {
    guard leaves.indices.contains(leaf) else { return [] }
    var names: [String] = []
    var u: Int? = leaves[leaf]
    while let i = u {
      names.append(units[i].name)
      u = units[i].parent
    }
    return names
  }

  /// Each unit's name with its tier (the first unit of a repeated name wins), for files that name
  /// units.
  package var tierByName: [String: Int] {
    var result: [String: Int] = [:]
    for unit in units where unit.tier >= 0 && result[unit.name] == nil { result[unit.name] = unit.tier }
    return result
  }
}

extension Scenario {
  /// The organization walked once (see ``UnitTree``).
  package var unitTree: UnitTree { UnitTree(organization, tierCount: tiers.count) }
}
