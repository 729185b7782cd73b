import Testing

@testable import GridSim

/// The engine's one-owner storage behaves as an array: reads, writes in place, growth, removal,
/// copies out, and its elements released when it goes.
@Suite("UniqueArray")
struct UniqueArrayTests {
  @Test("values written in place are read back; growing keeps them in order")
  func writesAndGrows() {
    var a = UniqueArray<Int>(repeating: 7, count: 3)
    a[1] += 5
    a[2] = -1
    #expect(a.array == [7, 12, -1])
    // From a capacity of 3, through several doublings.
    for v in 0..<100 { a.append(v) }
    #expect(a.count == 103)
    #expect(a.array == [7, 12, -1] + Array(0..<100))
    #expect(a.array(3..<6) == [0, 1, 2])
  }

  @Test("popLast takes the elements back in reverse, then nil")
  func popLast() {
    var a = UniqueArray<Int32>(capacity: 0)
    #expect(a.count == 0)
    a.append(1)
    a.append(2)
    #expect(a.popLast() == 2)
    #expect(a.popLast() == 1)
    #expect(a.popLast() == nil)
    #expect(a.count == 0)
  }

  @Test("a struct element changed field by field in place")
  func fieldsInPlace() {
    var a = UniqueArray(repeating: Occupancy(), count: 2)
    a[1].change(by: 2, at: 0)
    a[1].change(by: -1, at: 30)
    // 2 busy for 30 minutes: 60 staff-minutes, one busy now.
    #expect(a[1].area == 60)
    #expect(a[1].level == 1)
    #expect(a[0].area == 0)
  }

  @Test("the elements are released with the array and when popped")
  func releasesElements() {
    final class Box {}
    weak var kept: Box?
    weak var popped: Box?
    do {
      var a = UniqueArray<Box>(capacity: 1)
      let first = Box()
      let second = Box()
      kept = first
      popped = second
      a.append(first)
      a.append(second)
      _ = a.popLast()
      #expect(a.count == 1)
    }
    #expect(kept == nil)
    #expect(popped == nil)
  }

  @Test("a one-owner table reads and writes by row and column, and copies out as a Table")
  func table() {
    var t = UniqueTable(rows: 2, columns: 3, repeating: 0)
    t[0, 2] += 4
    t[1, 0] = 9
    #expect(t[0, 2] == 4)
    #expect(t.table.storage == [0, 0, 4, 9, 0, 0])
    #expect(t.table.rows == 2 && t.table.columns == 3)
  }

  @Test("an index out of range traps, as with Array: a row past the end, a negative column, a slot")
  func outOfRangeTraps() async {
    await #expect(processExitsWith: .failure) {
      var t = UniqueTable(rows: 2, columns: 3, repeating: 0)
      t[2, 0] = 1
    }
    // A row whose offset wraps around to a cell in range (2^62 × 4 is 0 in wrapping arithmetic).
    await #expect(processExitsWith: .failure) {
      var t = UniqueTable(rows: 2, columns: 4, repeating: 0)
      t[1 << 62, 0] = 1
    }
    await #expect(processExitsWith: .failure) {
      let t = UniqueTable(rows: 2, columns: 3, repeating: 0)
      _ = t[0, -1]
    }
    await #expect(processExitsWith: .failure) {
      var a = UniqueArray<Int>(repeating: 0, count: 4)
      a[4] = 1
    }
  }

  @Test("a copy has storage of its own: writes to one leave the other as it was")
  func copy() {
    var a = UniqueArray<Int>(capacity: 2)
    for i in 0..<5 { a.append(i * 10) }
    var b = a.copy()
    b[0] = -1
    b.append(50)
    a[4] = 99
    #expect(a.array == [0, 10, 20, 30, 99] && b.array == [-1, 10, 20, 30, 40, 50])
    var t = UniqueTable(rows: 2, columns: 2, repeating: 1)
    let u = t.copy()
    t[1, 1] = 7
    #expect(t.table[1, 1] == 7 && u.table[1, 1] == 1)
  }

  @Test("a heap with one element replaced or removed still gives its elements in order")
  func heapReplace() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      var heap = BinaryHeap<Int>()
      var values = (0..<Int.random(in: 1...40, using: &rng)).map { $0 * 3 }.shuffled(using: &rng)
      for v in values { heap.insert(v) }
      let target = values.randomElement(using: &rng)!
      let remove = Bool.random(using: &rng)
      let replacement = target + 1
      #expect(
        heap.replaceFirst {
          $0 == target
        } with: { _ in
          remove ? nil : replacement
        })
      values.removeAll { $0 == target }
      if !remove { values.append(replacement) }
      var out: [Int] = []
      while let v = heap.popMin() { out.append(v) }
      #expect(out == values.sorted())
    }
    var empty = BinaryHeap<Int>()
    #expect(
      !empty.replaceFirst { _ in
        true
      } with: {
        $0
      })
  }
}
