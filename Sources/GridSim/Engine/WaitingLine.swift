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
