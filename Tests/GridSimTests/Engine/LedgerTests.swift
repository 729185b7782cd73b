import Testing

@testable import GridSim

@Suite("Ledger, daily on-time counts and response distributions")
struct LedgerTests {
  /// The case of `DeadlineTests.responseBreachWhileWaiting`: item 1 is answered at 0:00 and closed
  /// at 3:00 by the grid; item 2 waits, misses its 1 h response deadline and is closed by the
  /// village at 2:00.
  let breach = handScenario(
    grid: "{ id: \"grid\", handling: \"3 h\", deadlines: { response: \"1 h\" } }",
    injects: "{ after: \"0 min\" }, { after: \"0 min\" }")

  @Test("the ledger holds each item's stages, computed by hand")
  func ledgerByHand() throws {
    let model = Model(try load(breach))
    var simulation = Simulation(model: model, seed: 1, replication: 0, ledger: true)
    _ = simulation.run()
    let ledger = simulation.ledger
    let entries = try #require(ledger).entries
    #expect(entries.count == 2)
    let first = entries[0]
    #expect(first.visits.count == 1)
    #expect(first.visits[0].started == 0 && first.visits[0].responded == 0 && first.visits[0].left == 180)
    #expect(first.visits[0].outcome == .closed && first.visits[0].responseDue == 60)
    #expect(first.closed == 180 && !first.responseMissed)
    let second = entries[1]
    #expect(second.visits.map(\.tier) == [0, 1])
    #expect(
      second.visits[0].started == nil && second.visits[0].left == 60 && second.visits[0].outcome == .deadline)
    #expect(
      second.visits[1].arrived == 60 && second.visits[1].responded == 60 && second.visits[1].left == 120)
    #expect(second.closed == 120 && second.responseMissed)

    let csv = LedgerCSV.render(simulation.ledger!, model: model)
    let rows = try CSV.parse(csv).get()
    #expect(rows.count == 3)
    let header = rows[0]
    func field(_ row: Int, _ name: String) -> String { rows[row][header.firstIndex(of: name)!] }
    #expect(field(2, "grid_outcome") == "deadline")
    #expect(field(2, "village_arrived") == "2026-01-05 01:00")
    #expect(field(2, "closed_at") == "village")
    #expect(field(2, "response_deadline_missed") == "1")
    #expect(field(1, "grid_response_due") == "2026-01-05 01:00")
  }

  @Test("keeping a ledger does not change the results")
  func ledgerChangesNothing() throws {
    let model = Model(try load(reportScenario))
    var plain = Simulation(model: model, seed: 7, replication: 2)
    var kept = Simulation(model: model, seed: 7, replication: 2, ledger: true)
    let a = plain.run()
    let b = kept.run()
    #expect(
      a.counts.storage == b.counts.storage && a.metrics.storage == b.metrics.storage && a.events == b.events)
    let keptLedger = kept.ledger
    let entries = try #require(keptLedger).entries
    #expect(
      entries.count == a.count(.appeared, group: .system) + entries.filter { !$0.counted }.count)
    #expect(
      entries.filter { $0.closed != nil && $0.counted }.count == a.count(.closed, group: .system))
  }

  @Test("deadline outcomes per day and tier, by hand and summed")
  func dailyOnTime() throws {
    let (model, r) = try runOnce(breach)
    #expect(r.dailyOnTime[0, 0].responseMet == 1)
    #expect(r.dailyOnTime[0, 0].responseMissed == 1)
    #expect(model.tierCount == 2 && r.dailyOnTime.rows == model.dayCount && r.dailyOnTime.columns == 2)

    // Over a week, the days add up to each tier's counts.
    let scenario = try load(reportScenario)
    let (m, results) = simulate(scenario, replications: 2)
    for result in results {
      for t in 0..<m.tierCount {
        for (outcome, counter) in zip(
          DailyOutcome.allCases, [Counter.responseMet, .responseMissed, .resolutionMet, .resolutionMissed])
        {
          let sum = (0..<m.dayCount).reduce(0) { $0 + result.dailyOnTime[$1, t][outcome] }
          #expect(sum == result.count(counter, group: .tier(t)))
        }
        #expect(result.responseBins[t].reduce(0, +) == result.metric(.response, group: .tier(t)).count)
      }
    }
  }

  @Test("coarse bins: edges a quarter of a power of two apart, values at an edge go above it")
  func coarseBins() {
    var stats = StreamingStats()
    for v in [0.5, 1, 1.2, 1.25, 100, 20000] { stats.record(v) }
    let bins = CoarseHistogram.fold(stats)
    let edges = CoarseHistogram.edges
    #expect(edges.prefix(6) == [0, 1, 1.25, 1.5, 1.75, 2])
    #expect(bins[0] == 1)  // 0.5
    #expect(bins[1] == 2)  // 1 and 1.2
    #expect(bins[2] == 1)  // 1.25
    #expect(bins[edges.lastIndex { $0 <= 100 }!] == 1)
    #expect(bins[edges.count - 1] == 1)  // 20000, above the last edge
  }

  @Test("a working-time deadline's elapsed length: shortest, typical and longest")
  func deadlineMark() throws {
    // Two weeks in March 2026 with no holiday; office hours 08:30-17:30. '1 working day' started
    // late on a Monday is due at Tuesday's close (18 h); started early on a Friday, at Monday's
    // close (3 days 17.5 h).
    let text = reportScenario.replacingOccurrences(of: "2026-03-30T00:00", with: "2026-03-02T00:00")
      .replacingOccurrences(of: "\"8 days\"", with: "\"14 days\"")
    let model = Model(try load(text))
    let mark = DeadlineMark(.workingDays(1), tier: 0, model: model)
    #expect(mark.shortest == 18 * 60)
    #expect(mark.longest == 3 * 1440 + 17.5 * 60)
    #expect(mark.typical > mark.shortest && mark.typical < mark.longest)
    #expect(!mark.isFixed)
    let fixed = DeadlineMark(.elapsed(TimeSpan(minutes: 240)), tier: 0, model: model)
    #expect(fixed.isFixed && fixed.typical == 240)
  }
}
