import GridSim
import Testing

@Suite("Sweeps")
struct SweepTests {
  @Test("--vary values split on commas outside quotes, brackets and braces; points are the product")
  func axesAndPoints() throws {
    let a = try #require(Sweep.axis("tiers.grid.passUp=0.1, 0.2,0.3"))
    #expect(a == Sweep.Axis(key: "tiers.grid.passUp", values: ["0.1", "0.2", "0.3"]))
    let b = try #require(Sweep.axis("x=[1, 2],{ a: 1, b: 2 },\"3, 4\""))
    #expect(b.values == ["[1, 2]", "{ a: 1, b: 2 }", "\"3, 4\""])
    #expect(Sweep.axis("novalue") == nil)
    #expect(Sweep.axis("k=1,,2") == nil)
    let sweep = Sweep(axes: [a, Sweep.Axis(key: "seed", values: ["1", "2"])])
    #expect(sweep.count == 6)
    #expect(
      sweep.points.first == ["0.1", "1"] && sweep.points[1] == ["0.1", "2"]
        && sweep.points.last == ["0.3", "2"])
    #expect(sweep.assignments(["0.2", "1"]) == ["tiers.grid.passUp=0.2", "seed=1"])
  }
}
