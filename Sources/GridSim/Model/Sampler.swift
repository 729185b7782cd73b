#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A compiled duration distribution, ready to draw from; every value in minutes.
package enum Sampler: Sendable {
  case fixed(Double)
  case exponential(mean: Double)
  case uniform(min: Double, width: Double)
  case triangular(min: Double, mode: Double, max: Double)
  /// Parameters of the underlying normal: exp(mu + sigma Z).
  case lognormal(mu: Double, sigma: Double)
  case gamma(shape: Double, scale: Double)
  /// An index into the model's ``EmpiricalTable`` list (kept out of line so that a sampler is plain
  /// data and copying one costs no reference counting).
  case empirical(index: Int)

  /// Compiles a distribution as written in a scenario; empirical tables are appended to `tables`.
  package init(_ spec: DistributionSpec, tables: inout [EmpiricalTable]) {
    switch spec {
    case .fixed(let v): self = .fixed(v)
    case .exponential(let m): self = .exponential(mean: m)
    case .uniform(let a, let b): self = .uniform(min: a, width: b - a)
    case .triangular(let a, let c, let b): self = .triangular(min: a, mode: c, max: b)
    case .lognormal(let mean, let sd):
      if sd == 0 {
        self = .fixed(mean)
      } else {
        let sigma2 = log(1 + (sd * sd) / (mean * mean))
        self = .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
      }
    case .gamma(let shape, let mean): self = .gamma(shape: shape, scale: mean / shape)
    case .empirical(let values, let weights):
      tables.append(EmpiricalTable(table: AliasTable(weights: weights), values: values))
      self = .empirical(index: tables.count - 1)
    }
  }

  /// True when every draw is zero (such a stage takes no time and needs no event).
  package var isZero: Bool {
    if case .fixed(let v) = self { return v == 0 }
    return false
  }

  /// Draws one value.
  @inline(__always)
  package func sample(_ rng: inout RandomStream, _ tables: [EmpiricalTable]) -> Double {
    // The common cases inline; the others out of line, so the engine's loop stays small.
    switch self {
    case .fixed(let v): return v
    case .exponential(let m): return m * rng.exponential()
    default: return sampleOther(&rng, tables)
    }
  }

  @inline(never)
  func sampleOther(_ rng: inout RandomStream, _ tables: [EmpiricalTable]) -> Double {
    switch self {
    case .fixed(let v): return v
    case .exponential(let m): return m * rng.exponential()
    case .uniform(let a, let w): return a + w * rng.uniform()
    case .triangular(let a, let c, let b):
      let u = rng.uniform()
      let f = (c - a) / (b - a)
      return u < f ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    case .lognormal(let mu, let sigma): return exp(mu + sigma * rng.normal())
    case .gamma(let shape, let scale): return scale * Self.standardGamma(shape, &rng)
    case .empirical(let index): return tables[index].values[tables[index].table.sample(&rng)]
    }
  }

  /// Marsaglia and Tsang (2000), with the boost u^(1/a) for shape < 1.
  static func standardGamma(_ shape: Double, _ rng: inout RandomStream) -> Double {
    if shape < 1 {
      return standardGamma(shape + 1, &rng) * pow(rng.uniformPositive(), 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = rng.normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = rng.uniformPositive()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }
}

/// Discrete values with weights, drawn through an alias table.
package struct EmpiricalTable: Sendable {
  /// The alias table over the values' weights.
  package var table: AliasTable
  /// The values, minutes.
  package var values: [Double]
}

/// Walker's alias method (Vose's construction): O(1) draws from a discrete distribution.
package struct AliasTable: Sendable {
  private var probability: [Double]
  private var alias: [Int32]

  /// Builds the table from non-negative weights with a positive sum.
  /// - Complexity: O(n).
  package init(weights: [Double]) {
    precondition(!weights.isEmpty, "an alias table needs at least one weight")
    let n = weights.count
    let total = weights.reduce(0, +)
    var scaled = weights.map { total > 0 ? $0 * Double(n) / total : 1 }
    probability = Array(repeating: 1, count: n)
    alias = Array(0..<Int32(n))
    var small: [Int] = []
    var large: [Int] = []
    for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
    while let s = small.popLast(), let l = large.last {
      probability[s] = scaled[s]
      alias[s] = Int32(l)
      scaled[l] = scaled[l] + scaled[s] - 1
      if scaled[l] < 1 {
        large.removeLast()
        small.append(l)
      }
    }
  }

  /// Number of outcomes.
  package var count: Int { probability.count }

  /// Draws an index with probability proportional to its weight.
  /// - Complexity: O(1).
  @inline(__always)
  package func sample(_ rng: inout RandomStream) -> Int {
    let n = probability.count
    if n == 1 { return 0 }
    let x = rng.uniform() * Double(n)
    let i = min(Int(x), n - 1)
    return x - Double(i) < probability[i] ? i : Int(alias[i])
  }
}
