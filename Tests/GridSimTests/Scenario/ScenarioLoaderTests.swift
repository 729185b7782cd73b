import Foundation
import GridSim
import GridSimBench
import Testing

/// A small valid scenario; tests change parts of it.
let minimalScenario = """
  {
    version: 1,
    period: { start: "2026-01-05T00:00", length: "10 days" },
    tiers: [
      { id: "grid", handling: { exponential: "1 h" } },
      { id: "top", handling: "30 min" },
    ],
    organization: { name: "镇", staff: 2, children: { count: 3, staff: 1 } },
  }
  """

@Suite("Scenario loading")
struct ScenarioLoaderTests {
  @Test("a minimal scenario loads with defaults")
  func minimal() throws {
    let s = try load(minimalScenario)
    #expect(s.tiers.map(\.id) == ["grid", "top"])
    #expect(s.organization.count == 1)
    #expect(s.organization[0].children.map(\.name) == ["镇/1", "镇/2", "镇/3"])
    #expect(s.period.length.minutes == 14_400)
    #expect(s.replications == 10)
    #expect(s.demand.categories.map(\.id) == ["issue"])
  }

  @Test("every problem in a file is reported in one run, with key path and line")
  func everyProblem() {
    let text = """
      {
        version: 1,
        seed: -4,
        period: { start: "2026-01-05", end: "2026-01-01" },
        tiers: [
          { id: "grid", handling: { exponential: 60 }, passUp: 1.5, stafff: 3 },
          { id: "top", handling: { exponentail: "1 h" }, deadlines: { response: "2 hours", onBreach: "escalte" } },
        ],
        organization: { staff: 1 },
      }
      """
    let d = problems(text)
    let summary = d.map { "\($0.line ?? 0) \($0.keyPath)" }
    #expect(
      summary == [
        "3 seed", "4 period.end", "6 tiers[0].handling.exponential", "6 tiers[0].passUp", "6 tiers[0].stafff",
        "7 tiers[1].handling.exponentail", "7 tiers[1].deadlines.onBreach", "9 organization.children",
      ], "\(d.map(\.description).joined(separator: "\n"))")
    // 'staff' is a key of units, not of tiers: the fix lists the keys a tier has.
    #expect(
      d.first { $0.keyPath == "tiers[0].stafff" }?.fix?.hasPrefix("known keys here: id, name, discipline")
        == true)
    #expect(d.first { $0.keyPath == "tiers[1].handling.exponentail" }?.fix == "did you mean 'exponential'?")
    #expect(
      d.first { $0.keyPath == "tiers[0].handling.exponential" }?.message
        == "expected a duration with a unit, such as \"30 min\", \"2 h\" or \"3 days\", found 60 with no unit"
    )
    #expect(d.first { $0.keyPath == "tiers[1].deadlines.onBreach" }?.fix == "did you mean 'escalate'?")
    #expect(d.allSatisfy { $0.file == "bad.json5" && $0.severity == .error })
  }

  @Test("the diagnostic format names file, line, column, key path, what was found and the fix")
  func format() {
    let d = problems(minimalScenario.replacingOccurrences(of: "staff: 2,", with: "staf: 2,"))
    #expect(
      d.map(\.description).contains(
        "bad.json5:8:30: error: organization.staf: unknown key 'staf'; did you mean 'staff'?"), "\(d)")
  }

  @Test(
    "values out of range are refused",
    arguments: [
      ("replications: 0,", "replications", "expected a whole number from 1 to 100000, found 0"),
      ("seed: 1.5,", "seed", "expected a whole-number seed from 0 to 9007199254740992, found 1.5"),
      ("seed: 1e400,", "seed", "expected a whole-number seed from 0 to 9007199254740992, found 1e400"),
      (
        "demand: { perGridPerDay: -1 },", "demand.perGridPerDay",
        "expected arrivals per grid per day from 0 to 10000000, found -1"
      ),
      (
        "demand: { hourOfDay: [1, 2] },", "demand.hourOfDay",
        "expected 24 weights (one per hour of day, 0 to 23), found 2"
      ),
      ("version: 2,", "version", "this gridsim reads scenario format version 1, found version 2"),
    ])
  func ranges(line: String, keyPath: String, message: String) {
    let text = minimalScenario.replacingOccurrences(
      of: "version: 1,", with: line.hasPrefix("version") ? line : "version: 1, " + line)
    let d = problems(text)
    #expect(d.contains { $0.keyPath == keyPath && $0.message == message }, "\(d.map(\.description))")
  }

  @Test("a period longer than 100 years is refused")
  func longPeriod() {
    let d = problems(
      minimalScenario.replacingOccurrences(of: "length: \"10 days\"", with: "end: \"9026-01-05\""))
    #expect(d.map(\.message) == ["expected a period of at most 100 years, found 2556697 days"], "\(d)")
  }

  @Test("references to undefined ids suggest the closest")
  func references() {
    let text = minimalScenario.replacingOccurrences(
      of: "tiers: [",
      with: """
        demand: { categories: [{ id: "complaint" }], entry: [{ category: "complaints", tier: "topp" }] },
        tiers: [
        """)
    let d = problems(text)
    #expect(d.contains { $0.keyPath == "demand.entry[0].category" && $0.fix == "did you mean 'complaint'?" })
    #expect(d.contains { $0.keyPath == "demand.entry[0].tier" && $0.fix == "did you mean 'top'?" })
  }

  @Test("the organization must be as deep as the tiers")
  func depth() {
    let d = problems(
      minimalScenario.replacingOccurrences(
        of: "children: { count: 3, staff: 1 }",
        with: "children: { count: 3, staff: 1, children: { staff: 1 } }"))
    #expect(
      d.contains { $0.keyPath == "organization.children.children" && $0.message.contains("have no children") }
    )
  }

  @Test("missing and unreadable files are told apart from invalid ones")
  func missing() {
    #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/x.json5") }
    do {
      _ = try ScenarioLoader.load(path: "/nonexistent/x.json5")
    } catch {
      guard case .unreadable(_, let reason) = error else {
        Issue.record("expected unreadable")
        return
      }
      #expect(reason == "no such file")
    }
  }

  @Test("every shipped scenario loads without problems")
  func shipped() throws {
    for file in ["township-baseline.json5", "benchmarks/tandem3.json5", "benchmarks/county-year.json5"] {
      let loaded = try ScenarioLoader.load(
        path: repositoryRoot.appendingPathComponent("Scenarios/" + file).path)
      #expect(loaded.warnings.isEmpty, "\(file): \(loaded.warnings)")
    }
  }

  @Test("the benchmark's built-in tandem3 is the shipped file")
  func builtInTandem3() throws {
    let shipped = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Scenarios/benchmarks/tandem3.json5"), encoding: .utf8
    )
    #expect(Benchmark.tandem3Source == shipped)
  }
}

@Suite("The warm-up must be shorter than the period")
struct WarmUpTests {
  func period(_ period: String) -> String {
    minimalScenario.replacingOccurrences(
      of: "period: { start: \"2026-01-05T00:00\", length: \"10 days\" }", with: "period: \(period)")
  }

  func warmUpProblems(_ d: [Diagnostic]) -> [String] {
    d.filter { $0.keyPath == "period.warmUp" && $0.severity == .error }.map(\.message)
  }

  @Test(
    "a warm-up as long as the period or longer is refused, naming period.warmUp",
    arguments: [
      ("{ start: \"2026-01-05T00:00\", length: \"10 days\", warmUp: \"10 days\" }", "10 days", "10 days"),
      ("{ start: \"2026-01-05T00:00\", length: \"10 days\", warmUp: \"11 days\" }", "10 days", "11 days"),
      ("{ start: \"2026-01-05T00:00\", end: \"2026-01-06T12:00\", warmUp: \"36 h\" }", "36 h", "36 h"),
      ("{ start: \"2026-01-05T00:00\", warmUp: \"4 weeks\" }", "28 days", "28 days"),  // the default length
    ])
  func refused(period text: String, length: String, warmUp: String) {
    let d = problems(period(text))
    #expect(
      warmUpProblems(d) == ["expected a warm-up shorter than the period (\(length)), found \(warmUp)"],
      "\(d.map(\.description))")
  }

  @Test("with other problems, every one is reported")
  func withOthers() {
    let text = period("{ start: \"2026-01-05T00:00\", length: \"1 day\", warmUp: \"2 days\" }")
      .replacingOccurrences(of: "version: 1,", with: "version: 1, replications: 0,")
      .replacingOccurrences(of: "version: 1,", with: "version: 1, seed: -4,")
    let d = problems(text)
    #expect(d.map(\.keyPath).sorted() == ["period.warmUp", "replications", "seed"], "\(d)")
  }

  @Test("an override or a child scenario that makes the warm-up too long is refused too")
  func overridesAndExtends() throws {
    let text = period("{ start: \"2026-01-05T00:00\", length: \"10 days\", warmUp: \"2 days\" }")
    let shorter = try ScenarioOverride.parse(assignment: "period.length=2 days").get()
    do {
      _ = try ScenarioLoader.parse(text, path: "w.json5", overrides: [shorter])
      Issue.record("a 2-day warm-up in a 2-day period was accepted")
    } catch .invalid(let d) {
      #expect(warmUpProblems(d) == ["expected a warm-up shorter than the period (2 days), found 2 days"])
    } catch {
      Issue.record("unexpected \(error)")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-warmup-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try text.write(to: folder.appendingPathComponent("parent.json5"), atomically: true, encoding: .utf8)
    let child = folder.appendingPathComponent("child.json5").path
    try "{ extends: \"parent.json5\", period: { length: \"36 h\" } }".write(
      toFile: child, atomically: true, encoding: .utf8)
    do {
      _ = try ScenarioLoader.load(path: child)
      Issue.record("a 2-day warm-up in a 36-hour period was accepted")
    } catch .invalid(let d) {
      #expect(warmUpProblems(d) == ["expected a warm-up shorter than the period (36 h), found 2 days"])
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a warm-up one minute shorter than the period runs: only that last minute is measured")
  func lastMinute() throws {
    // One day, 1439 minutes of warm-up. The item at 23:58 is not counted, the one at 23:59 is;
    // the grid worker, busy with the first, is busy through the one measured minute.
    let text = period("{ start: \"2026-01-05T00:00\", length: \"1 day\", warmUp: \"1439 min\" }")
      .replacingOccurrences(
        of: "tiers: [",
        with:
          "demand: { perGridPerDay: 0, injects: [{ after: \"1438 min\" }, { after: \"1439 min\" }] }, tiers: ["
      )
      .replacingOccurrences(of: "children: { count: 3, staff: 1 }", with: "children: { staff: 1 }")
    let (_, results) = simulate(try load(text), replications: 1)
    let r = results[0]
    #expect(r.count(.appeared, group: .system) == 1)
    #expect(r.count(.visits, group: .tier(0)) == 1)
    #expect(r.utilization[0] == 1)
    #expect(r.openAtEnd == [2, 0])
  }
}

@Suite("Times and durations")
struct TimeTests {
  @Test(
    "durations need a unit and accept Chinese unit names",
    arguments: [
      ("30 min", 30.0), ("1.5 h", 90), ("2 days", 2880), ("1 week", 10080), ("3小时", 180), ("1e2 min", 100),
      ("90s", 1.5),
    ])
  func spans(text: String, minutes: Double) {
    #expect(TimeSpan(parsing: text)?.minutes == minutes)
  }

  @Test(
    "bare numbers and unknown units are not durations", arguments: ["30", "3 fortnights", "", "h", "1..2 h"])
  func notSpans(text: String) {
    #expect(TimeSpan(parsing: text) == nil)
  }

  @Test("local date-times: parsing, weekdays and leap years")
  func dates() throws {
    let d = try #require(LocalDateTime(parsing: "2026-10-01T08:30"))
    #expect(d.weekday == 4)  // Thursday
    #expect(d.minuteOfDay == 510)
    #expect(d.description == "2026-10-01T08:30")
    #expect(LocalDateTime(parsing: "2024-02-29") != nil)
    #expect(LocalDateTime(parsing: "2026-02-29") == nil)
    #expect(LocalDateTime(parsing: "2026-13-01") == nil)
    #expect(LocalDateTime(parsing: "1970-01-01")?.weekday == 4)
    #expect(LocalDateTime(parsing: "2026-02-17")?.weekday == 2)  // Spring Festival 2026, a Tuesday
    #expect(LocalDateTime(minutes: -1).description == "1969-12-31T23:59")
  }
}
