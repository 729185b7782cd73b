/// An array with one owner: the engine's hot storage (items, statistics cells, staff counts).
///
/// A Swift `Array` in a struct checks, at every write, whether its buffer is shared and must be
/// copied first, and writes the buffer's address back; in the event loop that is about two dozen
/// checks per event. A `UniqueArray` cannot be copied, so it is never shared: a write is an
/// address computation and a store. Indices are still checked (a bad index traps, as with
/// `Array`); the buffer is freed when its owner goes.
struct UniqueArray<Element>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  /// Number of elements.
  private(set) var count: Int

  /// An empty array with room for `capacity` elements before it grows.
  init(capacity: Int = 0) {
    self.capacity = Swift.max(capacity, 1)
    base = .allocate(capacity: self.capacity)
    count = 0
  }

  /// `count` copies of `value`.
  init(repeating value: Element, count: Int) {
    self.init(capacity: count)
    base.initialize(repeating: value, count: count)
    self.count = count
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// The element at `index` (0..<count), read and written in place.
  /// - Complexity: O(1).
  @inline(__always)
  subscript(index: Int) -> Element {
    unsafeAddress {
      // One unsigned comparison checks both ends.
      precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
      return UnsafePointer(base + index)
    }
    unsafeMutableAddress {
      precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
      return base + index
    }
  }

  /// The address of the element at `index` (0..<count), for a wrapper's own subscript.
  /// - Complexity: O(1).
  @inline(__always)
  func address(_ index: Int) -> UnsafeMutablePointer<Element> {
    precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "index out of range")
    return base + index
  }

  /// Adds an element at the end.
  /// - Complexity: amortized O(1).
  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Removes and returns the last element, if any.
  /// - Complexity: O(1).
  @inline(__always)
  mutating func popLast() -> Element? {
    guard count > 0 else { return nil }
    count -= 1
    return (base + count).move()
  }

  /// A copy of the elements as an `Array`.
  /// - Complexity: O(count).
  var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// A copy of the elements in `range` as an `Array`.
  func array(_ range: Range<Int>) -> [Element] {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
    return Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
  }

  /// The bytes of its elements (a snapshot's size).
  var byteCount: Int { count * MemoryLayout<Element>.stride }

  /// A copy with a buffer of its own (a replication's snapshot: ``Replication/copy(model:)``).
  /// - Complexity: O(count).
  func copy() -> UniqueArray {
    var out = UniqueArray(capacity: capacity)
    out.base.initialize(from: base, count: count)
    out.count = count
    return out
  }

  @inline(never)
  private mutating func grow() {
    let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    grown.moveInitialize(from: base, count: count)
    base.deallocate()
    base = grown
    capacity *= 2
  }
}

// The buffer is reached only through its one owner, so handing the owner to another thread
// hands the buffer with it.
extension UniqueArray: @unchecked Sendable where Element: Sendable {}

/// A ``Table`` with one owner, for the engine's tables written in the event loop (see
/// ``UniqueArray``).
struct UniqueTable<Element: Sendable>: ~Copyable, Sendable {
  let rows: Int
  let columns: Int
  private var storage: UniqueArray<Element>

  /// A table of `rows` × `columns` copies of `value`.
  init(rows: Int, columns: Int, repeating value: Element) {
    self.rows = rows
    self.columns = columns
    storage = UniqueArray(repeating: value, count: rows * columns)
  }

  /// The value at `row`, `column`, read and written in place.
  /// - Complexity: O(1).
  @inline(__always)
  subscript(row: Int, column: Int) -> Element {
    _read {
      precondition(UInt(bitPattern: row) < UInt(bitPattern: rows), "row out of range")
      precondition(UInt(bitPattern: column) < UInt(bitPattern: columns), "column out of range")
      yield storage[row &* columns &+ column]
    }
    _modify {
      precondition(UInt(bitPattern: row) < UInt(bitPattern: rows), "row out of range")
      precondition(UInt(bitPattern: column) < UInt(bitPattern: columns), "column out of range")
      yield &storage[row &* columns &+ column]
    }
  }

  private init(rows: Int, columns: Int, storage: consuming UniqueArray<Element>) {
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// The bytes of its elements.
  var byteCount: Int { storage.byteCount }

  /// A copy with storage of its own.
  func copy() -> UniqueTable { UniqueTable(rows: rows, columns: columns, storage: storage.copy()) }

  /// A copy as a ``Table``.
  var table: Table<Element> { Table(rows: rows, columns: columns, storage: storage.array) }
}
