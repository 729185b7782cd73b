/// A text file as read from disk, with a table for turning byte offsets into lines and columns.
package struct SourceFile: Sendable {
  /// The path as the user gave it; used in messages.
  package var path: String
  /// The whole text.
  package var text: String
  private var lineStarts: [Int]
  private var bytes: [UInt8]

  /// Creates a source file from text.
  package init(path: String, text: String) {
    self.path = path
    self.text = text
    self.bytes = Array(text.utf8)
    // Line ends: LF, CR LF, a lone CR (old Mac files), and U+2028/U+2029 (E2 80 A8/A9), as the
    // JSON5 reader counts them.
    var starts = [0]
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x0A {
        starts.append(i + 1)
      } else if b == 0x0D {
        if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        starts.append(i + 1)
      } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
        bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9
      {
        i += 2
        starts.append(i + 1)
      }
      i += 1
    }
    self.lineStarts = starts
  }

  /// The 1-based line and column (in characters) of a byte offset.
  /// - Complexity: O(log lines + column).
  package func position(ofOffset offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
    }
    let lineStart = lineStarts[lo]
    let column = String(decoding: bytes[lineStart..<clamped], as: UTF8.self).count + 1
    return (lo + 1, column)
  }
}
