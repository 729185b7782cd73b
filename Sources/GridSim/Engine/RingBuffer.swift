/// A first-in first-out queue over a growable circular array.
public struct RingBuffer<Element>: Sendable where Element: Sendable {
  private var storage: ContiguousArray<Element?> = []
  private var head = 0
  /// Number of elements.
  public private(set) var count = 0

  /// An empty queue.
  public init() {}

  /// True when there are no elements.
  public var isEmpty: Bool { count == 0 }

  /// Adds an element at the back.
  /// - Complexity: amortized O(1).
  @inline(__always)
  public mutating func append(_ element: Element) {
    if count == storage.count { grow() }
    var tail = head + count
    if tail >= storage.count { tail -= storage.count }
    storage[tail] = element
    count += 1
  }

  /// Removes and returns the front element.
  /// - Complexity: O(1).
  @inline(__always)
  public mutating func popFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = storage[head]
    storage[head] = nil
    head += 1
    if head == storage.count { head = 0 }
    count -= 1
    return element
  }

  private mutating func grow() {
    let newCapacity = Swift.max(8, storage.count * 2)
    var grown = ContiguousArray<Element?>(repeating: nil, count: newCapacity)
    for i in 0..<count {
      var j = head + i
      if j >= storage.count { j -= storage.count }
      grown[i] = storage[j]
    }
    storage = grown
    head = 0
  }
}
