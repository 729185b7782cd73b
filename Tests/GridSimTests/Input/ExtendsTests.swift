import Foundation
import GridSim
import Testing

@Suite("Scenario composition with extends")
struct ExtendsTests {
  /// Writes files into a fresh folder and returns it.
  func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-extends-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  let parent = """
    {
      version: 1, name: "parent", replications: 3,
      period: { start: "2026-01-05T00:00", length: "7 days" },
      demand: { perGridPerDay: 2, hourOfDay: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                             1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
                categories: [{ id: "a", share: 1 }, { id: "b", share: 1 }] },
      tiers: [{ id: "grid", handling: "1 h", passUp: 0.1 }, { id: "top", handling: "2 h" }],
      organization: { name: "t", staff: 2, children: { count: 3, staff: 1 } },
    }
    """

  @Test("objects merge by key, lists of items with ids by id, other values replace")
  func merge() throws {
    let dir = try folder([
      "parent.json5": parent,
      "child.json5": """
      { extends: "parent.json5", name: "child",
        demand: { hourOfDay: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
                  categories: [{ id: "b", share: 3 }, { id: "c" }] },
        tiers: [{ id: "grid", passUp: 0.5 }],
        organization: { children: { count: 5 } } }
      """,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = try ScenarioLoader.load(path: dir.appendingPathComponent("child.json5").path).scenario
    #expect(s.name == "child")
    #expect(s.replications == 3)
    #expect(s.demand.perGridPerDay == 2)
    #expect(s.demand.hourOfDay.first == 2 && s.demand.hourOfDay.last == 1)
    #expect(s.demand.categories.map(\.id) == ["a", "b", "c"])
    #expect(s.demand.categories.map(\.share) == [1, 3, 1])
    #expect(s.tiers.map(\.id) == ["grid", "top"])
    #expect(s.tiers[0].rule.passUp == 0.5)
    #expect(s.tiers[0].rule.handling == .fixed(60))
    #expect(s.organization[0].children.count == 5)
  }

  @Test("a distribution over the parent's replaces it whole; the keys the child does not name stay")
  func distributionsReplace() throws {
    let dir = try folder([
      "parent.json5": parent.replacingOccurrences(
        of: "{ id: \"top\", handling: \"2 h\" }",
        with: "{ id: \"top\", handling: { exponential: \"2 h\" }, "
          + "response: { uniform: [\"1 min\", \"3 min\"] } }"),
      "child.json5": """
      { extends: "parent.json5", tiers: [{ id: "top", handling: { lognormal: { mean: "3 h", sd: "1 h" } } }] }
      """,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = try ScenarioLoader.load(path: dir.appendingPathComponent("child.json5").path).scenario
    #expect(s.tiers[1].rule.handling == .lognormal(mean: 180, sd: 60))
    // What the child does not name stays the parent's.
    #expect(s.tiers[1].rule.response == .uniform(min: 1, max: 3))
  }

  @Test("a problem in a parent names the parent's file and line; a cycle and a missing parent name the chain")
  func problems() throws {
    let dir = try folder([
      "parent.json5": parent.replacingOccurrences(of: "passUp: 0.1", with: "passUp: 1.5"),
      "child.json5": "{ extends: \"parent.json5\", name: \"child\" }",
      "a.json5": "{ extends: \"b.json5\" }",
      "b.json5": "{ extends: \"a.json5\" }",
      "orphan.json5": "{ extends: \"gone.json5\" }",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    func messages(_ name: String) -> [String] {
      do {
        _ = try ScenarioLoader.load(path: dir.appendingPathComponent(name).path)
        return []
      } catch {
        guard case .invalid(let d) = error else { return ["unreadable"] }
        return d.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0): \($0.message)" }
      }
    }
    #expect(messages("child.json5") == ["parent.json5:7: expected a probability from 0 to 1, found 1.5"])
    #expect(messages("a.json5") == ["b.json5:1: extends makes a cycle: a.json5 → b.json5 → a.json5"])
    #expect(
      messages("orphan.json5") == [
        "orphan.json5:1: cannot read the parent scenario 'gone.json5' (no such file); chain: orphan.json5 → gone.json5"
      ])
  }
}
