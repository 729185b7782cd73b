import Foundation
import GridSim
import GridSimBench
import Testing

/// Erlang C: the mean wait in queue of an M/M/c queue, in the units of 1/mu.
func erlangCMeanWait(lambda: Double, mu: Double, servers c: Int) -> Double {
  let a = lambda / mu
  let rho = a / Double(c)
  var term = 1.0
  var sum = 0.0
  for k in 0..<c {
    if k > 0 { term *= a / Double(k) }
    sum += term
  }
  let last = term * a / Double(c) / (1 - rho)
  let probabilityOfWaiting = last / (sum + last)
  return probabilityOfWaiting / (Double(c) * mu - lambda)
}

/// M/M/c+D: an M/M/c queue whose customers leave when they have waited `patience`: the mean time
/// in queue over all customers (those who leave count their `patience`), in the units of 1/mu.
///
/// The virtual waiting time V has an atom at 0 (some of the c servers free: the Erlang
/// birth-death probabilities p_n, n < c) and the density f(t) = λ p_{c-1} e^{-(cμ-λ)t} up to the
/// patience D, then f(D) e^{-cμ(t-D)} beyond it (level crossing: past D no one joins the work).
/// A customer waits min(V, D).
func mmcdMeanWait(lambda: Double, mu: Double, servers c: Int, patience d: Double) -> Double {
  var p: [Double] = [1]
  for n in 1..<c { p.append(p[n - 1] * lambda / mu / Double(n)) }
  let f0 = lambda * p[c - 1]
  let r = Double(c) * mu - lambda
  let below = f0 * (1 - exp(-r * d)) / r
  let beyond = f0 * exp(-r * d) / (Double(c) * mu)
  let firstMoment = f0 * (1 - exp(-r * d) * (1 + r * d)) / (r * r)
  return (firstMoment + d * beyond) / (p.reduce(0, +) + below + beyond)
}

/// One tier, one unit: an M/M/c queue.
func mmcScenario(
  servers: Int, arrivalsPerHour: Double, meanServiceHours: Double, hours: Double, replications: Int, seed: Int
) -> String {
  """
  {
    version: 1,
    period: { start: "2026-01-05T00:00", length: "\(hours) h", warmUp: "\(min(500, hours / 10)) h" },
    seed: \(seed), replications: \(replications),
    demand: { perGridPerDay: \(arrivalsPerHour * 24) },
    tiers: [{ id: "only", handling: { exponential: "\(meanServiceHours * 60) min" } }],
    organization: { name: "desk", staff: \(servers) },
  }
  """
}

@Suite("Against queueing theory")
struct QueueingTheoryTests {
  /// Each case simulates about 400,000 customers (4 replications) with a fixed seed. The mean wait
  /// must be within 6% of Erlang C and the utilization within 0.01 of the offered load per server:
  /// at these run lengths the 95% interval of the mean wait is about ±3% (±4% at ρ = 0.85).
  @Test(
    "M/M/c mean waits match Erlang C within 6%",
    arguments: [(1, 0.5), (2, 0.8), (5, 0.7), (10, 0.85), (20, 0.75)])
  func mmc(servers: Int, rho: Double) throws {
    let mu = 1.0  // per hour
    let lambda = rho * Double(servers) * mu
    let hours = 100_000 / lambda
    let scenario = try load(
      mmcScenario(
        servers: servers, arrivalsPerHour: lambda, meanServiceHours: 1 / mu, hours: hours, replications: 4,
        seed: 11))
    let (_, results) = simulate(scenario)
    let summary = Summary(model: Model(scenario), results: results, seed: scenario.seed)
    let exact = erlangCMeanWait(lambda: lambda, mu: mu, servers: servers) * 60
    let simulated = try #require(summary.tiers[0].all.duration(.wait).mean).mean
    #expect(
      abs(simulated - exact) / exact < 0.06, "seed 11: simulated \(simulated) min, Erlang C \(exact) min")
    let utilization = try #require(summary.tiers[0].utilization).mean
    #expect(abs(utilization - rho) < 0.01, "seed 11: utilization \(utilization), expected \(rho)")
  }

  /// tandem3 (Scenarios/benchmarks/tandem3.json5) over 2 × 30,000 h: by Jackson's theorem each tier
  /// is M/M/c, so the waits are exact. Tolerance 8% (the tier-3 wait is the noisiest: about 27,000
  /// customers per replication, 22% utilization).
  @Test("tandem3 waits match Jackson's theorem within 8%")
  func tandem3() throws {
    var scenario = try load(Benchmark.tandem3Source)
    scenario.period.end = scenario.period.start.adding(minutes: 30_000 * 60)
    let (model, results) = simulate(scenario, replications: 2)
    let summary = Summary(model: model, results: results, seed: scenario.seed)
    let exact = [
      erlangCMeanWait(lambda: 15, mu: 1, servers: 20), erlangCMeanWait(lambda: 3, mu: 2, servers: 5),
      erlangCMeanWait(lambda: 0.9, mu: 2, servers: 2),
    ].map { $0 * 60 }
    for t in 0..<3 {
      let simulated = try #require(summary.tiers[t].all.duration(.wait).mean).mean
      #expect(
        abs(simulated - exact[t]) / exact[t] < 0.08,
        "tier \(t + 1), seed 1: simulated \(simulated) min, exact \(exact[t]) min")
    }
    let utilization = summary.tiers.map { $0.utilization!.mean }
    for (u, expected) in zip(utilization, [0.75, 0.3, 0.225]) { #expect(abs(u - expected) < 0.01) }
    // Flow balance: 20% of tier-1 visits go on to tier 2, 30% of those to tier 3.
    let visits = summary.tiers.map { $0.all.count(.visits)!.mean }
    #expect(abs(visits[1] / visits[0] - 0.2) < 0.005)
    #expect(abs(visits[2] / visits[1] - 0.3) < 0.01)
  }

  @Test("the arrival count follows the rate, with hour and weekday profiles preserving the weekly total")
  func arrivals() throws {
    let text = minimalScenario.replacingOccurrences(
      of: "length: \"10 days\"", with: "length: \"7 days\""
    )
    .replacingOccurrences(
      of: "tiers: [",
      with: """
        demand: { perGridPerDay: 20, hourOfDay: [0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0], dayOfWeek: [2,1,1,1,1,0,0] },
        tiers: [
        """)
    let scenario = try load(text)
    let model = Model(scenario)
    #expect(abs(model.expectedArrivals - 20 * 3 * 7) < 1e-9)
    let (_, results) = simulate(scenario, replications: 20)
    let mean = Double(results.reduce(0) { $0 + $1.count(.appeared, group: .system) }) / 20
    // Poisson: sd of the mean of 20 replications = sqrt(420 / 20) ≈ 4.6; allow 4 sd.
    #expect(abs(mean - 420) < 18.4, "seed \(scenario.seed): mean \(mean)")
    // Nothing arrives outside 08:00-18:00 or at weekends.
    for r in results {
      for d in [5, 6] { #expect(r.dailyArrivals[d, 0] == 0) }
    }
  }

  @Test("a tier's wait covers every visit, those a deadline took from the queue too: M/M/c+D within 6%")
  func mmcPlusD() throws {
    // 10 staff, 11 an hour, exponential handling of 1 h, a 15-minute response deadline from arrival
    // that takes the item up: exactly 0.0990 h in the queue over all visits (0.0650 h over the
    // picked-up ones only, the figure before this rule), 18.4% taken up.
    let exact = mmcdMeanWait(lambda: 11, mu: 1, servers: 10, patience: 0.25)
    #expect(abs(exact - 0.09902) < 1e-4)
    let scenario = try load(
      """
      {
        version: 1, seed: 5, replications: 4,
        period: { start: "2026-01-05T00:00", length: "10000 h", warmUp: "200 h" },
        demand: { perGridPerDay: 264 },
        tiers: [
          { id: "first", handling: { exponential: "60 min" }, deadlines: { response: "15 min" } },
          { id: "next", handling: "1 min" },
        ],
        organization: { name: "next", staff: 50, children: { name: "first", staff: 10 } },
      }
      """)
    let (_, results) = simulate(scenario)
    let summary = Summary(model: Model(scenario), results: results, seed: scenario.seed)
    let simulated = try #require(summary.tiers[0].all.duration(.wait).mean).mean / 60
    #expect(abs(simulated - exact) / exact < 0.06, "seed 5: simulated \(simulated) h, M/M/c+D \(exact) h")
    let visits = try #require(summary.tiers[0].all.count(.visits)).mean
    let takenUp = try #require(summary.tiers[0].all.count(.escalatedDeadline)).mean
    #expect(abs(takenUp / visits - 0.1840) < 0.01, "seed 5: \(takenUp / visits) taken up")
  }
}
