/// Text made safe for a terminal: control characters (other than line breaks and tabs), escape
/// sequences, and invisible characters that reorder or hide text (zero-width, bidirectional
/// controls) are written as `\u{1B}`, so that a scenario's names and values can neither drive the
/// terminal (clear it, retitle it) nor hide part of a message.
package enum TerminalText {
  package static func safe(_ text: String) -> String {
    // Most text needs no change: check first, without building a copy, and printable ASCII (most
    // reports) without decoding a scalar.
    let isPlainASCII = !text.utf8.contains { $0 >= 0x7F || ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) }
    if isPlainASCII { return text }
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// C0 and C1 controls but for line feed and tab, DEL, and format characters (category Cf: zero
  /// width, bidirectional overrides, the BOM).
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v == 0x0A || v == 0x09 { return false }
    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
    return v >= 0xAD && scalar.properties.generalCategory == .format
  }
}
