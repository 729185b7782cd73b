/// One scheduled event: 24 bytes, ordered by time, then by the order it was scheduled in.
struct Event: Comparable, Sendable {
  /// Minutes since the start.
  var time: Double
  /// Sequence number (high bits) and kind (low 4 bits); unique, so equal times order deterministically.
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

  @inline(__always)
  static func < (a: Event, b: Event) -> Bool {
    a.time < b.time || (a.time == b.time && a.order < b.order)
  }
}

/// An item in the system: where it is, when things happened to it, and flags for its deadlines.
struct Item: Sendable {
  var appeared: Double
  var detected: Double
  var tierArrival: Double
  /// Time of the first response to the citizen, or -1 before it.
  var firstResponse: Double
  /// When the current service ends (valid while in service).
  var serviceEnd: Double
  var totalWait: Double
  /// Due times of the current tier's deadlines (infinity: none).
  var responseDue: Double
  var resolutionDue: Double
  /// When the current tier's deadline clock started.
  var clockStart: Double = 0
  var leaf: Int32
  var unit: Int32
  var stamp: UInt32
  var tier: Int16
  var category: Int16
  var severity: Int16
  /// The key-date window it appeared in (a segment index), or -1.
  var window: Int16
  var flags: UInt32
  /// The channel it came by, and the day-kind segment of the day it appeared.
  var channel: UInt8
  var dayKind: UInt8
  /// Times reopened after an unsatisfied callback.
  var reopenings: UInt8 = 0
  /// The current stage (an index into the model's stages).
  var stage: Int32 = 0
  /// Forked parts not yet done (the lead item waits for them).
  var parts: Int32 = 0
  /// Days the reply was late (0 when on time).
  var lateness: Float = 0
  /// For a part or a report: the item it belongs to, and that item's stamp when it was made.
  var parent: Int32 = -1
  var parentStamp: UInt32 = 0

  static let counted: UInt32 = 1
  static let inService: UInt32 = 2
  static let responseSettled: UInt32 = 4
  static let resolutionSettled: UInt32 = 8
  static let hadResolutionDeadline: UInt32 = 16
  static let responseBreached: UInt32 = 32
  static let resolutionBreached: UInt32 = 64
  /// Its own part is done; it waits for the other departments' parts.
  static let awaitingParts: UInt32 = 128
  /// A department's part of a forked item, or a skip-level report: a task, not an item.
  static let part: UInt32 = 256
  static let report: UInt32 = 512
  /// Its worsening window is still open (the slot is held until it closes).
  static let watched: UInt32 = 1024
  /// Closed while watched: the slot is freed when the window closes.
  static let finished: UInt32 = 2048
  /// The item's resolution (its first reply or closure) is recorded.
  static let resolved: UInt32 = 4096
  /// The current visit's resolution deadline was extended.
  static let extended: UInt32 = 8192
  /// A staff member has picked the item up at this visit (its wait at the tier is recorded).
  static let pickedUp: UInt32 = 16384
  static let task: UInt32 = part | report
}

/// An entry in a unit's waiting line; stale when the item's stamp has moved on.
struct QueueEntry: Sendable {
  var slot: Int32
  var stamp: UInt32
}

/// An entry in a priority waiting line: smallest key first, then first come.
struct PriorityEntry: Comparable, Sendable {
  var key: Double
  var order: UInt64
  var entry: QueueEntry

  static func < (a: PriorityEntry, b: PriorityEntry) -> Bool {
    a.key < b.key || (a.key == b.key && a.order < b.order)
  }
  static func == (a: PriorityEntry, b: PriorityEntry) -> Bool { a.order == b.order }
}

/// A unit's waiting items, in the tier's discipline; removal by deadline is lazy (stale entries
/// are skipped when they reach the front), so taking an item off costs O(1).
struct WaitingLine: Sendable {
  var fifo = RingBuffer<QueueEntry>()
  var ordered = BinaryHeap<PriorityEntry>()
  /// Live entries (stale ones excluded).
  var live = 0
}
