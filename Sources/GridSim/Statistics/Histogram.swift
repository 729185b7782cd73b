/// Bucket layout of the log-linear histograms that hold durations.
///
/// A value's bucket comes from the bits of its `Double`: the exponent picks a power-of-two range and
/// the top 6 bits of the significand split it into 64 equal parts, so a bucket's width is at most
/// 1/64 of its lower edge and the midpoint is within 0.78% of any value in it (the 1% asked for).
/// Values from 2^-7 minutes (about half a second) to 2^24 minutes (about 32 years) are resolved;
/// smaller ones share bucket 0 and count as 0, larger ones the top bucket. No `log` is taken, so
/// recording costs a few integer operations.
package enum HistogramLayout {
  /// Significand bits per power of two.
  static let subBits = 6
  static let subCount = 1 << subBits
  /// Biased exponent of 2^-7.
  static let minExponent = 1023 - 7
  /// Biased exponent of 2^24 (exclusive).
  static let maxExponent = 1023 + 24
  /// Number of buckets, bucket 0 holding values below 2^-7.
  package static let bucketCount = (maxExponent - minExponent) * subCount + 1

  /// The bucket of a non-negative value.
  /// - Complexity: O(1).
  @inline(__always)
  package static func bucket(_ value: Double) -> Int {
    let bits = value.bitPattern
    let exponent = Int((bits >> 52) & 0x7FF)
    if exponent < minExponent { return 0 }
    if exponent >= maxExponent { return bucketCount - 1 }
    let sub = Int((bits >> UInt64(52 - subBits)) & UInt64(subCount - 1))
    return (exponent - minExponent) * subCount + sub + 1
  }

  /// The value that stands for a bucket: its midpoint (0 for bucket 0).
  package static func representative(_ bucket: Int) -> Double {
    if bucket <= 0 { return 0 }
    let i = bucket - 1
    let exponent = i / subCount + minExponent - 1023
    let sub = i % subCount
    let scale = Double(sign: .plus, exponent: exponent, significand: 1)
    return scale * (1 + (Double(sub) + 0.5) / Double(subCount))
  }
}

/// Streaming statistics of one measure: count, sum, maximum and a histogram for percentiles.
///
/// Constant memory whatever the number of observations, and mergeable (add the counts).
package struct StreamingStats: Sendable, Equatable {
  /// Number of observations.
  package var count = 0
  /// Sum of observations.
  package var sum = 0.0
  /// Largest observation.
  package var max = 0.0
  /// Observations per bucket of ``HistogramLayout``.
  package var buckets: [UInt32]

  /// An empty record.
  package init() { buckets = Self.noBuckets }

  /// Every bucket empty, shared until a record is written to (so an empty record allocates
  /// nothing).
  private static let noBuckets = [UInt32](repeating: 0, count: HistogramLayout.bucketCount)

  /// Adds an observation (a non-negative duration).
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func record(_ value: Double) {
    count += 1
    sum += value
    if value > max { max = value }
    buckets[HistogramLayout.bucket(value)] &+= 1
  }

  /// Adds another record's observations to this one (nothing from a record of no observations);
  /// without `histogram`, its count, sum and largest value only (the buckets are left as they are).
  package mutating func merge(_ other: StreamingStats, histogram: Bool = true) {
    guard other.count > 0 else { return }
    count += other.count
    sum += other.sum
    max = Swift.max(max, other.max)
    guard histogram else { return }
    for i in buckets.indices { buckets[i] &+= other.buckets[i] }
  }

  /// The mean, or nil with no observations.
  package var mean: Double? { count > 0 ? sum / Double(count) : nil }

  /// The p-quantile (0 < p ≤ 1): the smallest bucket whose cumulative count reaches p of the
  /// observations, at its midpoint, capped at the exact maximum. Nil with no observations.
  package func quantile(_ p: Double) -> Double? {
    quantiles(p)[0]
  }

  /// Several quantiles (each as ``quantile(_:)``) in one pass over the buckets; `ps` ascending.
  func quantiles(_ ps: Double...) -> [Double?] {
    precondition(zip(ps, ps.dropFirst()).allSatisfy { $0 <= $1 }, "quantiles are found in ascending order")
    guard count > 0 else { return ps.map { _ in nil } }
    var found: [Double?] = []
    found.reserveCapacity(ps.count)
    var seen = 0
    var i = 0
    for p in ps {
      let rank = Swift.max(1, Int((p * Double(count)).rounded(.up)))
      while seen < rank, i < buckets.count {
        seen += Int(buckets[i])
        i += 1
      }
      found.append(seen >= rank ? Swift.min(HistogramLayout.representative(i - 1), max) : max)
    }
    return found
  }
}

/// A coarse histogram of durations for charts: bins a quarter of a power of two wide, from 1 minute
/// to 2^14 minutes (about 11 days), plus one bin below and one above.
///
/// The bin edges, 2^e × (1, 1.25, 1.5, 1.75), fall on edges of ``HistogramLayout``'s buckets, so
/// folding a fine histogram into coarse bins is exact.
package enum CoarseHistogram {
  /// Lower edges of the bins, minutes: 0, then 1, 1.25, 1.5, 1.75, 2, 2.5, ... 16384.
  package static let edges: [Double] = {
    var edges: [Double] = [0]
    for e in 0..<14 {
      for j in 0..<4 { edges.append(Double(1 << e) * (1 + Double(j) / 4)) }
    }
    edges.append(16384)
    return edges
  }()

  /// Observations per bin (``edges``) of a fine histogram.
  package static func fold(_ stats: StreamingStats) -> [Int] {
    var bins = Array(repeating: 0, count: edges.count)
    var bin = 0
    for (i, n) in stats.buckets.enumerated() where n > 0 {
      let value = HistogramLayout.representative(i)
      while bin + 1 < edges.count, edges[bin + 1] <= value { bin += 1 }
      bins[bin] += Int(n)
    }
    return bins
  }
}
