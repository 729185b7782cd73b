import Foundation
import GridSim
import Testing

@Suite("Overrides (--set and overrides files)")
struct OverrideTests {
  let text = """
    {
      version: 1,
      replications: 2,
      tiers: [
        { id: "grid", handling: "1 h", deadlines: { response: "4 h" } },
        { id: "village", handling: "2 h" },
      ],
      organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    }
    """

  func override(_ assignment: String) throws -> ScenarioOverride {
    try ScenarioOverride.parse(assignment: assignment).get()
  }

  @Test("values are JSON5, or text when they are not")
  func values() throws {
    #expect(try override("replications=5").value.kind == .number(5, text: "5"))
    #expect(try override("tiers.grid.deadlines.response=2 h").value.kind == .string("2 h"))
    #expect(try override("tiers.grid.deadlines.response=\"90 min\"").value.kind == .string("90 min"))
    #expect(try override("x=[1, 2]").steps == [.key("x")])
    #expect(try override("tiers[1].handling=1 h").steps == [.key("tiers"), .index(1), .key("handling")])
    for bad in ["nothing", "=3", "a..b=1", "a[x]=1", "a[1=1", ".a=1"] {
      #expect(throws: OverrideSyntaxError.self, "\(bad)") {
        try ScenarioOverride.parse(assignment: bad).get()
      }
    }
  }

  @Test("list items are found by id or by position, and new keys are added")
  func apply() throws {
    let overrides = try [
      override("tiers.grid.deadlines.response=2 h"), override("tiers[1].handling=30 min"),
      override("replications=7"), override("name=changed"),
    ]
    let s = try ScenarioLoader.parse(text, path: "t.json5", overrides: overrides).scenario
    #expect(s.tiers[0].rule.responseDeadline == .elapsed(TimeSpan(minutes: 120)))
    #expect(s.replications == 7)
    #expect(s.name == "changed")
    #expect(s.tiers[1].rule.handling == .fixed(30))
  }

  @Test("a roster shift is found by its name")
  func shiftByName() throws {
    let rostered = text.replacingOccurrences(
      of: "{ id: \"village\", handling: \"2 h\" }",
      with: """
        { id: "village", handling: "2 h", roster: { shifts: [
          { name: "office", start: "08:30", end: "17:30", staff: "100%" },
          { name: "duty", start: "17:30", end: "08:30", staff: 1 }] } }
        """)
    let s = try ScenarioLoader.parse(
      rostered, path: "t.json5", overrides: [try override("tiers.village.roster.shifts.duty.staff=2")]
    ).scenario
    let shifts = try #require(s.tiers[1].roster?.shifts)
    #expect(shifts.map(\.name) == ["office", "duty"])
    #expect(shifts[1].staff[.workday] == .count(2))
    #expect(shifts[0].staff[.workday] == .share(1))
    // A change of the organization's staff does not reach a shift with a number of people: a warning
    // says so and where.
    let loaded = try ScenarioLoader.parse(
      rostered, path: "t.json5", overrides: [try override("organization.staff=5")])
    #expect(
      loaded.warnings.map(\.message) == [
        "this does not change tier 'village' where its roster gives a number of people: duty (workday, weekend, holiday, makeup-workday)"
      ])
    let plain = try ScenarioLoader.parse(
      text, path: "t.json5", overrides: [try override("organization.staff=5")])
    #expect(plain.warnings.isEmpty)
  }

  @Test("a problem with an overridden value names the override, and every problem is reported")
  func problemsNameTheOrigin() throws {
    let overrides = try [
      override("tiers.grid.deadlines.response=2x"), override("tiers.town.handling=1 h"),
      override("tiers[5].handling=1 h"), override("replications.count=1"),
    ]
    var diagnostics: [Diagnostic] = []
    do {
      _ = try ScenarioLoader.parse(text, path: "t.json5", overrides: overrides)
    } catch {
      if case .invalid(let d) = error { diagnostics = d }
    }
    let lines = diagnostics.map(\.description)
    #expect(lines.count == 4, "\(lines)")
    #expect(
      lines.contains(
        "t.json5 (--set tiers.town.handling=1 h): error: tiers.town.handling: 'tiers.town.handling' names 'town', but no item of that list has that id or name; ids here: grid, village; correct the key path"
      ))
    #expect(
      lines.contains {
        $0.hasPrefix(
          "t.json5 (--set tiers[5].handling=1 h): error: tiers[5].handling: 'tiers[5].handling' asks for item 5 of a list of 2"
        )
      })
    #expect(
      lines.contains {
        $0.hasPrefix(
          "t.json5 (--set replications.count=1): error: replications.count: 'replications.count' goes through 2"
        )
      })
    #expect(
      lines.contains {
        $0.hasPrefix(
          "t.json5 (--set tiers.grid.deadlines.response=2x): error: tiers[0].deadlines.response: expected a deadline such as"
        )
      })
  }

  @Test("an overrides file gives its overrides in order, with their lines")
  func overridesFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("change.json5").path
    try
      "{\n  name: \"shorter\",\n  overrides: {\n    \"tiers.grid.passUp\": 0.5,\n    \"tiers[1].handling\": \"1 h\",\n  },\n}\n"
      .write(toFile: good, atomically: true, encoding: .utf8)
    guard case .overrides(let name, let list) = try ScenarioLoader.loadInput(path: good) else {
      Issue.record("an object with 'overrides' is an overrides file")
      return
    }
    #expect(name == "shorter")
    #expect(list.map(\.keyPath) == ["tiers.grid.passUp", "tiers[1].handling"])
    #expect(list[0].origin == "\(good):4:5")
    let s = try ScenarioLoader.parse(text, path: "t.json5", overrides: list).scenario
    #expect(s.tiers[0].rule.passUp == 0.5)

    let scenario = folder.appendingPathComponent("s.json5").path
    try text.write(toFile: scenario, atomically: true, encoding: .utf8)
    guard case .scenario(let loaded) = try ScenarioLoader.loadInput(path: scenario, overrides: list) else {
      Issue.record("a file without 'overrides' is a scenario")
      return
    }
    #expect(loaded.scenario.tiers[0].rule.passUp == 0.5)

    let bad = folder.appendingPathComponent("bad.json5").path
    try "{ overrides: { \"a..b\": 1 }, nmae: 2 }".write(toFile: bad, atomically: true, encoding: .utf8)
    let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.loadInput(path: bad) }
    guard case .invalid(let d)? = error else {
      Issue.record("expected diagnostics, found \(String(describing: error))")
      return
    }
    #expect(
      d.map(\.description) == [
        "\(bad):1:16: error: overrides.a..b: 'a..b' is not a key path (at most 1,000 characters); write keys joined by dots, ids or [n] for list items, for example \"tiers.grid.passUp\"",
        "\(bad):1:29: error: nmae: unknown key 'nmae'; did you mean 'name'?",
      ])
  }
}
