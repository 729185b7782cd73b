/// A first-in first-out queue over a growable circular array.
public struct RingBuffer<Element>: Sendable where Element: Sendable {
  @usableFromInline var storage: ContiguousArray<Element?> = []
  @usableFromInline var head = 0
  /// Number of elements.
  @usableFromInline var _count = 0
  @inlinable public var count: Int { _count }

  /// An empty queue.
  public init() {}

  /// True when there are no elements.
  @inlinable public var isEmpty: Bool { _count == 0 }

  /// Adds an element at the back.
  /// - Complexity: amortized O(1).
  @inlinable @inline(__always)
  public mutating func append(_ element: Element) {
    if _count == storage.count { grow() }
    var tail = head + _count
    if tail >= storage.count { tail -= storage.count }
    storage[tail] = element
    _count += 1
  }

  /// Removes and returns the front element.
  /// - Complexity: O(1).
  @inlinable @inline(__always)
  public mutating func popFirst() -> Element? {
    guard _count > 0 else { return nil }
    let element = storage[head]
    storage[head] = nil
    head += 1
    if head == storage.count { head = 0 }
    _count -= 1
    return element
  }

  @usableFromInline mutating func grow() {
    let newCapacity = Swift.max(8, storage.count * 2)
    var grown = ContiguousArray<Element?>(repeating: nil, count: newCapacity)
    for i in 0..<_count {
      var j = head + i
      if j >= storage.count { j -= storage.count }
      grown[i] = storage[j]
    }
    storage = grown
    head = 0
  }
}
