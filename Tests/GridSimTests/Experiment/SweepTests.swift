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

  @Test("a key varied twice is found; a rows file's keys and values know their cells")
  func checks() throws {
    let axes = [
      Sweep.Axis(key: "a", values: ["1", "2"]), Sweep.Axis(key: "b", values: ["1"]),
      Sweep.Axis(key: "a", values: ["2", "3"]),
    ]
    #expect(Sweep.repeatedKey(axes) == "a")
    #expect(Sweep.repeatedKey(Array(axes.prefix(2))) == nil)
    #expect(
      Sweep.repeatedKeyMessage("a", axes: axes)
        == "'--vary a' is given twice, and the second would replace the first; vary a key once with all its values: --vary a=1,2,3"
    )
    let rows = try Sweep.rows(csv: "seed,\"x, y\",tiers.grid.passUp\n1,2,0.3\n", file: "p.csv").get()
    #expect(rows.keyCells == ["p.csv:1:1", "p.csv:1:6", "p.csv:1:13"])
    #expect(rows.valueCells == [["p.csv:2:1", "p.csv:2:3", "p.csv:2:5"]])
    let overrides = try rows.overrides(point: 0).get()
    #expect(overrides.map(\.origin) == ["p.csv:2:1", "p.csv:2:3", "p.csv:2:5"])
    #expect(overrides.map(\.keyOrigin) == ["p.csv:1:1", "p.csv:1:6", "p.csv:1:13"])
    let grid = Sweep(axes: Array(axes.prefix(2)))
    #expect(try grid.overrides(point: 1).get().map(\.origin) == ["--vary a=2", "--vary b=1"])
  }

  @Test("each point's warning about a varied value is said once, naming the key; the scenario's own once")
  func warningsOnce() throws {
    let sweep = Sweep(axes: [Sweep.Axis(key: "a", values: ["1", "2"])])
    let overrides = try (0..<2).map { try sweep.overrides(point: $0).get() }
    func warning(_ file: String, _ message: String) -> Diagnostic {
      Diagnostic(.warning, file: file, keyPath: "a", message: message)
    }
    let perPoint = [
      [warning("s.json5", "own"), warning("s.json5 (--vary a=1)", "same")],
      [warning("s.json5", "own"), warning("s.json5 (--vary a=2)", "same")],
    ]
    #expect(
      sweep.warnings(perPoint, overrides: overrides, scenario: "s.json5")
        == [warning("s.json5", "own"), warning("s.json5 (--vary a)", "same")])
  }
}
