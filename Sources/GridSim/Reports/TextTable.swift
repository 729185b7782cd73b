/// A plain-text table whose columns line up in a terminal, Chinese names included (a CJK character
/// takes two columns).
package struct TextTable: Sendable {
  /// Column headers.
  package var headers: [String]
  /// Rows of cells; a row shorter than the headers is padded with blanks.
  package var rows: [[String]] = []
  /// Columns aligned to the left (the others to the right, as numbers are).
  package var leftAligned: Set<Int> = [0]

  /// Creates a table with headers.
  package init(headers: [String]) { self.headers = headers }

  /// The table as lines of text, headers first, with two spaces between columns.
  package func rendered(indent: String = "") -> String {
    let all = [headers] + rows
    var widths = Array(repeating: 0, count: headers.count)
    for row in all {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], displayWidth(cell))
      }
    }
    var out = ""
    for row in all {
      var line = indent
      for i in 0..<headers.count {
        let cell = i < row.count ? row[i] : ""
        let pad = String(repeating: " ", count: widths[i] - displayWidth(cell))
        line += leftAligned.contains(i) ? cell + pad : pad + cell
        if i + 1 < headers.count { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}

/// Columns a string takes in a terminal: 2 for East Asian wide and full-width characters, 1 otherwise.
package func displayWidth(_ s: String) -> Int {
  s.unicodeScalars.reduce(0) { total, scalar in
    let v = scalar.value
    let wide =
      (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    let zero = (0x0300...0x036F).contains(v) || v == 0x200B || (0xFE00...0xFE0F).contains(v)
    return total + (zero ? 0 : wide ? 2 : 1)
  }
}
