/// Values indexed by two small numbers (a tier and a category, a category and a severity, a leaf
/// and a tier, a day and a tier), stored densely in one array, row after row: `table[row, column]`
/// instead of index arithmetic at every use. Each table says in its documentation what its rows
/// and columns are.
package struct Table<Element: Sendable>: Sendable {
  /// Number of rows and of columns.
  package let rows: Int
  package let columns: Int
  /// The values, row after row.
  package private(set) var storage: [Element]

  /// A table of `rows` × `columns` copies of `value`.
  package init(rows: Int, columns: Int, repeating value: Element) {
    self.rows = rows
    self.columns = columns
    storage = Array(repeating: value, count: rows * columns)
  }

  /// A table whose cell (r, c) is `value(r, c)`.
  package init(rows: Int, columns: Int, _ value: (_ row: Int, _ column: Int) -> Element) {
    self.rows = rows
    self.columns = columns
    var storage: [Element] = []
    storage.reserveCapacity(rows * columns)
    for r in 0..<rows {
      for c in 0..<columns { storage.append(value(r, c)) }
    }
    self.storage = storage
  }

  /// A table over values given row after row.
  package init(rows: Int, columns: Int, storage: [Element]) {
    precondition(storage.count == rows * columns, "a table of \(rows) × \(columns) needs that many values")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// The value at `row`, `column`.
  /// - Complexity: O(1).
  @inline(__always)
  package subscript(row: Int, column: Int) -> Element {
    get {
      assert(column >= 0 && column < columns, "column \(column) of a table of \(columns)")
      return storage[row * columns + column]
    }
    set {
      assert(column >= 0 && column < columns, "column \(column) of a table of \(columns)")
      storage[row * columns + column] = newValue
    }
  }
}

extension Table: FlatCodable where Element: FlatCodable {
  package func write(to out: inout FlatWriter) {
    out.write(rows)
    out.write(columns)
    out.write(storage)
  }

  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    let rows = try input.read(Int.self)
    let columns = try input.read(Int.self)
    let storage = try input.read([Element].self)
    guard rows >= 0, columns >= 0, rows.multipliedReportingOverflow(by: columns) == (storage.count, false)
    else {
      throw FlatReader.Failure(offset: input.offset)
    }
    self.init(rows: rows, columns: columns, storage: storage)
  }
}
