/// A count that changes over time (staff busy, staff on duty) and its integral: count-minutes.
struct Occupancy: Sendable {
  var level = 0.0
  /// Count-minutes since the start, up to `changed`.
  var area = 0.0
  var changed = 0.0

  @inline(__always)
  mutating func change(by delta: Int, at now: Double) {
    change(by: Double(delta), at: now)
  }

  @inline(__always)
  mutating func change(by delta: Double, at now: Double) {
    area += level * (now - changed)
    changed = now
    level += delta
  }
}
