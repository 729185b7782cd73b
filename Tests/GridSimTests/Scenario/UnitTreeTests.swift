import Testing

@testable import GridSim

/// The organization walked once, checked by hand on a small tree.
@Suite("The unit tree")
struct UnitTreeTests {
  @Test("depth-first order, tiers from the top, each grid's chain of units, names by tier")
  func smallTree() {
    // 镇 (tier 2) ─ 1村 (tier 1) ─ 1村/1, 1村/2 (tier 0)
    //            └ 2村 (tier 1) ─ 2村/1 (tier 0)
    let organization = [
      Scenario.Unit(
        name: "镇", staff: 3,
        children: [
          Scenario.Unit(
            name: "1村", staff: 2,
            children: [
              Scenario.Unit(name: "1村/1", staff: 1, demandWeight: 2),
              Scenario.Unit(name: "1村/2", staff: 1),
            ]),
          Scenario.Unit(name: "2村", staff: 2, children: [Scenario.Unit(name: "2村/1", staff: 1)]),
        ])
    ]
    let tree = UnitTree(organization, tierCount: 3)
    #expect(tree.units.map(\.name) == ["镇", "1村", "1村/1", "1村/2", "2村", "2村/1"])
    #expect(tree.units.map(\.tier) == [2, 1, 0, 0, 1, 0])
    #expect(tree.units.map(\.parent) == [nil, 0, 1, 1, 0, 4])
    #expect(tree.leaves == [2, 3, 5])
    #expect(tree.leafNames == ["1村/1", "1村/2", "2村/1"])
    #expect(tree.units[tree.leaves[0]].demandWeight == 2)
    #expect(tree.chainNames(leaf: 2) == ["2村/1", "2村", "镇"])
    #expect(tree.chainNames(leaf: 3) == [])
    #expect((0..<3).map { tree.unit(leaf: 1, tier: $0) } == [3, 1, 0])
    #expect((0..<3).map { tree.unit(leaf: 2, tier: $0) } == [5, 4, 0])
    #expect(tree.unit(leaf: 0, tier: 3) == nil)
    #expect(tree.tierByName == ["镇": 2, "1村": 1, "2村": 1, "1村/1": 0, "1村/2": 0, "2村/1": 0])
    // Read against fewer tiers than the tree is deep (a file being read): no crash, gaps as nil.
    let shallow = UnitTree(organization, tierCount: 2)
    #expect(shallow.units.map(\.tier) == [1, 0, -1, -1, 0, -1])
    #expect(shallow.unit(leaf: 0, tier: 1) == 0)
    #expect(shallow.tierByName["1村/1"] == nil)
  }
}
