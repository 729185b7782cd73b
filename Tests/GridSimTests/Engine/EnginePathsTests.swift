import Foundation
import Testing

@testable import GridSim

/// The engine's two copies (``EnginePaths``): a model without the optional paths runs the copy
/// compiled without them, and that copy gives exactly what the copy with every path gives.
@Suite("The engine's two copies")
struct EnginePathsTests {
  /// One severity, one channel, no worsening, report or fork, but every other rule: stages and
  /// roles with a pooled unit, deadlines by working time with escalation and extensions,
  /// callbacks that reopen, reminders, passing up, a deadline-ordered line, and a holiday window
  /// that halves the staff.
  static let everyOtherRule = """
    {
      version: 1,
      period: { start: "2026-09-28T00:00", length: "10 days", warmUp: "1 day" },
      seed: 11,
      replications: 2,
      demand: {
        perGridPerDay: 6,
        categories: [{ id: "issue", share: 2 }, { id: "consultation", share: 1 }],
      },
      tiers: [
        { id: "grid", handling: { exponential: "50 min" }, response: "10 min", passUp: 0.2,
          discipline: "deadline", deadlines: { response: "1 h", resolution: "1 working day" } },
        { id: "village", handling: { exponential: "2 h" },
          roles: [{ id: "office", share: 0.5 }, { id: "leaders", share: 0.5 }],
          stages: [
            { id: "accept", role: "office", time: "10 min" },
            { id: "handle", role: "leaders" },
            { id: "reply", role: "office", time: "15 min" },
            { id: "callback", role: "office", time: "10 min", skip: ["consultation"] },
          ],
          deadlines: { resolution: "4 h", extension: { probability: 0.5, limit: "6 h" } } },
        { id: "township", handling: { exponential: "3 h" } },
      ],
      policy: {
        callback: { unsatisfied: 0.3, perDayLate: 0.1, reopenAt: "same", maxReopenings: 1 },
        supervision: { reminders: [0.5, 0.75] },
      },
      windows: [{ name: "national-day", staff: 0.5 }],
      organization: {
        name: "镇", staff: 2,
        children: { count: 2, name: "村", staff: 1, children: { count: 3, staff: 1 } },
      },
    }
    """

  /// Runs replication `r` of a model in the copy asked for, flattened for an exact comparison.
  static func flat(_ model: Model, seed: UInt64, replication r: Int, basic: Bool) -> (
    bytes: [UInt8], events: Int
  ) {
    var simulation = Simulation(model: model, seed: seed, replication: r, ledger: false, basic: basic)
    let isBasic = simulation.isBasic
    #expect(isBasic == basic)
    let result = simulation.run()
    var writer = FlatWriter()
    result.write(to: &writer)
    return (writer.bytes, result.events)
  }

  @Test(
    "both copies give the same results, to the byte",
    arguments: ["every other rule", "the reports' scenario", "tandem3"])
  func sameResults(_ name: String) throws {
    var scenario: Scenario
    switch name {
    case "every other rule": scenario = try load(Self.everyOtherRule)
    case "the reports' scenario": scenario = try load(reportScenario)
    default:
      let path = repositoryRoot.appendingPathComponent("Scenarios/benchmarks/tandem3.json5").path
      scenario = try ScenarioLoader.load(path: path).scenario
      scenario.period.end = scenario.period.start.adding(minutes: 2_000 * 60)
    }
    let model = Model(scenario)
    #expect(!model.usesOptionalPaths)
    for r in 0..<2 {
      let basic = Self.flat(model, seed: scenario.seed, replication: r, basic: true)
      let all = Self.flat(model, seed: scenario.seed, replication: r, basic: false)
      #expect(basic.events > 300)
      let differ = basic.bytes.indices.first { $0 >= all.bytes.count || basic.bytes[$0] != all.bytes[$0] }
      #expect(basic.bytes.count == all.bytes.count && differ == nil, "they differ from byte \(differ ?? -1)")
    }
  }

  @Test("the rules the test above relies on are at work in its scenario")
  func everyOtherRuleIsExercised() throws {
    let scenario = try load(Self.everyOtherRule)
    let (_, results) = simulate(scenario)
    func total(_ counter: Counter) -> Int {
      results.reduce(0) { sum, r in sum + (0..<3).reduce(0) { $0 + r.count(counter, group: .tier($1)) } }
    }
    for counter in [
      Counter.escalatedDeadline, .escalatedReferral, .extensions, .reopened, .reminders, .resolutionMissed,
    ] {
      #expect(total(counter) > 0, "\(counter)")
    }
  }

  @Test("a model uses the optional paths when it has any of them, and then runs the copy with them all")
  func optionalPaths() throws {
    let plain = try load(Self.everyOtherRule)
    #expect(!Model(plain).usesOptionalPaths)
    let basic = Simulation(model: Model(plain), seed: 1, replication: 0).isBasic
    let withLedger = Simulation(model: Model(plain), seed: 1, replication: 0, ledger: true).isBasic
    #expect(basic && !withLedger)
    #expect(Model(plain).measuring(days: 1..<2).usesOptionalPaths)  // measured days' columns

    func uses(_ replace: String, by text: String) throws -> Bool {
      #expect(Self.everyOtherRule.contains(replace))
      let model = Model(try load(Self.everyOtherRule.replacingOccurrences(of: replace, with: text)))
      let isBasic = Simulation(model: model, seed: 1, replication: 0).isBasic
      #expect(isBasic == !model.usesOptionalPaths)
      return model.usesOptionalPaths
    }
    let categories = #"categories: [{ id: "issue", share: 2 }, { id: "consultation", share: 1 }],"#
    // Several severities: the whole system's figures per severity.
    #expect(
      try uses(
        categories, by: categories + #"severities: [{ id: "routine", share: 3 }, { id: "major", share: 1 }],"#
      ))
    #expect(
      try uses(
        categories, by: categories + #"channels: [{ id: "patrol", share: 3 }, { id: "online", share: 1 }],"#))
    #expect(
      try uses(
        categories,
        by: categories
          + #"channels: [{ id: "online", monitoring: { workday: ["08:30"], weekend: ["10:00"] } }],"#))
    #expect(
      try uses(
        "supervision: {",
        by: #"categories: { consultation: { worsening: { within: "1 h" } } }, supervision: {"#))
    #expect(
      try uses(
        "supervision: {",
        by:
          #"skipLevel: [{ category: "issue", tier: "township", within: "1 h", time: "10 min" }], supervision: {"#
      ))
    #expect(
      try uses(
        #"{ id: "handle", role: "leaders" }"#,
        by: #"{ id: "handle", role: "leaders", departments: { "2": 0.5 } }"#))
  }
}
