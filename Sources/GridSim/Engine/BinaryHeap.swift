/// A min-heap over an array: the smallest element (by `<`) comes out first.
///
/// Used for the event queue (ordered by time, then sequence number) and for priority waiting lines.
public struct BinaryHeap<Element: Comparable>: Sendable where Element: Sendable {
  @usableFromInline var storage: ContiguousArray<Element> = []

  /// An empty heap.
  public init() {}

  /// Number of elements.
  @inlinable public var count: Int { storage.count }
  /// True when there are no elements.
  @inlinable public var isEmpty: Bool { storage.isEmpty }
  /// The smallest element, without removing it.
  /// - Complexity: O(1).
  @inlinable public var min: Element? { storage.first }

  /// Reserves room for `n` elements.
  public mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }

  /// Adds an element.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func insert(_ element: Element) {
    storage.append(element)
    var child = storage.count - 1
    storage.withUnsafeMutableBufferPointer { buffer in
      let moving = buffer[child]
      while child > 0 {
        let parent = (child - 1) / 2
        guard moving < buffer[parent] else { break }
        buffer[child] = buffer[parent]
        child = parent
      }
      buffer[child] = moving
    }
  }

  /// Replaces the first element that `matches` with what `replacement` makes of it, or removes it
  /// when that is nil; false when no element matches. Where the elements are all different (a
  /// total order), they come out in the same order as from a heap built by inserting them.
  /// - Complexity: O(n).
  public mutating func replaceFirst(
    where matches: (Element) -> Bool, with replacement: (Element) -> Element?
  ) -> Bool {
    guard let i = storage.firstIndex(where: matches) else { return false }
    if let new = replacement(storage[i]) {
      storage[i] = new
    } else {
      storage.swapAt(i, storage.count - 1)
      storage.removeLast()
    }
    // Rebuilt bottom up: each parent sifted down.
    let n = storage.count
    for start in stride(from: n / 2 - 1, through: 0, by: -1) {
      var hole = start
      let moving = storage[hole]
      while true {
        var child = 2 * hole + 1
        if child >= n { break }
        if child + 1 < n, storage[child + 1] < storage[child] { child += 1 }
        guard storage[child] < moving else { break }
        storage[hole] = storage[child]
        hole = child
      }
      storage[hole] = moving
    }
    return true
  }

  /// Removes and returns the smallest element.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func popMin() -> Element? {
    guard let last = storage.popLast() else { return nil }
    guard !storage.isEmpty else { return last }
    return storage.withUnsafeMutableBufferPointer { buffer in
      let top = buffer[0]
      let n = buffer.count
      var hole = 0
      while true {
        var child = 2 * hole + 1
        if child >= n { break }
        if child + 1 < n, buffer[child + 1] < buffer[child] { child += 1 }
        guard buffer[child] < last else { break }
        buffer[hole] = buffer[child]
        hole = child
      }
      buffer[hole] = last
      return top
    }
  }
}
