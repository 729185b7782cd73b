import Testing

@testable import GridSim

@Suite("Statistics")
struct StatisticsTests {
  @Test("histogram quantiles are within 1% of the exact order statistics")
  func histogramAccuracy() {
    var rng = RandomStream(seed: 3, replication: 0, purpose: .service)
    var tables: [EmpiricalTable] = []
    let sampler = Sampler(.lognormal(mean: 90, sd: 120), tables: &tables)
    var stats = StreamingStats()
    var values: [Double] = []
    for _ in 0..<50_000 {
      let v = sampler.sample(&rng, [])
      values.append(v)
      stats.record(v)
    }
    values.sort()
    for p in [0.1, 0.5, 0.9, 0.95, 0.99] {
      let exact = values[Int((p * Double(values.count)).rounded(.up)) - 1]
      let estimate = stats.quantile(p)!
      #expect(abs(estimate - exact) / exact <= 0.01, "p\(p): \(estimate) vs \(exact)")
    }
    #expect(stats.quantile(1) == values.last)
    #expect(abs(stats.mean! - values.reduce(0, +) / Double(values.count)) < 1e-6)
  }

  @Test("several quantiles in one pass are those of the rule, found bucket by bucket")
  func quantilesInOnePass() {
    /// The rule written out: the first bucket whose cumulative count reaches the rank, at its
    /// midpoint, capped at the maximum.
    func reference(_ stats: StreamingStats, _ p: Double) -> Double? {
      guard stats.count > 0 else { return nil }
      let rank = max(1, Int((p * Double(stats.count)).rounded(.up)))
      var seen = 0
      for (i, n) in stats.buckets.enumerated() {
        seen += Int(n)
        if seen >= rank { return min(HistogramLayout.representative(i), stats.max) }
      }
      return stats.max
    }
    var rng = RandomStream(seed: 5, replication: 0, purpose: .service)
    for trial in 0..<200 {
      var stats = StreamingStats()
      // Few distinct values, many repeated: different ranks often fall in one bucket.
      let distinct = (0..<(1 + trial % 6)).map { _ in (rng.uniform() * 500).rounded() }
      for _ in 0..<(1 + trial % 40) { stats.record(distinct[Int(rng.uniform() * Double(distinct.count))]) }
      let ps = (0..<4).map { _ in rng.uniform() }.sorted() + [1]
      let found = stats.quantiles(ps[0], ps[1], ps[2], ps[3], ps[4])
      #expect(found == ps.map { reference(stats, $0) }, "trial \(trial)")
    }
  }

  @Test("quantiles of 10, 20, ..., 100 are the midpoints of the buckets of the right order statistics")
  func exactQuantiles() {
    var stats = StreamingStats()
    for v in stride(from: 10.0, through: 100, by: 10) { stats.record(v) }
    // The rule: rank = ceil(p × 10), the smallest bucket whose cumulative count reaches it, at the
    // bucket's midpoint (capped at the largest value). Ten values in ten buckets: the p-quantile is
    // the midpoint of the bucket of the rank-th value. By hand from the layout (64 buckets per
    // power of two): 50 = 32 × (1 + 36/64), in [50, 50.5), midpoint 50.25; 90 = 64 × (1 + 26/64),
    // midpoint 90.5; 40 = 32 × (1 + 16/64), midpoint 40.25; 10 = 8 × (1 + 16/64), midpoint
    // 10.0625; 100 = 64 × (1 + 36/64), midpoint 100.5, capped at the maximum 100.
    #expect(stats.quantile(0.5) == 50.25)  // rank 5
    #expect(stats.quantile(0.45) == 50.25)  // rank ceil(4.5) = 5
    #expect(stats.quantile(0.4) == 40.25)  // rank 4
    #expect(stats.quantile(0.9) == 90.5)  // rank 9
    #expect(stats.quantile(0.1) == 10.0625)  // rank 1
    #expect(stats.quantile(0.01) == 10.0625)  // rank at least 1
    #expect(stats.quantile(1) == 100)
    // Several in one pass, by the same rule: ranks 1, 4, 5, 5, 9 and 10, two of them in one bucket.
    #expect(stats.quantiles(0.1, 0.4, 0.45, 0.5, 0.9, 1) == [10.0625, 40.25, 50.25, 50.25, 90.5, 100])
    #expect(StreamingStats().quantiles(0.5, 0.9) == [nil, nil])
    // The same through the layout, and not a neighbouring bucket's or value's.
    let b50 = HistogramLayout.bucket(50)
    #expect(stats.quantile(0.5) == HistogramLayout.representative(b50))
    #expect(abs(stats.quantile(0.5)! - 50) / 50 <= 0.0078)
    for wrong in [b50 - 1, b50 + 1, HistogramLayout.bucket(40), HistogramLayout.bucket(60)] {
      #expect(stats.quantile(0.5) != HistogramLayout.representative(wrong))
    }
    #expect(abs(stats.quantile(0.9)! - 90) / 90 <= 0.0078)
    // Read back through a replication's summary: p50, p90, p95 (rank 10: the maximum) and max.
    let summary = MetricSummary(stats)
    #expect([summary.p50, summary.p90, summary.p95, summary.max] == [50.25, 90.5, 100, 100])
    #expect(summary.mean == 55)
  }

  @Test("every bucket's midpoint is within 0.8% of the values it holds")
  func bucketBounds() {
    for v in stride(from: 0.01, through: 1e6, by: 997.3) + [0.0079, 0.5, 1, 2, 3, 1440] {
      let mid = HistogramLayout.representative(HistogramLayout.bucket(v))
      #expect(abs(mid - v) / v <= 0.008, "\(v) -> \(mid)")
    }
  }

  @Test(
    "Student t quantiles",
    arguments: [(1, 12.7062), (5, 2.5706), (30, 2.0423), (60, 2.0003), (120, 1.9799), (1000, 1.9623)])
  func studentT(df: Int, expected: Double) {
    #expect(abs(StudentT.quantile975(degreesOfFreedom: df) - expected) < 2e-4)
  }

  @Test("an estimate's interval from known values")
  func estimate() throws {
    let e = try #require(Estimate([1, 2, 3, 4, nil]))
    #expect(e.n == 4)
    #expect(e.mean == 2.5)
    // s = sqrt(5/3), half width = 3.1824 * s / 2
    #expect(abs(e.halfWidth - 3.1824 * (5.0 / 3).squareRoot() / 2) < 1e-9)
    #expect(Estimate([nil, nil]) == nil)
    #expect(Estimate([7])?.halfWidth == 0)
  }

  @Test(
    "samplers have the means they are given",
    arguments: [
      DistributionSpec.exponential(mean: 30), .uniform(min: 10, max: 50),
      .triangular(min: 5, mode: 10, max: 45),
      .lognormal(mean: 60, sd: 40), .gamma(shape: 3, mean: 20), .gamma(shape: 0.5, mean: 20),
      .empirical(values: [10, 20, 60], weights: [1, 2, 1]),
    ])
  func samplerMeans(spec: DistributionSpec) {
    var tables: [EmpiricalTable] = []
    let sampler = Sampler(spec, tables: &tables)
    var rng = RandomStream(seed: 5, replication: 0, purpose: .service)
    let n = 200_000
    var sum = 0.0
    for _ in 0..<n { sum += sampler.sample(&rng, tables) }
    // The standard error is at most sd/sqrt(n) ≈ 0.23% of the mean here; allow 1.5%.
    #expect(abs(sum / Double(n) - spec.mean) / spec.mean < 0.015, "\(spec): \(sum / Double(n))")
  }

  @Test("intervals stay within their bounds: a share within 0-1, a count or a time not below 0")
  func boundedIntervals() throws {
    // 1, 1, 0.985: mean 0.995, s = 0.00866, t(2) = 4.3027: ± 0.0215, so 0.9735 to 1.0165 unclamped.
    let share = try #require(Estimate.within(0...1, [1, 1, 0.985]))
    #expect(abs(share.mean - 0.995) < 1e-12)
    #expect(share.high == 1)
    #expect(abs(share.low - (0.995 - 4.3027 * (0.00866025 / 3.0.squareRoot()))) < 1e-6)
    // 0, 0, 1: mean 1/3, ± 4.3027 · 0.57735 / √3 = 1.434: from -1.1 unclamped.
    let count = try #require(Estimate.nonNegative([0, 0, 1]))
    #expect(count.low == 0)
    #expect(abs(count.high - (1.0 / 3 + 4.3027 * 0.57735027 / 3.0.squareRoot())) < 1e-6)
    #expect(Estimate.nonNegative([nil, nil]) == nil)
  }

  @Test("a difference that rounds to zero is ±0, never -0")
  func noNegativeZero() {
    let english = ReportLanguage.english
    #expect(english.difference(-0.00004, .share) == "±0 pt")
    #expect(english.difference(-0.002, .share) == "-0.2 pt")
    #expect(english.difference(-0.0000001, .minutes) == "±0 min")
    #expect(english.difference(-30, .minutes) == "-30 min")
  }
}
