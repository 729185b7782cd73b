/// A figure estimated from independent replications: their mean and a 95% confidence interval.
///
/// The interval is mean ± t(0.975, n-1) · s / √n (Student t, s the sample standard deviation of the
/// replication values). With one replication, or values that do not vary, it has zero width.
package struct Estimate: Sendable, Equatable, Codable {
  /// Mean over the replications that had a value.
  package var mean: Double
  /// Lower end of the 95% interval.
  package var low: Double
  /// Upper end of the 95% interval.
  package var high: Double
  /// How many replications had a value.
  package var n: Int

  /// Creates an estimate from its parts.
  package init(mean: Double, low: Double, high: Double, n: Int) {
    self.mean = mean
    self.low = low
    self.high = high
    self.n = n
  }

  /// The estimate from one value per replication; nil values (no observation in that replication)
  /// are left out. Nil when no replication had a value.
  package init?(_ values: [Double?]) {
    guard let e = Accumulator(values).estimate else { return nil }
    self = e
  }

  /// Values added one at a time, in constant memory: the mean is their sum over their number,
  /// the variance Welford's. Adding the same values in the same order gives the same bits, so an
  /// estimate reduced as replications arrive equals one computed from all of them at the end.
  package struct Accumulator: Sendable, Equatable {
    /// Values added, their sum, and Welford's running mean and sum of squared deviations.
    package private(set) var n = 0
    package private(set) var sum = 0.0
    private var runningMean = 0.0
    private var squares = 0.0

    package init() {}

    /// The accumulator of `values`, added in their order.
    package init(_ values: [Double?]) {
      for x in values { add(x) }
    }

    /// Adds a value; nil (nothing observed in that replication) is left out.
    package mutating func add(_ value: Double?) {
      guard let x = value else { return }
      n += 1
      sum += x
      let delta = x - runningMean
      runningMean += delta / Double(n)
      squares += delta * (x - runningMean)
    }

    /// The estimate of the values added; nil when none was.
    package var estimate: Estimate? {
      guard n > 0 else { return nil }
      let count = Double(n)
      let mean = sum / count
      var half = 0.0
      if n > 1 {
        let variance = Swift.max(0, squares) / (count - 1)
        half = StudentT.quantile975(degreesOfFreedom: n - 1) * (variance / count).squareRoot()
      }
      return Estimate(mean: mean, low: mean - half, high: mean + half, n: n)
    }

    /// The estimate kept within `bounds` (see ``Estimate/within(_:_:)``).
    package func estimate(within bounds: ClosedRange<Double>) -> Estimate? {
      estimate.map { $0.clamped(to: bounds) }
    }

    /// The estimate of values that cannot be negative.
    package var nonNegative: Estimate? { estimate(within: 0...Double.infinity) }
  }

  /// The estimate with its interval's ends moved inside `bounds` (the mean is inside already).
  func clamped(to bounds: ClosedRange<Double>) -> Estimate {
    var e = self
    e.low = Swift.min(Swift.max(e.low, bounds.lowerBound), bounds.upperBound)
    e.high = Swift.max(Swift.min(e.high, bounds.upperBound), bounds.lowerBound)
    return e
  }

  /// The estimate of values that cannot leave `bounds` (a share 0-1, a count or a time at least
  /// 0), its interval clamped to them: the Student-t interval is symmetric and knows nothing of
  /// bounds (a 99.5% on-time rate would reach 100.8%, a rare count below 0). The mean is always
  /// inside the bounds; only the ends move. Nil when no replication had a value.
  package static func within(_ bounds: ClosedRange<Double>, _ values: [Double?]) -> Estimate? {
    Accumulator(values).estimate(within: bounds)
  }

  /// The estimate of values that cannot be negative (counts, times, utilization, backlogs).
  package static func nonNegative(_ values: [Double?]) -> Estimate? { within(0...Double.infinity, values) }

  /// Half the width of the interval.
  package var halfWidth: Double { (high - low) / 2 }

  /// The estimate with every figure multiplied by `factor` (a change of unit).
  package func scaled(by factor: Double) -> Estimate {
    Estimate(mean: mean * factor, low: low * factor, high: high * factor, n: n)
  }
}

/// Quantiles of Student's t distribution.
package enum StudentT {
  private static let table: [Double] = [
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
  ]

  /// The 0.975 quantile for `degreesOfFreedom` ≥ 1: exact table values to 30, then the
  /// Cornish-Fisher expansion around the normal quantile (error below 1e-4 from 30 on).
  package static func quantile975(degreesOfFreedom df: Int) -> Double {
    precondition(df >= 1, "degrees of freedom must be at least 1")
    if df <= table.count { return table[df - 1] }
    let z = 1.959963984540054
    let v = Double(df)
    let g1 = (z * z * z + z) / 4
    let g2 = (5 * pow5(z) + 16 * z * z * z + 3 * z) / 96
    let g3 = (3 * pow7(z) + 19 * pow5(z) + 17 * z * z * z - 15 * z) / 384
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v)
  }

  private static func pow5(_ x: Double) -> Double { x * x * x * x * x }
  private static func pow7(_ x: Double) -> Double { x * x * x * x * x * x * x }
}
