/// A JSON5 parser (https://spec.json5.org) that keeps source positions.
///
/// Accepts everything `JSONDecoder` accepts with `allowsJSON5` (comments, trailing commas, unquoted
/// keys, single-quoted strings, hexadecimal numbers, leading or trailing decimal points, `Infinity`
/// and `NaN`), and refuses, with a line and column, what would make a scenario ambiguous: duplicate
/// keys and nesting deeper than ``maximumDepth``. It never traps on any input.
package struct JSON5Parser {
  /// A syntax error: where it is and what was wrong.
  package struct SyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the problem in the source.
    package var offset: Int
    /// What was expected and what was found.
    package var message: String
  }

  /// The deepest nesting of arrays and objects accepted.
  package static let maximumDepth = 64

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  /// Parses UTF-8 text.
  /// - Complexity: O(n) in the length of the text.
  package static func parse(_ text: String) throws(SyntaxError) -> JSON5Value {
    var parser = JSON5Parser(bytes: Array(text.utf8))
    parser.skipSpace()
    let value = try parser.parseValue()
    try parser.skipSpaceChecked()
    if parser.index < parser.bytes.count {
      throw SyntaxError(
        offset: parser.index,
        message: "expected the end of the file after the top-level value, found \(parser.describeHere())")
    }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  // MARK: values

  private mutating func parseValue() throws(SyntaxError) -> JSON5Value {
    guard index < bytes.count else {
      throw SyntaxError(offset: index, message: "expected a value, found the end of the file")
    }
    let start = index
    switch bytes[index] {
    case UInt8(ascii: "{"): return JSON5Value(kind: try parseObject(), offset: start)
    case UInt8(ascii: "["): return JSON5Value(kind: try parseArray(), offset: start)
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return JSON5Value(kind: .string(try parseString()), offset: start)
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSON5Value(kind: try parseNumber(), offset: start)
    default:
      let word = identifierText()
      switch word {
      case "null": return JSON5Value(kind: .null, offset: start)
      case "true": return JSON5Value(kind: .bool(true), offset: start)
      case "false": return JSON5Value(kind: .bool(false), offset: start)
      case "Infinity", "NaN":
        index = start
        return JSON5Value(kind: try parseNumber(), offset: start)
      default:
        index = start
        throw SyntaxError(
          offset: start,
          message:
            "expected a value (object, list, string, number, true, false or null), found \(describeHere())")
      }
    }
  }

  private mutating func enter() throws(SyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw SyntaxError(offset: index, message: "nesting is deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func parseObject() throws(SyntaxError) -> JSON5Value.Kind {
    try enter()
    index += 1  // {
    var members: [JSON5Value.Member] = []
    var seen: Set<String> = []
    while true {
      try skipSpaceChecked()
      guard index < bytes.count else {
        throw SyntaxError(offset: index, message: "expected a key or '}', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: "}") { index += 1; break }
      let keyOffset = index
      let key: String
      if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
        key = try parseString()
      } else {
        key = identifierText()
        if key.isEmpty {
          throw SyntaxError(offset: index, message: "expected a key or '}', found \(describeHere())")
        }
      }
      if !seen.insert(key).inserted {
        throw SyntaxError(offset: keyOffset, message: "the key '\(key)' appears twice in the same object")
      }
      try skipSpaceChecked()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw SyntaxError(
          offset: index, message: "expected ':' after the key '\(key)', found \(describeHere())")
      }
      index += 1
      try skipSpaceChecked()
      let value = try parseValue()
      members.append(.init(key: key, keyOffset: keyOffset, value: value))
      try skipSpaceChecked()
      guard index < bytes.count else {
        throw SyntaxError(offset: index, message: "expected ',' or '}', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "}") { index += 1; break }
      throw SyntaxError(
        offset: index, message: "expected ',' or '}' after the value of '\(key)', found \(describeHere())")
    }
    depth -= 1
    return .object(members)
  }

  private mutating func parseArray() throws(SyntaxError) -> JSON5Value.Kind {
    try enter()
    index += 1  // [
    var items: [JSON5Value] = []
    while true {
      try skipSpaceChecked()
      guard index < bytes.count else {
        throw SyntaxError(offset: index, message: "expected a value or ']', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: "]") { index += 1; break }
      items.append(try parseValue())
      try skipSpaceChecked()
      guard index < bytes.count else {
        throw SyntaxError(offset: index, message: "expected ',' or ']', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "]") { index += 1; break }
      throw SyntaxError(offset: index, message: "expected ',' or ']' in a list, found \(describeHere())")
    }
    depth -= 1
    return .array(items)
  }

  // MARK: strings

  private mutating func parseString() throws(SyntaxError) -> String {
    let quote = bytes[index]
    let start = index
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flush(_ upTo: Int, into scalars: inout String.UnicodeScalarView) {
      if upTo > runStart {
        scalars.append(contentsOf: String(decoding: bytes[runStart..<upTo], as: UTF8.self).unicodeScalars)
      }
    }
    while true {
      guard index < bytes.count else {
        throw SyntaxError(
          offset: start, message: "this string is not closed: expected a closing \(quote == 34 ? "\"" : "'")")
      }
      let b = bytes[index]
      if b == quote {
        flush(index, into: &scalars)
        index += 1
        return String(scalars)
      }
      if b == 0x0A || b == 0x0D {
        throw SyntaxError(
          offset: index, message: "a string cannot run over a line end; close it or write \\n")
      }
      if b != UInt8(ascii: "\\") { index += 1; continue }
      flush(index, into: &scalars)
      index += 1
      guard index < bytes.count else { continue }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "v"): scalars.append("\u{0B}")
      case UInt8(ascii: "0"): scalars.append("\u{00}")
      case 0x0A: break  // line continuation
      case 0x0D:
        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
      case UInt8(ascii: "x"):
        let value = try hexDigits(2)
        scalars.append(Unicode.Scalar(UInt8(value)))
      case UInt8(ascii: "u"):
        var value = try hexDigits(4)
        if (0xD800...0xDBFF).contains(value), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          let low = try hexDigits(4)
          guard (0xDC00...0xDFFF).contains(low) else {
            throw SyntaxError(
              offset: index - 6, message: "expected a low surrogate after \\u\(String(value, radix: 16))")
          }
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else {
          throw SyntaxError(
            offset: index - 6, message: "\\u\(String(value, radix: 16)) is not a Unicode character")
        }
        scalars.append(scalar)
      default:
        // Any other escaped character stands for itself (\" \' \\ \/ and the rest).
        index -= 1
        let charStart = index
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        scalars.append(contentsOf: String(decoding: bytes[charStart..<index], as: UTF8.self).unicodeScalars)
      }
      runStart = index
    }
  }

  private mutating func hexDigits(_ count: Int) throws(SyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<count {
      guard index < bytes.count, let digit = hexValue(bytes[index]) else {
        throw SyntaxError(
          offset: index, message: "expected \(count) hexadecimal digits in an escape, found \(describeHere())"
        )
      }
      value = value * 16 + UInt32(digit)
      index += 1
    }
    return value
  }

  private func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  // MARK: numbers

  private mutating func parseNumber() throws(SyntaxError) -> JSON5Value.Kind {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    let word = identifierText()
    if word == "Infinity" {
      return .number(negative ? -.infinity : .infinity, text: text(from: start))
    }
    if word == "NaN" { return .number(.nan, text: text(from: start)) }
    if !word.isEmpty, !(word.first!.isNumber) {
      index = start
      throw SyntaxError(offset: start, message: "expected a number, found \(describeHere())")
    }
    index = start + (negative || bytes[start] == UInt8(ascii: "+") ? 1 : 0)
    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0"),
      bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X")
    {
      index += 2
      var value: Double = 0
      let digitsStart = index
      while index < bytes.count, let d = hexValue(bytes[index]) {
        value = value * 16 + Double(d)
        index += 1
      }
      if index == digitsStart {
        throw SyntaxError(
          offset: index, message: "expected hexadecimal digits after 0x, found \(describeHere())")
      }
      try checkNumberEnd(start)
      return .number(negative ? -value : value, text: text(from: start))
    }
    var sawDigit = false
    while index < bytes.count, isDigit(bytes[index]) { index += 1; sawDigit = true }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < bytes.count, isDigit(bytes[index]) { index += 1; sawDigit = true }
    }
    guard sawDigit else {
      throw SyntaxError(offset: start, message: "expected a number, found \(describe(at: start))")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      let expStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      if index == expStart {
        throw SyntaxError(offset: index, message: "expected digits in the exponent, found \(describeHere())")
      }
    }
    try checkNumberEnd(start)
    var literal = text(from: start)
    if literal.hasPrefix("+") { literal.removeFirst() }
    if literal.hasSuffix(".") { literal += "0" }
    if literal.hasPrefix(".") { literal = "0" + literal }
    if literal.hasPrefix("-.") { literal = "-0" + literal.dropFirst() }
    // Double(String) handles huge and tiny literals without trapping (giving ±inf or 0).
    guard let value = Double(literal) else {
      throw SyntaxError(offset: start, message: "expected a number, found \(text(from: start))")
    }
    return .number(value, text: text(from: start))
  }

  private mutating func checkNumberEnd(_ start: Int) throws(SyntaxError) {
    if index < bytes.count, isIdentifierByte(bytes[index]) {
      throw SyntaxError(
        offset: start,
        message: "expected a number, found \(describe(at: start)); a value with letters needs quotes")
    }
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  // MARK: identifiers, space, comments

  private func isIdentifierByte(_ b: UInt8) -> Bool {
    b >= 0x80 || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
      || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
      || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
      || isDigit(b)
  }

  /// Reads an unquoted identifier (ASCII letters, digits, `_`, `$`, and any non-ASCII letter).
  private mutating func identifierText() -> String {
    let start = index
    while index < bytes.count, isIdentifierByte(bytes[index]) {
      if bytes[index] >= 0x80, isUnicodeSpace(at: index) != nil { break }
      index += 1
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private func text(from start: Int) -> String {
    String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
  }

  /// Length of a non-ASCII white-space character at `i` (NBSP, BOM, line and paragraph separators...).
  private func isUnicodeSpace(at i: Int) -> Int? {
    let b = bytes[i]
    if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
    if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return 3 }
    if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, (0xA8...0xA9).contains(bytes[i + 2]) { return 3 }
    // U+3000, the ideographic space.
    if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
    return nil
  }

  private mutating func skipSpace() { try? skipSpaceChecked() }

  private mutating func skipSpaceChecked() throws(SyntaxError) {
    while index < bytes.count {
      let b = bytes[index]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C {
        index += 1
      } else if b >= 0x80, let n = isUnicodeSpace(at: index) {
        index += n
      } else if b == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      } else if b == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
        let start = index
        index += 2
        while index + 1 < bytes.count,
          !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
        {
          index += 1
        }
        guard index + 1 < bytes.count else {
          throw SyntaxError(offset: start, message: "this comment is not closed: expected '*/'")
        }
        index += 2
      } else {
        return
      }
    }
  }

  private func describeHere() -> String { describe(at: index) }

  private func describe(at offset: Int) -> String {
    guard offset < bytes.count else { return "the end of the file" }
    var end = offset
    while end < bytes.count, end - offset < 12, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
  }
}
