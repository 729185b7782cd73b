import GridSim
import Testing

/// Two tiers with one staff member each, no random arrivals: only the scripted items, so every
/// figure below is computed by hand.
func handScenario(
  grid: String, village: String = "{ id: \"village\", handling: \"1 h\" }", extra: String = "",
  injects: String
) -> String {
  """
  {
    version: 1,
    period: { start: "2026-01-05T00:00", length: "1 day" },
    replications: 1,
    demand: { perGridPerDay: 0, \(extra) injects: [\(injects)] },
    tiers: [\(grid), \(village)],
    organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
  }
  """
}

func runOnce(_ text: String) throws -> (Model, ReplicationResult) {
  let scenario = try load(text)
  let (model, results) = simulate(scenario, replications: 1)
  return (model, results[0])
}

@Suite("Deadlines and escalation, computed by hand")
struct DeadlineTests {
  @Test("a response deadline missed while waiting takes the item up at once")
  func responseBreachWhileWaiting() throws {
    // Item 1 is picked up at 0:00 and answered at once, done at 3:00. Item 2 waits; at 1:00 its
    // response deadline passes and supervision takes it to the village, which answers at 1:00
    // and closes it at 2:00.
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"3 h\", deadlines: { response: \"1 h\" } }",
        injects: "{ after: \"0 min\" }, { after: \"0 min\" }"))
    #expect(r.count(.visits, group: .tier(0)) == 2)
    #expect(r.count(.responseMet, group: .tier(0)) == 1)
    #expect(r.count(.responseMissed, group: .tier(0)) == 1)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(r.count(.visits, group: .tier(1)) == 1)
    #expect(r.count(.closed, group: .tier(0)) == 1)
    #expect(r.count(.closed, group: .tier(1)) == 1)
    #expect(r.count(.responseMet, group: .system) == 1)
    #expect(r.count(.responseMissed, group: .system) == 1)
    #expect(r.metric(.response, group: .system).mean == 30)  // (0 + 60) / 2 minutes
    #expect(r.metric(.resolution, group: .system).mean == 150)  // (180 + 120) / 2
    #expect(r.metric(.wait, group: .system).mean == 30)  // item 2 waited 1 h before it was taken up
    #expect(r.metric(.timeAtTier, group: .tier(0)).max == 180)
    #expect(r.metric(.timeAtTier, group: .tier(0)).mean == 120)  // (180 + 60) / 2
  }

  @Test("with onBreach: record the item stays, and the miss is counted")
  func responseBreachRecorded() throws {
    // Item 2 waits until 3:00, answers late, done at 6:00.
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"3 h\", deadlines: { response: \"1 h\", onBreach: \"record\" } }",
        injects: "{ after: \"0 min\" }, { after: \"0 min\" }"))
    #expect(r.count(.responseMissed, group: .tier(0)) == 1)
    #expect(r.count(.responseMet, group: .tier(0)) == 1)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 0)
    #expect(r.count(.closed, group: .tier(0)) == 2)
    #expect(r.metric(.response, group: .system).mean == 90)  // (0 + 180) / 2
    #expect(r.metric(.resolution, group: .system).max == 360)
    #expect(r.metric(.wait, group: .tier(0)).mean == 90)
  }

  @Test("a resolution deadline missed in service frees the staff member and escalates")
  func resolutionBreachInService() throws {
    // Picked up at 0:00, would finish at 5:00; at 4:00 the resolution deadline passes and the item
    // goes to the village, which closes it at 5:00. The grid worker was busy 4 of 24 hours.
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"5 h\", deadlines: { resolution: \"4 h\" } }",
        injects: "{ after: \"0 min\" }"))
    #expect(r.count(.resolutionMissed, group: .tier(0)) == 1)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(r.count(.closed, group: .tier(1)) == 1)
    #expect(r.metric(.resolution, group: .system).mean == 300)
    #expect(abs(r.utilization[0]! - 4.0 / 24) < 1e-12)
    #expect(r.count(.resolutionMissed, group: .system) == 1)
    #expect(r.count(.resolutionMet, group: .system) == 0)
  }

  @Test("finishing at the very minute of the deadline is in time")
  func tie() throws {
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"4 h\", deadlines: { resolution: \"4 h\" } }",
        injects: "{ after: \"0 min\" }"))
    #expect(r.count(.resolutionMet, group: .tier(0)) == 1)
    #expect(r.count(.resolutionMissed, group: .tier(0)) == 0)
    #expect(r.count(.closed, group: .tier(0)) == 1)
    #expect(r.count(.resolutionMet, group: .system) == 1)
  }

  @Test("a response at the very minute of its response deadline is on time; a minute later is missed")
  func responseTieInService() throws {
    // Picked up at 0:00, answered after the tier's `response` time, done 1 h later.
    func run(response: String) throws -> ReplicationResult {
      try runOnce(
        handScenario(
          grid:
            "{ id: \"grid\", response: \"\(response)\", handling: \"1 h\", deadlines: { response: \"1 h\" } }",
          injects: "{ after: \"0 min\" }")
      ).1
    }
    // Answered at 1:00 = the deadline: met at the grid and for the system; closed there at 2:00.
    let onTime = try run(response: "60 min")
    #expect(onTime.count(.responseMet, group: .tier(0)) == 1)
    #expect(onTime.count(.responseMissed, group: .tier(0)) == 0)
    #expect(onTime.count(.responseMet, group: .system) == 1)
    #expect(onTime.count(.responseMissed, group: .system) == 0)
    #expect(onTime.count(.escalatedDeadline, group: .tier(0)) == 0)
    #expect(onTime.count(.closed, group: .tier(0)) == 1)
    #expect(onTime.metric(.response, group: .system).mean == 60)
    #expect(onTime.metric(.resolution, group: .system).mean == 120)
    // Answered at 1:01: the deadline passes at 1:00 in the worker's hands, supervision takes the
    // item to the village, which answers at once (1:00) and closes it at 2:00.
    let late = try run(response: "61 min")
    #expect(late.count(.responseMet, group: .tier(0)) == 0)
    #expect(late.count(.responseMissed, group: .tier(0)) == 1)
    #expect(late.count(.responseMissed, group: .system) == 1)
    #expect(late.count(.responseMet, group: .system) == 0)
    #expect(late.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(late.count(.closed, group: .tier(1)) == 1)
    #expect(late.metric(.response, group: .system).mean == 60)
    #expect(late.metric(.resolution, group: .system).mean == 120)
  }

  @Test("an item picked up from the queue at the very minute of its response deadline is on time")
  func responseTieInQueue() throws {
    // One grid worker: A (category a, 30 min) 0:00-0:30, B (category b, 1 h) 0:30-1:30. C waits
    // with a 90-minute response deadline; the worker is free at 1:30, the very minute it falls
    // due, and answers at pick-up (response "0 min"): on time, not taken up. C is done at 2:00.
    // (C's deadline timer was set before B's service began, so this tie is decided by the rule,
    // not by the order the events were scheduled in.)
    let grid = """
      { id: "grid", handling: "30 min",
        categories: { b: { handling: "1 h" }, c: { deadlines: { response: "90 min" } } } }
      """
    let (_, r) = try runOnce(
      handScenario(
        grid: grid, extra: "categories: [{ id: \"a\" }, { id: \"b\" }, { id: \"c\" }],",
        injects:
          "{ after: \"0 min\", category: \"a\" }, { after: \"0 min\", category: \"b\" }, { after: \"0 min\", category: \"c\" }"
      ))
    #expect(r.count(.responseMet, group: .tier(0), category: 2) == 1)
    #expect(r.count(.responseMissed, group: .tier(0), category: 2) == 0)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 0)
    #expect(r.count(.visits, group: .tier(1)) == 0)
    #expect(r.count(.closed, group: .tier(0)) == 3)
    #expect(r.metric(.wait, group: .tier(0), category: 2).max == 90)
    #expect(r.metric(.response, group: .system, category: 2).max == 90)
    #expect(r.metric(.resolution, group: .system).max == 120)
  }

  @Test("an item that waited and ends at the very minute of its resolution deadline is in time")
  func resolutionTieInQueue() throws {
    // A 0:00-1:00; B waits 1 h and is done at 2:00, exactly its 2-hour resolution deadline.
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"1 h\", deadlines: { resolution: \"2 h\" } }",
        injects: "{ after: \"0 min\" }, { after: \"0 min\" }"))
    #expect(r.count(.resolutionMet, group: .tier(0)) == 2)
    #expect(r.count(.resolutionMissed, group: .tier(0)) == 0)
    #expect(r.count(.resolutionMet, group: .system) == 2)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 0)
    #expect(r.metric(.resolution, group: .system).max == 120)
  }

  @Test(
    "a stage that ends at the very minute of the resolution deadline, with a stage still to do, misses it")
  func resolutionTieBetweenStages() throws {
    // accept 0:00-0:10, handle 0:10-1:00 ends exactly at the 1-hour resolution deadline, but the
    // reply (1:00-1:20) is still to come: the deadline is missed at 1:00 and supervision takes the
    // item to the village, which closes it at 2:00. The grid worker was busy 1 h of the 2 days.
    let grid = """
      id: "grid", deadlines: { resolution: "%@" },
      stages: [{ id: "accept", time: "10 min" }, { id: "handle", time: "50 min" }, { id: "reply", time: "20 min" }]
      """
    func run(deadline: String) throws -> ReplicationResult {
      try runOnce(
        workflowScenario(
          grid: grid.replacingOccurrences(of: "%@", with: deadline), injects: "{ after: \"0 min\" }")
      ).1
    }
    let missed = try run(deadline: "1 h")
    #expect(missed.count(.resolutionMissed, group: .tier(0)) == 1)
    #expect(missed.count(.resolutionMissed, group: .system) == 1)
    #expect(missed.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(missed.count(.closed, group: .tier(1)) == 1)
    #expect(missed.openAtEnd == [0, 0])
    #expect(missed.metric(.timeAtTier, group: .tier(0)).max == 60)
    #expect(missed.metric(.resolution, group: .system).max == 120)
    #expect(abs(missed.utilization[0]! - 60.0 / 2880) < 1e-12)
    // With 80 minutes the reply ends at 1:20, the very minute of the deadline: in time.
    let met = try run(deadline: "80 min")
    #expect(met.count(.resolutionMet, group: .tier(0)) == 1)
    #expect(met.count(.resolutionMissed, group: .tier(0)) == 0)
    #expect(met.count(.closed, group: .tier(0)) == 1)
    #expect(met.metric(.resolution, group: .system).max == 80)
  }

  @Test("authority sends items up after handling; major items skip the first tier")
  func authorityAndMajor() throws {
    let extra = """
      categories: [{ id: "a" }, { id: "b" }], severities: [{ id: "routine" }, { id: "major", share: 0 }],
      entry: [{ severity: "major", tier: "village" }],
      """
    let (_, r) = try runOnce(
      handScenario(
        grid: "{ id: \"grid\", handling: \"1 h\", authority: { categories: [\"a\"] } }", extra: extra,
        injects:
          "{ after: \"0 min\", category: \"b\" }, { after: \"0 min\", category: \"a\", severity: \"major\" }")
    )
    #expect(r.count(.escalatedAuthority, group: .tier(0)) == 1)
    #expect(r.count(.escalatedMajor, group: .tier(0)) == 1)
    #expect(r.count(.visits, group: .tier(0)) == 1)
    #expect(r.count(.visits, group: .tier(1)) == 2)
    // The major item is answered by the village at 0:00; item b at the grid at 0:00 too.
    #expect(r.metric(.response, group: .tier(1)).count == 1)
    // The village took the major item first (0:00-1:00) and item b at 1:00-2:00.
    #expect(r.metric(.resolution, group: .system).max == 120)
  }

  @Test(
    "queue disciplines order the waiting items",
    arguments: [("fifo", 120.0), ("severity", 60.0), ("deadline", 60.0)])
  func disciplines(discipline: String, highWait: Double) throws {
    // One grid worker, three items at 0:00: A and B routine (category low), C major (category high).
    // A is taken at once; the discipline decides whether B or C is next.
    let extra = """
      categories: [{ id: "low" }, { id: "high" }], severities: [{ id: "routine" }, { id: "major" }],
      """
    let grid = """
      { id: "grid", discipline: "\(discipline)", handling: "1 h",
        categories: { low: { deadlines: { response: "10 h", onBreach: "record" } }, high: { deadlines: { response: "2 h", onBreach: "record" } } } }
      """
    let injects =
      "{ after: \"0 min\", category: \"low\" }, { after: \"0 min\", category: \"low\" }, { after: \"0 min\", category: \"high\", severity: \"major\" }"
    let (_, r) = try runOnce(handScenario(grid: grid, extra: extra, injects: injects))
    #expect(r.metric(.wait, group: .tier(0), category: 1).mean == highWait)
  }
}

@Suite("Determinism")
struct DeterminismTests {
  @Test("same seed, same results, whatever the number of jobs")
  func jobs() async throws {
    var scenario = try ScenarioLoader.load(
      path: repositoryRoot.appendingPathComponent("Scenarios/township-baseline.json5").path
    ).scenario
    scenario.replications = 4
    let model = Model(scenario)
    var rendered: [String] = []
    for jobs in [1, 2, 3] {
      let results = await Experiment.run(model: model, replications: 4, seed: scenario.seed, jobs: jobs)
      rendered.append(
        SummaryJSON.document(Summary(model: model, results: results, seed: scenario.seed)).rendered())
    }
    #expect(rendered[0] == rendered[1])
    #expect(rendered[0] == rendered[2])
    let other = await Experiment.run(model: model, replications: 4, seed: scenario.seed + 1, jobs: 2)
    #expect(
      SummaryJSON.document(Summary(model: model, results: other, seed: scenario.seed)).rendered()
        != rendered[0])
  }
}

@Suite("Supervision across three tiers, computed by hand")
struct ThreeTierEscalationTests {
  /// Grid, village and leadership with one staff member each, and one scripted item at 0:00.
  func threeTiers(village: String) -> String {
    """
    {
      version: 1,
      period: { start: "2026-01-05T00:00", length: "1 day" },
      replications: 1,
      demand: { perGridPerDay: 0, injects: [{ after: "0 min" }] },
      tiers: [
        { id: "grid", handling: "3 h", deadlines: { resolution: "2 h" } },
        \(village),
        { id: "leadership", handling: "1 h" },
      ],
      organization: { name: "town", staff: 1, children: { name: "v", staff: 1, children: { name: "g", staff: 1 } } },
    }
    """
  }

  @Test("a miss at the grid takes the item to the village, and a miss there to the leadership")
  func missAtEachTier() throws {
    // Grid 0:00-2:00 (its 2-hour deadline passes in the worker's hands), village 2:00-3:00 (its
    // 1-hour deadline passes), leadership 3:00-4:00, closed there.
    let (_, r) = try runOnce(
      threeTiers(village: "{ id: \"village\", handling: \"3 h\", deadlines: { resolution: \"1 h\" } }"))
    #expect((0..<3).map { r.count(.visits, group: .tier($0)) } == [1, 1, 1])
    #expect((0..<3).map { r.count(.escalatedDeadline, group: .tier($0)) } == [1, 1, 0])
    #expect((0..<3).map { r.count(.resolutionMissed, group: .tier($0)) } == [1, 1, 0])
    #expect((0..<3).map { r.count(.named, group: .tier($0)) } == [1, 1, 0])
    #expect((0..<3).map { r.count(.closed, group: .tier($0)) } == [0, 0, 1])
    #expect((0..<3).map { r.metric(.timeAtTier, group: .tier($0)).max } == [120, 60, 60])
    #expect(r.count(.resolutionMissed, group: .system) == 1)  // one item, one miss for the system
    #expect(r.count(.resolutionMet, group: .system) == 0)
    #expect(r.metric(.resolution, group: .system).mean == 240)
    #expect(r.utilization.map { $0! * 1440 } == [120, 60, 60])
  }

  @Test("a miss at the grid goes to the village, not the top, and the village may close it")
  func missAtGridOnly() throws {
    // Grid 0:00-2:00, missed; the village closes it at 2:30, in its own 1-hour deadline.
    let (_, r) = try runOnce(
      threeTiers(village: "{ id: \"village\", handling: \"30 min\", deadlines: { resolution: \"1 h\" } }"))
    #expect((0..<3).map { r.count(.visits, group: .tier($0)) } == [1, 1, 0])
    #expect((0..<3).map { r.count(.escalatedDeadline, group: .tier($0)) } == [1, 0, 0])
    #expect((0..<3).map { r.count(.resolutionMet, group: .tier($0)) } == [0, 1, 0])
    #expect((0..<3).map { r.count(.closed, group: .tier($0)) } == [0, 1, 0])
    #expect(r.metric(.timeAtTier, group: .tier(1)).max == 30)
    #expect(r.metric(.resolution, group: .system).mean == 150)
  }

  @Test("the period is half-open: a deadline exactly at its end is not missed, one a minute before is")
  func deadlineAtTheEnd() throws {
    // One grid worker on duty only 08:00-09:00; an item at 20:00 on the last day with a 4 h response
    // deadline is due at 24:00, the period's end: still open, not missed. Due at 23:59, it is missed.
    func run(_ deadline: String) throws -> ReplicationResult {
      try runOnce(
        """
        {
          version: 1,
          period: { start: "2026-03-09T00:00", length: "2 days" },
          replications: 1,
          demand: { perGridPerDay: 0, injects: [{ at: "2026-03-10T20:00" }] },
          tiers: [{ id: "grid", handling: "30 min", deadlines: { response: "\(deadline)", onBreach: "record" },
                    roster: { shifts: [{ name: "day", start: "08:00", end: "09:00" }] } }],
          organization: { name: "g", staff: 1 },
        }
        """
      ).1
    }
    let atEnd = try run("4 h")
    #expect(atEnd.count(.responseMissed, group: .system) == 0)
    #expect(atEnd.openAtEnd == [1])
    let before = try run("239 min")
    #expect(before.count(.responseMissed, group: .system) == 1)
  }
}
