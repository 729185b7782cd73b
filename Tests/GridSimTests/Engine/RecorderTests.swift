import Foundation
import Testing

@testable import GridSim

/// The whole system's durations are kept once per (category, day kind, window) combination; its
/// category, day-kind and window columns are those combinations merged.
@Suite("Recorder combinations")
struct RecorderTests {
  @Test("a category's, a day kind's and a window's figures are the sums of their combinations, by hand")
  func merged() throws {
    // Two categories, the four day kinds, one window (segment 4, after the day kinds).
    let k = Recorder.Combinations(categories: 2, kinds: 4, windows: 1, segmentColumn: 2)
    #expect(k.count == 2 * 4 * 2)
    var r = Recorder(tiers: 1, categories: 2 + 4 + 1, days: 1, combinations: k)
    // (category, day kind, window?, minutes)
    let values: [(Int, Int, Int?, Double)] = [
      (0, 0, nil, 10), (0, 0, 4, 20), (1, 0, nil, 30), (1, 1, 4, 40), (0, 2, nil, 50), (1, 2, nil, 60),
    ]
    for (c, kind, w, v) in values {
      r.recordSystem(.response, combination: k.index(category: c, kind: kind, window: w), v, checked: true)
      r.incrementSystem(.closed, combination: k.index(category: c, kind: kind, window: w))
    }
    func figures(_ column: Int) -> (Int, Double, Double) {
      let s = r.stat(.response, group: .system, category: column)
      return (s.count, s.sum, s.max)
    }
    // Category 0: 10, 20, 50; category 1: 30, 40, 60.
    #expect(figures(0) == (3, 80, 50))
    #expect(figures(1) == (3, 130, 60))
    // Day kind 0 (column 2): 10, 20, 30; kind 1: 40; kind 2: 50, 60; kind 3: none.
    #expect(figures(2) == (3, 60, 30))
    #expect(figures(3) == (1, 40, 40))
    #expect(figures(4) == (2, 110, 60))
    #expect(figures(5).0 == 0)
    // The window (column 6): 20, 40.
    #expect(figures(6) == (2, 60, 40))
    // Each value in one histogram bucket of its combination: the merged buckets hold them all
    // (category 0: 10, 20, 50, so its median is 20, within the bucket's 0.8%).
    let category0 = r.stat(.response, group: .system, category: 0)
    #expect(category0.buckets.reduce(0) { $0 + Int($1) } == 3)
    let median = try #require(category0.quantile(0.5))
    #expect(abs(median - 20) / 20 < 0.008, "\(median)")
    // A tier's cells are not combinations.
    #expect(r.stat(.response, group: .tier(0), category: 0).count == 0)
    // Counts likewise: each column's count is the number of its values above.
    #expect((0...6).map { r.count(.closed, group: .system, category: $0) } == [3, 3, 3, 1, 2, 0, 2])
    #expect(r.count(.closed, group: .tier(0), category: 0) == 0)
  }

  @Test("a column merges its combinations in a fixed order: category, then day kind, then window")
  func mergeOrder() {
    // One category, the four day kinds, one window: category 0's combinations in order are
    // (kind 0, none), (kind 0, window), (kind 1, none), ... Values whose sum depends on the order:
    // (1e16 + 1) + 1 = 1e16 in that order (each 1 is lost), where (1 + 1) + 1e16 would not be.
    let k = Recorder.Combinations(categories: 1, kinds: 4, windows: 1, segmentColumn: 1)
    #expect(k.merges[0] == [0, 1, 2, 3, 4, 5, 6, 7])
    #expect(k.merges[1] == [0, 1] && k.merges[5] == [1, 3, 5, 7])
    var r = Recorder(tiers: 1, categories: 1 + 4 + 1, days: 1, combinations: k)
    r.recordSystem(.response, combination: k.index(category: 0, kind: 1, window: nil), 1, checked: false)
    r.recordSystem(.response, combination: k.index(category: 0, kind: 0, window: 4), 1, checked: false)
    r.recordSystem(.response, combination: k.index(category: 0, kind: 0, window: nil), 1e16, checked: false)
    #expect(r.stat(.response, group: .system, category: 0).sum == 1e16)
  }

  @Test("counts kept per combination read as counts kept per column")
  func countsMatchColumns() {
    let k = Recorder.Combinations(categories: 3, kinds: 4, windows: 2, segmentColumn: 3)
    var combined = Recorder(tiers: 2, categories: 3 + 4 + 2, days: 1, combinations: k)
    var columns = Recorder(tiers: 2, categories: 3 + 4 + 2, days: 1)
    #expect(columns.combinations == nil && columns.combinationCount == 0)
    var rng = RandomStream(seed: 3, replication: 0, purpose: .routing)
    for _ in 0..<500 {
      let (c, kind) = (Int(rng.uniform() * 3), Int(rng.uniform() * 4))
      let window = rng.uniform() < 0.3 ? 4 + Int(rng.uniform() * 2) : nil
      let counter = rng.uniform() < 0.5 ? Counter.closed : .visits
      combined.incrementSystem(counter, combination: k.index(category: c, kind: kind, window: window))
      columns.increment(counter, group: .system, columns: c, 3 + kind, window.map { 3 + $0 })
    }
    for counter in [Counter.closed, .visits, .appeared] {
      let a = (0..<9).map { combined.count(counter, group: .system, category: $0) }
      let b = (0..<9).map { columns.count(counter, group: .system, category: $0) }
      #expect(a == b, "\(counter)")
    }
    #expect((0..<3).reduce(0) { $0 + combined.count(.closed, group: .system, category: $1) } > 0)
  }

  @Test("an item's combination fits the byte it is kept in")
  func combinationFitsAByte() {
    #expect(Recorder.maximumCombinations <= Int(UInt8.max) + 1)
  }
}

@Suite("Recorder histograms kept for some metrics only")
struct RecorderScopeTests {
  @Test(
    "a recorder keeping response's histograms only: response's quantiles as a full recorder's, the others' count, sum and largest without buckets"
  )
  func someHistograms() throws {
    let k = Recorder.Combinations(categories: 2, kinds: 4, windows: 1, segmentColumn: 2)
    var full = Recorder(tiers: 2, categories: 2 + 4 + 1, days: 1, combinations: k)
    var some = Recorder(tiers: 2, categories: 2 + 4 + 1, days: 1, combinations: k, histograms: [.response])
    var keptByFull: [Metric] = []
    var keptBySome: [Metric] = []
    for metric in Metric.allCases {
      if full.keepsHistogram(metric) { keptByFull.append(metric) }
      if some.keepsHistogram(metric) { keptBySome.append(metric) }
    }
    #expect(keptByFull == Metric.allCases && keptBySome == [.response])
    // One metric's histograms of the six: a sixth of the buckets.
    #expect(
      some.buckets.count * 6 == full.buckets.count && some.comboBuckets.count * 6 == full.comboBuckets.count)
    var rng = RandomStream(seed: 5, replication: 0, purpose: .service)
    for i in 0..<400 {
      let (c, kind) = (i % 2, i % 4)
      // The window: slice 4 (after the four day kinds) of a combination, column 6 of a tier.
      let window = i % 3 == 0 ? 6 : nil
      let combination = k.index(category: c, kind: kind, window: window.map { _ in 4 })
      for metric in [Metric.wait, .response, .resolution] {
        let v = -log(1 - rng.uniform()) * 60
        full.recordSystem(metric, combination: combination, v, checked: false)
        some.recordSystem(metric, combination: combination, v, checked: true)
        // Per tier (cells, one column), and a tier's three columns at once.
        full.record(metric, group: .tier(1), category: c, v, checked: false)
        some.record(metric, group: .tier(1), category: c, v, checked: true)
        full.record(metric, group: .tier(0), columns: c, 2 + kind, window, v, checked: false)
        some.record(metric, group: .tier(0), columns: c, 2 + kind, window, v, checked: true)
      }
    }
    for (group, columns) in [(Group.system, 0..<7), (.tier(0), 0..<7), (.tier(1), 0..<2)] {
      for column in columns {
        let (a, b) = (
          full.stat(.response, group: group, category: column),
          some.stat(.response, group: group, category: column)
        )
        #expect(a == b, "response, \(group), column \(column)")
        #expect(b.count > 0)
        for metric in [Metric.wait, .resolution] {
          let (x, y) = (
            full.stat(metric, group: group, category: column),
            some.stat(metric, group: group, category: column)
          )
          #expect(x.count == y.count && x.sum == y.sum && x.max == y.max)
          #expect(y.buckets.allSatisfy { $0 == 0 } && x.buckets.contains { $0 > 0 })
          #expect(MetricSummary(y, quantiles: false).p90 == nil && MetricSummary(x).p90 != nil)
        }
      }
    }
  }
}
