import GridSim
import Testing

@Suite("Experiments: interval coverage, comparison")
struct ExperimentTests {
  /// 40 scripted items a replication, each served at once (ample staff) for an exponential hour;
  /// no item is cut off by the period's end, so each replication's mean time at the tier is an
  /// unbiased estimate of exactly 60 minutes.
  static let coverageScenario = """
    {
      version: 1,
      period: { start: "2026-01-05T00:00", length: "3 days" },
      demand: { perGridPerDay: 0, injects: [\((0..<40).map { "{ after: \"\($0) min\" }" }.joined(separator: ", "))] },
      tiers: [{ id: "desk", handling: { exponential: "1 h" } }],
      organization: { name: "desk", staff: 50 },
    }
    """

  @Test("95% intervals cover the true mean about 95% of the time")
  func coverage() throws {
    var scenario = try load(Self.coverageScenario)
    let model = Model(scenario)
    let experiments = 400
    var covered = 0
    for k in 0..<experiments {
      scenario.seed = UInt64(1000 + k)
      let results = Experiment.runSerially(model: model, replications: 5, seed: scenario.seed)
      let e = Estimate(results.map { $0.metric(.timeAtTier, group: .tier(0)).mean })!
      if e.low <= 60 && 60 <= e.high { covered += 1 }
    }
    // Binomial(400, 0.95) has a standard deviation of 1.1 points: 91% to 99% is over 3.5 of them.
    let rate = Double(covered) / Double(experiments)
    #expect(rate >= 0.91 && rate <= 0.99, "coverage \(rate)")
  }

  @Test("a scenario compared with itself differs by exactly zero, and nothing flips")
  func selfComparison() throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Scenarios/ci/policy.json5"), encoding: .utf8)
    var s = try load(text)
    s.replications = 5
    let (model, a) = simulate(s)
    let (_, b) = simulate(s)
    let c = Comparison(base: model, baseResults: a, changed: model, changedResults: b, targets: s.targets)
    #expect(c.rows.count == 7 + 3 * 7)
    for row in c.rows {
      #expect(row.difference.map { $0.mean == 0 && $0.halfWidth == 0 } ?? true, "\(row.measure)")
      #expect(!row.significant && !row.worse && !row.better)
    }
    #expect(c.targets.count == s.targets.count)
    #expect(!c.targets.contains { $0.flippedToMiss })
  }

  @Test("common random numbers make a small change significant and say which way it went")
  func pairedDifference() throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Scenarios/ci/policy.json5"), encoding: .utf8)
    var base = try load(text)
    base.replications = 5
    var changed = try ScenarioLoader.parse(
      text, path: "policy",
      overrides: [try ScenarioOverride.parse(assignment: "organization.staff=4").get()]
    ).scenario
    changed.replications = 5
    let (bm, br) = simulate(base)
    let (cm, cr) = simulate(changed)
    let c = Comparison(base: bm, baseResults: br, changed: cm, changedResults: cr, targets: base.targets)
    let wait = try #require(
      c.rows.first { $0.measure == Measure(.duration(.wait, .mean), tier: "leadership") })
    #expect(wait.better, "one more leader shortens the wait at the top")
    // Arrivals are the same draws in both: the grid's visits do not change at all.
    #expect(br.map { $0.count(.visits, group: .tier(0)) } == cr.map { $0.count(.visits, group: .tier(0)) })
    let utilization = try #require(c.rows.first { $0.measure == Measure(.utilization, tier: "leadership") })
    #expect(utilization.significant && !utilization.worse && !utilization.better)  // neither way is better
  }
}

@Suite("Parallel replications")
struct ParallelTests {
  /// What a replication measured, in a form that compares whole.
  struct Figures: Equatable {
    var counts: [[Int]]
    var metrics: [[MetricSummary]]
    var utilization: [Double?]
    var openAtEnd: [Int]
    var events: Int

    init(_ r: ReplicationResult) {
      counts = r.counts.storage
      metrics = r.metrics.storage
      utilization = r.utilization
      openAtEnd = r.openAtEnd
      events = r.events
    }
  }

  @Test("any number of jobs gives the serial results, replication by replication, and replications differ")
  func parallelEqualsSerial() async throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Scenarios/ci/policy.json5"), encoding: .utf8)
    var scenario = try load(text)
    scenario.period.end = scenario.period.start.adding(minutes: 14 * 1440)  // 2 of its 5 weeks: fast
    let model = Model(scenario)
    let replications = 4
    let serial = Experiment.runSerially(model: model, replications: replications, seed: scenario.seed).map(
      Figures.init)
    #expect(serial.count == replications)
    // Each replication draws from its own streams: no two are alike (a runner that ran replication
    // 0 every time, or the same stream for all, would fail here or below).
    for a in 0..<replications {
      for b in a + 1..<replications {
        #expect(serial[a] != serial[b], "replications \(a) and \(b) are identical")
      }
    }
    for jobs in [1, 2, 3, 8] {
      let parallel = await Experiment.run(
        model: model, replications: replications, seed: scenario.seed, jobs: jobs
      ).map(Figures.init)
      #expect(parallel.count == replications)
      for r in 0..<min(replications, parallel.count) {
        #expect(parallel[r] == serial[r], "jobs \(jobs), replication \(r)")
      }
    }
  }
}
