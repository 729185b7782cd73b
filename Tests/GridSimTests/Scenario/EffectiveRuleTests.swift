import Testing

@testable import GridSim

@Suite("The effective rule of a tier and category")
struct EffectiveRuleTests {
  static let scenario = """
    {
      version: 1, name: "rules", period: { start: "2026-03-02T00:00", length: "1 day" },
      demand: { perGridPerDay: 1, categories: [{ id: "a", share: 0.5 }, { id: "b", share: 0.5 }] },
      policy: {
        deadlines: { response: "4 h", resolution: "3 days", from: "appearance" },
        categories: { b: { deadlines: { response: "2 h" } } },
      },
      tiers: [
        { id: "grid", handling: "10 min", passUp: 0.2, deadlines: { resolution: "1 day" },
          categories: { a: { deadlines: { response: "30 min" } } } },
        { id: "top", handling: "1 h", passUp: 0.5 },
      ],
      organization: { name: "t", staff: 1, children: [{ name: "g", staff: 1 }] },
    }
    """

  @Test("each key from the most specific rule that sets it, then the default")
  func precedence() throws {
    let s = try load(Self.scenario)
    let gridA = s.effectiveRule(tier: 0, category: 0)
    #expect(gridA.responseDeadline == .elapsed(TimeSpan(minutes: 30)))  // the tier's category rule
    #expect(gridA.resolutionDeadline == .elapsed(TimeSpan(minutes: 1440)))  // the tier's rule
    #expect(gridA.clock == .appearance)  // the policy's rule
    #expect(gridA.onBreach == .escalate)  // the default
    #expect(gridA.passUp == 0.2)
    let gridB = s.effectiveRule(tier: 0, category: 1)
    #expect(gridB.responseDeadline == .elapsed(TimeSpan(minutes: 120)))  // the policy's category rule
    let gridAny = s.effectiveRule(tier: 0, category: nil)
    #expect(gridAny.responseDeadline == .elapsed(TimeSpan(minutes: 240)))  // the policy's rule
    let top = s.effectiveRule(tier: 1, category: 1)
    #expect(top.onBreach == .record)  // the top tier cannot escalate
    #expect(top.passUp == 0)  // the top tier never passes up
    #expect(top.resolutionDeadline == .elapsed(TimeSpan(minutes: 3 * 1440)))
  }

  @Test("the policy's deadline is the one the summary shows and the engine enforces")
  func summaryShowsPolicyDeadline() throws {
    let s = try load(Self.scenario)
    let (model, results) = simulate(s, replications: 1)
    let summary = Summary(model: model, results: results, seed: s.seed)
    #expect(summary.tiers[1].responseDeadline?.spec == .elapsed(TimeSpan(minutes: 240)))
    #expect(summary.tiers[1].responseDeadlineExceptions.map { $0.category } == ["b"])
    #expect(summary.tiers[0].responseDeadlineExceptions.map { $0.category }.sorted() == ["a", "b"])
    #expect(model.rules[1, 1].responseDeadline == .elapsed(TimeSpan(minutes: 120)))
  }
}
