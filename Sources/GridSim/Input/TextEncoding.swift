import Foundation

/// The encodings gridsim reads spreadsheet files (CSV) in: what Excel and WPS write on Chinese
/// Windows ("CSV" is GB18030 there, "CSV UTF-8" has a byte-order mark) and what everything else
/// writes.
package enum TextEncoding: String, Sendable, Equatable, CaseIterable {
  case utf8 = "UTF-8"
  case utf8BOM = "UTF-8 with BOM"
  case gb18030 = "GB18030"

  /// Foundation's name for GB18030 (`kCFStringEncodingGB_18030_2000`), decoded by ICU.
  static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

  /// The text of `bytes` and the encoding it was read in: UTF-8 when every byte is (a leading
  /// byte-order mark dropped), else GB18030 when every byte sequence is well formed in it. Nil,
  /// with the offset of the first byte that is neither, otherwise.
  package static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: TextEncoding), Undecodable>
  {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let body = Array(bytes.dropFirst(3))
      if let bad = InputFile.firstInvalidUTF8(body) {
        return .failure(Undecodable(bytes: bytes, offset: bad + 3))
      }
      return .success((String(decoding: body, as: UTF8.self), .utf8BOM))
    }
    guard let badUTF8 = InputFile.firstInvalidUTF8(bytes) else {
      return .success((String(decoding: bytes, as: UTF8.self), .utf8))
    }
    if let bad = firstInvalidGB18030(bytes) {
      // Report where the file stops being the encoding it most looks like.
      return .failure(Undecodable(bytes: bytes, offset: max(bad, badUTF8)))
    }
    guard let text = String(data: Data(bytes), encoding: foundationGB18030) else {
      return .failure(Undecodable(bytes: bytes, offset: badUTF8))
    }
    return .success((text, .gb18030))
  }

  /// The bytes of `text` in this encoding (for tests and round trips); nil when a character has
  /// no GB18030 form (none has: GB18030 covers all of Unicode).
  package func encode(_ text: String) -> [UInt8]? {
    switch self {
    case .utf8: Array(text.utf8)
    case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case .gb18030: text.data(using: Self.foundationGB18030).map { Array($0) }
    }
  }

  /// Where a file stops being UTF-8 or GB18030 text.
  package struct Undecodable: Error, Sendable, Equatable {
    /// 1-based line of the bad byte.
    package var line: Int
    /// 1-based offset of the bad byte in the file.
    package var byte: Int

    init(bytes: [UInt8], offset: Int) {
      var line = 1
      for b in bytes[..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
      self.line = line
      self.byte = offset + 1
    }
  }

  /// The offset of the first byte that does not start or continue a well-formed GB18030 sequence
  /// (one byte 00-7F; two bytes 81-FE then 40-7E or 80-FE; four bytes 81-FE, 30-39, 81-FE,
  /// 30-39); nil when all do.
  static func firstInvalidGB18030(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      guard b >= 0x81, b <= 0xFE, i + 1 < n else { return i }
      let second = bytes[i + 1]
      if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
        i += 2
      } else if (0x30...0x39).contains(second) {
        guard i + 3 < n else { return i }
        guard (0x81...0xFE).contains(bytes[i + 2]) else { return i + 2 }
        guard (0x30...0x39).contains(bytes[i + 3]) else { return i + 3 }
        i += 4
      } else {
        return i + 1
      }
    }
    return nil
  }
}

extension InputFile {
  /// The text of a spreadsheet file (CSV) at `path`, in UTF-8 (with or without a byte-order mark)
  /// or GB18030, and which it was.
  package static func readSpreadsheet(_ path: String, checkRoot: Bool = false) -> Result<
    (text: String, encoding: TextEncoding), ReadProblem
  > {
    switch readBytes(path, checkRoot: checkRoot) {
    case .failure(let problem): return .failure(problem)
    case .success(let bytes):
      switch TextEncoding.decode(bytes) {
      case .success(let decoded): return .success(decoded)
      case .failure(let bad): return .failure(.notText(line: bad.line, byte: bad.byte))
      }
    }
  }
}
