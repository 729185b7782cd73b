/// A figure estimated from independent replications: their mean and a 95% confidence interval.
///
/// The interval is mean ± t(0.975, n-1) · s / √n (Student t, s the sample standard deviation of the
/// replication values). With one replication, or values that do not vary, it has zero width.
public struct Estimate: Sendable, Equatable, Codable {
  /// Mean over the replications that had a value.
  public var mean: Double
  /// Lower end of the 95% interval.
  public var low: Double
  /// Upper end of the 95% interval.
  public var high: Double
  /// How many replications had a value.
  public var n: Int

  /// Creates an estimate from its parts.
  public init(mean: Double, low: Double, high: Double, n: Int) {
    self.mean = mean
    self.low = low
    self.high = high
    self.n = n
  }

  /// The estimate from one value per replication; nil values (no observation in that replication)
  /// are left out. Nil when no replication had a value.
  public init?(_ values: [Double?]) {
    let xs = values.compactMap { $0 }
    guard !xs.isEmpty else { return nil }
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    var half = 0.0
    if xs.count > 1 {
      let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
      half = StudentT.quantile975(degreesOfFreedom: xs.count - 1) * (variance / n).squareRoot()
    }
    self.init(mean: mean, low: mean - half, high: mean + half, n: xs.count)
  }

  /// The estimate of values that cannot leave `bounds` (a share 0-1, a count or a time at least
  /// 0), its interval clamped to them: the Student-t interval is symmetric and knows nothing of
  /// bounds (a 99.5% on-time rate would reach 100.8%, a rare count below 0). The mean is always
  /// inside the bounds; only the ends move. Nil when no replication had a value.
  public static func within(_ bounds: ClosedRange<Double>, _ values: [Double?]) -> Estimate? {
    guard var e = Estimate(values) else { return nil }
    e.low = Swift.min(Swift.max(e.low, bounds.lowerBound), bounds.upperBound)
    e.high = Swift.max(Swift.min(e.high, bounds.upperBound), bounds.lowerBound)
    return e
  }

  /// The estimate of values that cannot be negative (counts, times, utilization, backlogs).
  public static func nonNegative(_ values: [Double?]) -> Estimate? { within(0...Double.infinity, values) }

  /// Half the width of the interval.
  public var halfWidth: Double { (high - low) / 2 }

  /// The estimate with every figure multiplied by `factor` (a change of unit).
  public func scaled(by factor: Double) -> Estimate {
    Estimate(mean: mean * factor, low: low * factor, high: high * factor, n: n)
  }
}

/// Quantiles of Student's t distribution.
public enum StudentT {
  private static let table: [Double] = [
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
  ]

  /// The 0.975 quantile for `degreesOfFreedom` ≥ 1: exact table values to 30, then the
  /// Cornish-Fisher expansion around the normal quantile (error below 1e-4 from 30 on).
  public static func quantile975(degreesOfFreedom df: Int) -> Double {
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
