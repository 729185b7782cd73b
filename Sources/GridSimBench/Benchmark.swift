import Foundation
import GridSim

/// `gridsim bench`: the tandem3 model through the ordinary scenario path, and the same model as a
/// bare event loop (``BareTandem``), timed in the same process.
package enum Benchmark {
  /// The text of `Scenarios/benchmarks/tandem3.json5`, built in so that the benchmark runs from any
  /// folder; a test checks that the two stay the same.
  package static let tandem3Source = #"""
    // tandem3: three M/M/c queues in series, the model `gridsim bench` times and the tests check.
    //
    // By Jackson's theorem each tier is an M/M/c queue with Poisson arrivals:
    //   tier1: λ = 15/h, c = 20, mean service 1 h    -> offered load 15,   utilization 0.75
    //   tier2: λ = 3/h (15 × 0.2), c = 5, mean 0.5 h  -> offered load 1.5,  utilization 0.30
    //   tier3: λ = 0.9/h (3 × 0.3), c = 2, mean 0.5 h -> offered load 0.45, utilization 0.225
    // so the mean queue waits follow from the Erlang C formula.
    {
      version: 1,
      name: "tandem3",
      description: "Three M/M/c tiers in series (20, 5 and 2 staff) with Poisson arrivals at 15 per hour.",
      period: { start: "2026-01-01T00:00", length: "100000 h", warmUp: "1000 h" },
      seed: 1,
      replications: 1,
      demand: { perGridPerDay: 360 },  // 15 per hour into the single grid, around the clock
      tiers: [
        { id: "tier1", handling: { exponential: "1 h" }, passUp: 0.2 },
        { id: "tier2", handling: { exponential: "30 min" }, passUp: 0.3 },
        { id: "tier3", handling: { exponential: "30 min" } },
      ],
      organization: { name: "tier3 unit", staff: 2, children: { name: "tier2 unit", staff: 5, children: { name: "tier1 unit", staff: 20 } } },
    }

    """#

  /// One timed run.
  package struct Timing: Sendable {
    /// What ran.
    package var label: String
    /// Events processed.
    package var events: Int
    /// Fastest wall time, seconds.
    package var seconds: Double
    /// Events per second.
    package var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
  }

  /// Everything a benchmark run measured.
  package struct Report: Sendable {
    package var hours: Double
    package var repeats: Int
    package var bare: Timing
    package var engine: Timing
    package var others: [Timing]
    /// Peak resident memory of the process, bytes.
    package var peakMemoryBytes: Int
    /// Mean waits (hours) per tier from the engine and the bare loop, as a cross-check.
    package var engineWaits: [Double]
    package var bareWaits: [Double]

    /// The report as text.
    package var rendered: String { rendered(.english) }

    /// The report as text in `l`.
    package func rendered(_ l: ReportLanguage) -> String {
      var table = TextTable(headers: [
        "", l.pick("Events", "事件数"), l.pick("Wall time", "耗时"), l.pick("Events/s", "事件/秒"),
      ])
      for t in [bare, engine] + others {
        let label = t.label == "bare loop" ? l.pick("bare loop", "裸循环") : t.label
        table.rows.append([
          label, Format.count(Double(t.events)), String(format: l.pick("%.3f s", "%.3f 秒"), t.seconds),
          String(format: l.pick("%.2f M/s", "%.2f 百万/秒"), t.eventsPerSecond / 1e6),
        ])
      }
      var out = l.pick(
        "gridsim bench: tandem3, \(Format.count(hours)) h simulated (warm-up 1,000 h), fastest of \(repeats)\n\n",
        "gridsim 基准测试：tandem3，模拟 \(Format.count(hours)) 小时（预热 1,000 小时），取 \(repeats) 次中最快\n\n")
      out += table.rendered()
      let ratio = String(format: "%.2f", engine.seconds / max(bare.seconds, 1e-9))
      out += l.pick(
        "\nratio: gridsim takes \(ratio)x the bare loop's wall time\n", "\n比值：gridsim 耗时为裸循环的 \(ratio) 倍\n")
      let memory = String(format: "%.1f", Double(peakMemoryBytes) / 1_048_576)
      out += l.pick("peak memory: \(memory) MiB\n", "内存峰值：\(memory) MiB\n")
      out += l.pick("mean waits per tier (h), gridsim vs bare: ", "各层级平均等待（小时），gridsim 对裸循环：")
      out +=
        zip(engineWaits, bareWaits).map { String(format: "%.4f/%.4f", $0, $1) }.joined(
          separator: l.pick(", ", "，"))
        + "\n"
      return out
    }
  }

  /// Runs the benchmark: tandem3 over `hours`, each path `repeats` times, and one replication of
  /// each extra scenario.
  package static func run(hours: Double, repeats: Int, scenarios: [LoadedScenario] = []) throws(ScenarioError)
    -> Report
  {
    var scenario = try ScenarioLoader.parse(tandem3Source, path: "tandem3 (built in)").scenario
    scenario.period.end = scenario.period.start.adding(minutes: hours * 60)
    let model = Model(scenario)
    let clock = ContinuousClock()
    // The first run of each gives the results; every run counts for the fastest time.
    var bareResult = BareTandem.Result(events: 0, meanWait: [])
    var engineResult: ReplicationResult?
    var bareBest = Double.infinity
    var engineBest = Double.infinity
    for _ in 0..<max(repeats, 1) {
      let b = clock.measure {
        bareResult = BareTandem.run(hours: hours, warmUpHours: 1_000, seed: scenario.seed)
      }
      bareBest = min(bareBest, b.seconds)
      var result: ReplicationResult?
      let e = clock.measure {
        var simulation = Simulation(model: model, seed: scenario.seed, replication: 0)
        result = simulation.run()
      }
      engineResult = engineResult ?? result
      engineBest = min(engineBest, e.seconds)
    }
    var others: [Timing] = []
    for loaded in scenarios {
      let m = Model(loaded.scenario)
      var events = 0
      let d = clock.measure {
        var simulation = Simulation(model: m, seed: loaded.scenario.seed, replication: 0)
        events = simulation.run().events
      }
      others.append(Timing(label: loaded.scenario.name, events: events, seconds: d.seconds))
    }
    return Report(
      hours: hours, repeats: repeats,
      bare: Timing(label: "bare loop", events: bareResult.events, seconds: bareBest),
      engine: Timing(label: "gridsim", events: engineResult?.events ?? 0, seconds: engineBest),
      others: others, peakMemoryBytes: peakMemory(),
      engineWaits: (0..<model.tierCount).map {
        (engineResult?.metric(.wait, group: .tier($0)).mean ?? 0) / 60
      },
      bareWaits: bareResult.meanWait.map { $0 / 60 })
  }

  /// How replications scale with jobs: one scenario's replications run with 1 job, then with `jobs`.
  package struct Scaling: Sendable {
    package var scenario: String
    package var replications: Int
    /// Wall time per number of jobs, in the order run.
    package var timings: [(jobs: Int, seconds: Double, events: Int)]

    package var rendered: String { rendered(.english) }

    /// The table in `l`.
    package func rendered(_ l: ReportLanguage) -> String {
      var table = TextTable(headers: [
        l.pick("Jobs", "并行数"), l.pick("Wall time", "耗时"), l.pick("Replications/s", "重复/秒"),
        l.pick("Events/s", "事件/秒"), l.pick("Speed-up", "加速比"),
      ])
      let one = timings.first?.seconds ?? 0
      for t in timings {
        table.rows.append([
          String(t.jobs), String(format: l.pick("%.3f s", "%.3f 秒"), t.seconds),
          String(format: "%.1f", Double(replications) / max(t.seconds, 1e-9)),
          String(format: l.pick("%.2f M/s", "%.2f 百万/秒"), Double(t.events) / max(t.seconds, 1e-9) / 1e6),
          String(format: l.pick("%.2fx", "%.2f 倍"), one / max(t.seconds, 1e-9)),
        ])
      }
      table.leftAligned = []
      return l.pick(
        "\n\(scenario): \(replications) replications by number of jobs (fastest of the repeats)\n\n",
        "\n\(scenario)：按并行数重复 \(replications) 次（取各次中最快）\n\n")
        + table.rendered()
    }
  }

  /// Runs `replications` replications of a scenario with 1 job and with `jobs`, each `repeats` times.
  package static func scaling(_ loaded: LoadedScenario, replications: Int, jobs: Int, repeats: Int) async
    -> Scaling
  {
    let model = Model(loaded.scenario)
    let clock = ContinuousClock()
    var timings: [(jobs: Int, seconds: Double, events: Int)] = []
    for j in Set([1, jobs]).sorted() {
      var best = Double.infinity
      var events = 0
      for _ in 0..<repeats {
        let started = clock.now
        let results = await Experiment.run(
          model: model, replications: replications, seed: loaded.scenario.seed, jobs: j)
        best = min(best, (clock.now - started).seconds)
        events = results.reduce(0) { $0 + $1.events }
      }
      timings.append((j, best, events))
    }
    return Scaling(scenario: loaded.scenario.name, replications: replications, timings: timings)
  }

  /// The planner's time on one scenario: as `gridsim plan` runs (from snapshots, each run making
  /// only what the checks read: ``Snapshots``), then with every simulation whole, from the period's
  /// start to its end, in the same run. The plans are the same; the time is what the shortcuts save.
  package struct PlanTiming: Sendable {
    package var scenario: String
    package var jobs: Int
    /// Per way of running: with snapshots or not, wall seconds (fastest of the repeats),
    /// evaluations, simulations and those from a snapshot.
    package var timings: [(snapshots: Bool, seconds: Double, evaluations: Int, simulations: Int, copied: Int)]
    /// True when both ways found the same plan (they must).
    package var samePlan: Bool

    /// The table in `l`.
    package func rendered(_ l: ReportLanguage) -> String {
      var table = TextTable(headers: [
        l.pick("Runs", "仿真方式"), l.pick("Wall time", "耗时"), l.pick("Evaluations", "评估次数"),
        l.pick("Simulations", "仿真次数"), l.pick("From a snapshot", "自快照"), l.pick("Simulations/s", "仿真/秒"),
      ])
      for t in timings {
        table.rows.append([
          t.snapshots
            ? l.pick("from snapshots, as checked", "自快照、按检查所需") : l.pick("whole period", "整个统计期"),
          String(format: l.pick("%.2f s", "%.2f 秒"), t.seconds), String(t.evaluations), String(t.simulations),
          String(t.copied), String(format: "%.0f", Double(t.simulations) / max(t.seconds, 1e-9)),
        ])
      }
      table.leftAligned = [0]
      let speedUp =
        timings.count == 2 ? timings[1].seconds / max(timings[0].seconds, 1e-9) : 1
      return l.pick(
        "\nPlanner on \(scenario), \(jobs) jobs (fastest of the repeats)\n\n",
        "\n\(scenario) 的排班规划，并行数 \(jobs)（取各次中最快）\n\n")
        + table.rendered()
        + l.pick(
          "\nSnapshots and scope: \(String(format: "%.2fx", speedUp)) faster; \(samePlan ? "the same plan" : "PLANS DIFFER (a bug)").\n",
          "\n快照与按需仿真：快 \(String(format: "%.2f", speedUp)) 倍；\(samePlan ? "方案相同" : "方案不同（程序错误）")。\n")
    }
  }

  /// Times the planner on `loaded` (which has a `plan`), `repeats` times each way.
  package static func plan(_ loaded: LoadedScenario, jobs: Int, repeats: Int) async -> PlanTiming? {
    guard let problem = PlanProblem(loaded.scenario) else { return nil }
    var timings: [(snapshots: Bool, seconds: Double, evaluations: Int, simulations: Int, copied: Int)] = []
    var plans: [[Int]] = []
    for snapshots in [true, false] {
      var best = Double.infinity
      var last: Planner.Result?
      for _ in 0..<repeats {
        let started = ContinuousClock.now
        let result = await Planner(problem: problem, jobs: jobs, snapshots: snapshots).run()
        best = min(best, (ContinuousClock.now - started).seconds)
        last = result
      }
      guard let last else { return nil }
      plans.append(last.plan)
      timings.append((snapshots, best, last.evaluations, last.simulations, last.fromSnapshots))
    }
    return PlanTiming(
      scenario: loaded.scenario.name, jobs: jobs, timings: timings,
      samePlan: plans.dropFirst().allSatisfy { $0 == plans[0] })
  }

  /// Peak resident memory of this process, bytes (getrusage).
  package static func peakMemory() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF_VALUE, &usage)
    #if os(Linux)
      return usage.ru_maxrss * 1024
    #else
      return usage.ru_maxrss
    #endif
  }
}

#if os(Linux)
  private let RUSAGE_SELF_VALUE = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
  private let RUSAGE_SELF_VALUE = RUSAGE_SELF
#endif
