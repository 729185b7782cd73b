import Foundation

/// A distribution fitted to observed durations (minutes): exponential, lognormal and gamma by
/// their usual estimators, the one with the smallest Kolmogorov-Smirnov distance chosen, kept
/// when it passes the test at the 5% level (critical value 1.36/√n; with estimated parameters the
/// test is conservative, Lilliefors), else the empirical distribution of 20 quantiles.
package struct DurationFit: Sendable {
  /// How many durations it came from.
  package var count: Int
  /// Their mean, with a 95% interval.
  package var mean: Double
  package var meanLow: Double
  package var meanHigh: Double
  package var standardDeviation: Double
  /// The chosen distribution.
  package var chosen: Family
  /// Each family's KS distance, best first.
  package var distances: [(family: String, distance: Double)]
  /// The 5% critical value, 1.36/√n.
  package var critical: Double

  package enum Family: Sendable, Equatable {
    case fixed(Double)
    case exponential(mean: Double)
    case lognormal(mean: Double, sd: Double)
    case gamma(shape: Double, mean: Double)
    case empirical([Double])

    package var name: String {
      switch self {
      case .fixed: "fixed"
      case .exponential: "exponential"
      case .lognormal: "lognormal"
      case .gamma: "gamma"
      case .empirical: "empirical"
      }
    }
  }

  /// Fits `values` (minutes, ≥ 0); nil when there are none.
  package init?(_ values: [Double]) {
    let x = values.filter { $0.isFinite && $0 >= 0 }.sorted()
    guard !x.isEmpty else { return nil }
    let n = Double(x.count)
    count = x.count
    let m = x.reduce(0, +) / n
    mean = m
    let variance = x.count > 1 ? x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) : 0
    standardDeviation = variance.squareRoot()
    let half = 1.96 * variance.squareRoot() / n.squareRoot()
    meanLow = max(0, m - half)
    meanHigh = m + half
    critical = 1.36 / n.squareRoot()
    guard x.last! - x.first! > 0.01 else {
      chosen = .fixed(m)
      distances = []
      return
    }
    var candidates: [(Family, (Double) -> Double)] = []
    candidates.append((.exponential(mean: m), { 1 - exp(-$0 / m) }))
    let positive = x.filter { $0 > 0 }
    if positive.count >= 2 {
      let logs = positive.map { log($0) }
      let mu = logs.reduce(0, +) / Double(logs.count)
      let s2 = logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(logs.count - 1)
      let sigma = s2.squareRoot()
      if sigma > 0 {
        let lnMean = exp(mu + s2 / 2)
        let lnSD = lnMean * (exp(s2) - 1).squareRoot()
        candidates.append(
          (
            .lognormal(mean: lnMean, sd: lnSD),
            { $0 <= 0 ? 0 : 0.5 * erfc(-(log($0) - mu) / (sigma * 2.0.squareRoot())) }
          ))
      }
    }
    if variance > 0 {
      let shape = m * m / variance
      let scale = variance / m
      candidates.append((.gamma(shape: shape, mean: m), { Self.regularizedGammaP(shape, $0 / scale) }))
    }
    // Logs keep whole minutes: a continuous model is then compared with the sample's steps half a
    // minute either side (a continuity correction), or no family could pass on a large sample.
    let whole = x.allSatisfy { $0 == $0.rounded() }
    let scored = candidates.map { ($0.0, Self.ksDistance(x, $0.1, halfStep: whole ? 0.5 : 0)) }.sorted {
      $0.1 < $1.1
    }
    distances = scored.map { ($0.0.name, $0.1) }
    if scored[0].1 <= critical {
      chosen = scored[0].0
    } else {
      chosen = .empirical((0..<20).map { Quantile.interpolated(x, (Double($0) + 0.5) / 20) })
      distances.insert(("empirical", Self.empiricalDistance(x, quantiles: 20)), at: 0)
    }
  }

  /// sup |F_n(x) - F(x)| over the sorted sample.
  /// With `halfStep`, values are taken as rounded: the sample's step at `v` is compared with the
  /// model between `v - halfStep` and `v + halfStep`, once per distinct value.
  static func ksDistance(_ sorted: [Double], _ cdf: (Double) -> Double, halfStep: Double = 0) -> Double {
    let n = Double(sorted.count)
    var d = 0.0
    var i = 0
    while i < sorted.count {
      let v = sorted[i]
      var j = i
      if halfStep > 0 { while j + 1 < sorted.count, sorted[j + 1] == v { j += 1 } }
      // Below the step: i values; above it: j + 1.
      d = max(d, abs(cdf(v - halfStep) - Double(i) / n), abs(Double(j + 1) / n - cdf(v + halfStep)))
      i = j + 1
    }
    return d
  }

  /// The KS distance of the 20-quantile empirical distribution (equal weights on the quantiles).
  static func empiricalDistance(_ sorted: [Double], quantiles k: Int) -> Double {
    let points = (0..<k).map { Quantile.interpolated(sorted, (Double($0) + 0.5) / Double(k)) }
    return ksDistance(sorted) { v in Double(points.count { $0 <= v }) / Double(k) }
  }

  /// P(a, x), the regularized lower incomplete gamma function: a series below a + 1, a continued
  /// fraction above (Numerical Recipes, 6.2).
  static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    guard x > 0 else { return 0 }
    let lead = a * log(x) - x - lgamma(a)
    if x < a + 1 {
      var sum = 1 / a
      var term = sum
      var ap = a
      for _ in 0..<500 {
        ap += 1
        term *= x / ap
        sum += term
        if abs(term) < abs(sum) * 1e-14 { break }
      }
      return min(1, sum * exp(lead))
    }
    var b = x + 1 - a
    var c = 1 / 1e-300
    var d = 1 / b
    var h = d
    for i in 1..<500 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < 1e-300 { d = 1e-300 }
      c = b + an / c
      if abs(c) < 1e-300 { c = 1e-300 }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-14 { break }
    }
    return max(0, 1 - exp(lead) * h)
  }
}
