/// Quantiles of a sample held whole (fits and validation; the engine's are streaming, see
/// ``Histogram``).
package enum Quantile {
  /// The `p` quantile of sorted values, by linear interpolation between order statistics (type 7
  /// of Hyndman and Fan, R's and NumPy's default); nan for no values.
  package static func interpolated(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = min(max(p, 0), 1) * Double(sorted.count - 1)
    let i = Int(h)
    return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
  }

  /// The nearest-rank `p` quantile of sorted values (a value of the sample: the team's median
  /// response is a time the team took); nan for no values.
  package static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }
}
