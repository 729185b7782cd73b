/// A JSON document built in code, written with keys in the order given and numbers rounded to six
/// significant digits, so that reports are stable and diff well.
public indirect enum JSONNode: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONNode])
  case object([(String, JSONNode)])

  /// Two documents are equal when they render to the same text (numbers as rounded).
  public static func == (a: JSONNode, b: JSONNode) -> Bool { a.rendered() == b.rendered() }

  /// A number, or null when it is nil or not finite.
  package static func number(_ value: Double?) -> JSONNode {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// The document as text with two-space indentation and a final newline.
  public func rendered() -> String {
    var out = ""
    write(to: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let d): out += Self.format(d)
    case .string(let s): Self.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Short lists of scalars stay on one line.
      if items.count <= 8, items.allSatisfy(\.isScalar) {
        out += "["
        for (i, item) in items.enumerated() {
          if i > 0 { out += ", " }
          item.write(to: &out, indent: indent)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += Self.indentation(indent + 2)
        item.write(to: &out, indent: indent + 2)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += Self.indentation(indent) + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      // Small objects of scalars (an estimate: mean, low, high) stay on one line.
      if members.count <= 4, members.allSatisfy({ $0.1.isScalar }) {
        out += "{"
        for (i, (key, value)) in members.enumerated() {
          if i > 0 { out += ", " }
          Self.quote(key, into: &out)
          out += ": "
          value.write(to: &out, indent: indent)
        }
        out += "}"
        return
      }
      out += "{\n"
      for (i, (key, value)) in members.enumerated() {
        out += Self.indentation(indent + 2)
        Self.quote(key, into: &out)
        out += ": "
        value.write(to: &out, indent: indent + 2)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += Self.indentation(indent) + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// Six significant digits, no exponent for ordinary magnitudes, integers without a fraction.
  static func format(_ value: Double) -> String {
    if value == 0 { return "0" }
    // JSON has no infinity or NaN (and the magnitude loop below would not end on them).
    guard value.isFinite else { return "null" }
    let magnitude = Int((abs(value)).log10Floor)
    let decimals = Swift.max(0, 5 - magnitude)
    var scale = 1.0
    for _ in 0..<Swift.min(decimals, 15) { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return String(rounded)
  }

  /// Two spaces a level, made once.
  private static let indents = (0..<64).map { String(repeating: " ", count: $0) }

  private static func indentation(_ n: Int) -> String {
    n < indents.count ? indents[n] : String(repeating: " ", count: n)
  }

  /// `s` as a JSON string literal (also a JSON5 one).
  static func literal(_ s: String) -> String {
    var out = ""
    quote(s, into: &out)
    return out
  }

  private static func quote(_ s: String, into out: inout String) {
    out += "\""
    // Most strings need no escape: append them whole.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += s
      out += "\""
      return
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension Double {
  /// floor(log10(self)) for positive finite values, without Foundation.
  var log10Floor: Double {
    var m = 0.0
    var v = self
    while v >= 10 { v /= 10; m += 1 }
    while v < 1 { v *= 10; m -= 1 }
    return m
  }
}
