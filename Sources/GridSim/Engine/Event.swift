/// One scheduled event: 24 bytes, ordered by time, then deadlines after everything else at that
/// minute, then by the order it was scheduled in.
struct Event: Comparable, Sendable {
  /// Minutes since the start.
  var time: Double
  /// ``last`` for a deadline, sequence number (middle bits) and kind (low 4 bits); unique, so equal
  /// times order deterministically.
  var order: UInt64
  /// Item slot the event is about (unused by arrivals and day ends).
  var slot: Int32
  /// The item's visit stamp when the event was scheduled; a mismatch means the event is stale.
  var stamp: UInt32

  enum Kind: UInt8 {
    case arrival = 0
    case serviceDone = 1
    case responseDeadline = 2
    case resolutionDeadline = 3
    case dayEnd = 4
    case warmUpEnd = 5
    case inject = 6
    case detect = 7
    case staffChange = 8
    case worsen = 9
  }

  @inline(__always)
  var kind: Kind { Kind(rawValue: UInt8(order & 15))! }

  /// The order's top bit, set for the kinds that pass at the end of their minute: a deadline (or a
  /// worsening window) is judged after everything else that happens at that minute, so a response,
  /// a pick-up or an end at that very minute is in time whatever order the events were scheduled in.
  static let last: UInt64 = 1 << 63

  /// The order of the `sequence`-th event scheduled, of `kind`.
  @inline(__always)
  static func order(_ sequence: UInt64, _ kind: Kind) -> UInt64 {
    let deadline = kind == .responseDeadline || kind == .resolutionDeadline || kind == .worsen
    return (deadline ? last : 0) | sequence << 4 | UInt64(kind.rawValue)
  }

  @inline(__always)
  static func < (a: Event, b: Event) -> Bool {
    a.time < b.time || (a.time == b.time && a.order < b.order)
  }
}
