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

  /// Adds an entry: first come first served without a key, else smallest key first (then `order`).
  @inline(__always)
  mutating func push(_ entry: QueueEntry, key: Double?, order: UInt64) {
    if let key {
      ordered.insert(PriorityEntry(key: key, order: order, entry: entry))
    } else {
      fifo.append(entry)
    }
    live += 1
  }

  /// Every entry, stale ones included, in no particular order.
  var entries: [QueueEntry] {
    fifo.storage.compactMap { $0 } + ordered.storage.map(\.entry)
  }

  /// The front entry, stale or not (the caller skips stale ones), removed.
  @inline(__always)
  mutating func pop() -> QueueEntry? {
    ordered.isEmpty ? fifo.popFirst() : ordered.popMin()?.entry
  }
}
