/// A probability distribution of a duration, as written in a scenario; every parameter in minutes.
package enum DistributionSpec: Sendable, Equatable {
  /// Always the same.
  case fixed(Double)
  /// Exponential with this mean.
  case exponential(mean: Double)
  /// Uniform between two bounds.
  case uniform(min: Double, max: Double)
  /// Triangular with a lower bound, a mode and an upper bound.
  case triangular(min: Double, mode: Double, max: Double)
  /// Lognormal with this mean and standard deviation (of the duration, not of its logarithm).
  case lognormal(mean: Double, sd: Double)
  /// Gamma with a shape and a mean; Erlang-k is a gamma with integer shape k.
  case gamma(shape: Double, mean: Double)
  /// One of the listed values, with relative weights.
  case empirical(values: [Double], weights: [Double])

  /// The mean, in minutes.
  package var mean: Double {
    switch self {
    case .fixed(let v): v
    case .exponential(let m): m
    case .uniform(let a, let b): (a + b) / 2
    case .triangular(let a, let c, let b): (a + b + c) / 3
    case .lognormal(let m, _): m
    case .gamma(_, let m): m
    case .empirical(let values, let weights):
      zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    }
  }

  /// The names accepted as the single key of a distribution object.
  package static let kinds = [
    "fixed", "exponential", "uniform", "triangular", "lognormal", "gamma", "erlang", "empirical",
  ]
}
