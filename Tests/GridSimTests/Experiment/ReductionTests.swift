import Foundation
import GridSim
import Synchronization
import Testing

/// Replications reduced as they arrive: the same figures as from all of them at the end, for any
/// number of jobs, in memory that does not grow with their number.
@Suite("Reduction of replications as they arrive")
struct ReductionTests {
  @Test("the accumulator's estimate is the two-pass one: mean ± t(0.975, n-1) s/√n, by hand")
  func accumulator() {
    // 1, 2, 3, 4: mean 2.5, s² = 5/3, t(0.975, 3) = 3.1824, half width 3.1824 √(5/12).
    var a = Estimate.Accumulator()
    for x in [1.0, nil, 2, 3, 4] { a.add(x) }
    let e = a.estimate!
    #expect(e.n == 4 && e.mean == 2.5)
    #expect(abs(e.halfWidth - 3.1824 * (5.0 / 12).squareRoot()) < 1e-12)
    // Values that do not vary: an interval of no width, exactly.
    var same = Estimate.Accumulator()
    for _ in 0..<7 { same.add(0.1) }
    #expect(same.estimate!.halfWidth == 0)
    // A share near 1 is kept within 0-1; nothing added, no estimate.
    var share = Estimate.Accumulator()
    for x in [1.0, 1, 0.9] { share.add(x) }
    #expect(share.estimate(within: 0...1)!.high == 1)
    #expect(Estimate.Accumulator().estimate == nil)
    // Large values with a small spread (counts in the millions): no cancellation.
    var big = Estimate.Accumulator()
    for x in [1e9 + 1, 1e9 + 2, 1e9 + 3] { big.add(x) }
    #expect(abs(big.estimate!.halfWidth - 4.3027 * (1.0 / 3).squareRoot()) < 1e-6)
  }

  @Test("a summary reduced as replications arrive is the summary of all of them, for 1, 2 or 3 jobs")
  func sameFigures() async throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Scenarios/ci/policy.json5"), encoding: .utf8)
    var scenario = try load(text)
    scenario.replications = 7
    let model = Model(scenario)
    let all = Experiment.runSerially(model: model, replications: 7, seed: scenario.seed)
    let expected = SummaryJSON.document(
      Summary(model: model, results: all, seed: scenario.seed), source: "x"
    ).rendered()
    for jobs in 1...3 {
      let reduction = await Experiment.reduce(
        model: model, replications: 0..<7, seed: scenario.seed, jobs: jobs)
      let reduced = SummaryJSON.document(
        Summary(model: model, reduction: reduction, seed: scenario.seed), source: "x"
      )
      .rendered()
      #expect(reduced == expected, "jobs \(jobs)")
      for (i, target) in scenario.targets.enumerated() {
        #expect(target.evaluate(reduction, index: i).estimate == target.evaluate(all, model: model).estimate)
      }
    }
  }

  @Test("results are folded in replication order, and at most 4 × jobs wait for an earlier one")
  func orderAndWindow() async {
    let folded = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let latest = Mutex<[Int]>([])
    // Replication 0 (and every 50th) ends only after two later ones have (or after 2 s), so those
    // are done first and must wait for it.
    let order = await Experiment.fold(replications: 0..<200, jobs: 3, into: [Int]()) { r in
      // When replication r starts, how far it is past the oldest not yet folded.
      latest.withLock { $0.append(r - folded.load(ordering: .sequentiallyConsistent)) }
      if r % 50 == 0 {
        let before = finished.load(ordering: .sequentiallyConsistent)
        let start = Date()
        while finished.load(ordering: .sequentiallyConsistent) < before + 2,
          Date().timeIntervalSince(start) < 2
        {
          Thread.sleep(forTimeInterval: 0.001)
        }
      }
      finished.add(1, ordering: .sequentiallyConsistent)
      return r
    } fold: { order, r in
      order.append(r)
      folded.store(order.count, ordering: .sequentiallyConsistent)
    }
    #expect(order == Array(0..<200))
    let ahead = latest.withLock { $0.max() ?? 0 }
    #expect(Experiment.window(jobs: 3) == 12)
    #expect(ahead < 12, "a replication started \(ahead) past the oldest not folded")
  }

  @Test("the memory a reduced run needs does not grow with its replications; a kept one does")
  func memoryEstimate() throws {
    let model = Model(try load(ExperimentTests.coverageScenario))
    // Two running, each with its engine; reduced, at most the fold's window of results held.
    let reduced = model.expectedBytes(held: Experiment.window(jobs: 2), running: 2)
    #expect(reduced == model.resultBytesPerReplication * 8 + model.engineBytesPerReplication * 2)
    #expect(
      model.expectedBytes(held: 100_000, running: 2) - model.expectedBytes(held: 100, running: 2)
        == model.resultBytesPerReplication * 99_900)
  }
}
