/// Small CSV helpers (RFC 4180).
package enum CSV {
  /// A field, quoted when it holds a comma, a quote or a line break. Text that a spreadsheet would
  /// take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, and not a
  /// number) gets a leading `'`, so that a name such as `=HYPERLINK(...)` stays text.
  package static func field(_ s: String) -> String {
    var s = s
    // Bytes, not characters: ledgers write millions of fields.
    if let first = s.utf8.first,
      first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09
        || first == 0x0D, Double(s) == nil
    {
      s = "'" + s
    }
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A row of fields, with a line break.
  package static func row(_ fields: [String]) -> String {
    var out = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { out += "," }
      out += field(f)
    }
    return out + "\n"
  }

  /// Splits CSV text into rows of fields (quoted fields may hold commas, quotes and line breaks).
  /// Nil, with the 1-based line, when a quote is not closed.
  package static func parse(_ text: String) -> Result<[[String]], CSVError> {
    parseLines(text).map { $0.map(\.fields) }
  }

  /// Splits CSV text into rows, each with the line it starts on (1-based).
  package static func parseLines(_ text: String) -> Result<[(line: Int, fields: [String])], CSVError> {
    var rows: [(line: Int, fields: [String])] = []
    if let error = forEachRow(text, { rows.append(($0, $1)) }) { return .failure(error) }
    return .success(rows)
  }

  /// Calls `body` with each row and the line it starts on (1-based), one row at a time (a log of a
  /// million rows is never held as fields); the error when a quote is not closed.
  package static func forEachRow(_ text: String, _ body: (Int, [String]) -> Void) -> CSVError? {
    var rowLine = 1
    var row: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var openedAt = 1
    var fieldStarted = false
    var iterator = text.unicodeScalars.makeIterator()
    var current = iterator.next()
    if current == "\u{FEFF}" { current = iterator.next() }
    while let c = current {
      var next = iterator.next()
      if quoted {
        if c == "\"" {
          if next == "\"" {
            field.unicodeScalars.append("\"")
            next = iterator.next()
          } else {
            quoted = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" && !fieldStarted {
        quoted = true
        fieldStarted = true
        openedAt = line
      } else if c == "," {
        row.append(field)
        field = ""
        fieldStarted = false
      } else if c == "\n" || c == "\r" {
        if c == "\r", next == "\n" { next = iterator.next() }
        row.append(field)
        body(rowLine, row)
        row.removeAll(keepingCapacity: true)
        field = ""
        fieldStarted = false
        line += 1
        rowLine = line
      } else {
        field.unicodeScalars.append(c)
        fieldStarted = true
      }
      current = next
    }
    if quoted { return CSVError(line: openedAt, message: "a quoted field is not closed") }
    if fieldStarted || !row.isEmpty {
      row.append(field)
      body(rowLine, row)
    }
    return nil
  }
}

/// A CSV file that cannot be split into fields.
package struct CSVError: Error, Sendable {
  package var line: Int
  package var message: String
}
