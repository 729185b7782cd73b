/// A xoshiro256** pseudo-random generator (Blackman and Vigna), seeded through SplitMix64.
///
/// Each replication draws from its own streams, derived from (seed, replication, stream), so the
/// results of replication `r` do not depend on which thread runs it or on how many run at once.
public struct RandomStream: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// The purposes a replication draws for; separate streams keep common random numbers aligned
  /// when two scenarios are compared (arrivals stay the same when service times change).
  public enum Purpose: UInt64, Sendable {
    /// Arrival times, grids, categories and severities.
    case arrivals = 1
    /// Response and handling times.
    case service = 2
    /// Routing choices (passing up).
    case routing = 3
  }

  /// A stream for one purpose of one replication.
  public init(seed: UInt64, replication: Int, purpose: Purpose) {
    var x =
      seed &* 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: replication) &+ 1) &* 0xD1B5_4A32_D192_ED03
      ^ purpose.rawValue &* 0x8CB9_2BA7_2F3D_8DD7
    func next() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = next()
    s1 = next()
    s2 = next()
    s3 = next()
  }

  /// The next 64 random bits.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform number in [0, 1) with 53 random bits.
  @inlinable @inline(__always)
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform number in (0, 1], safe to take the logarithm of.
  @inlinable @inline(__always)
  public mutating func uniformPositive() -> Double {
    Double((next() >> 11) + 1) * 0x1.0p-53
  }

  /// An exponential variate with mean 1.
  @inlinable @inline(__always)
  public mutating func exponential() -> Double {
    -log(uniformPositive())
  }

  /// A standard normal variate (Marsaglia's polar method).
  public mutating func normal() -> Double {
    while true {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      if s > 0, s < 1 { return u * (-2 * log(s) / s).squareRoot() }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
