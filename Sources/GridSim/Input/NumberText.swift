/// Plain-number text shared by messages, target names and reports (English digits, no locale).
package enum NumberText {
  /// A whole number with thousands separators: `1,485,079`.
  package static func count(_ value: Double) -> String {
    let rounded = Int64(value.rounded())
    let digits = String(abs(rounded))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return (rounded < 0 ? "-" : "") + out
  }

  /// A number with at most `digits` decimals and at least two significant figures.
  package static func decimal(_ value: Double, digits: Int = 2) -> String {
    if value == 0 { return "0" }
    var places = digits
    var scaled = abs(value)
    while scaled < 10, places < 6 {
      scaled *= 10
      if scaled >= 1 && places >= digits { break }
      places += 1
    }
    return String(format2: value, digits: abs(value) >= 100 ? 1 : places)
  }

  /// The unit a duration is best shown in: minutes under 2 hours, hours under 3 days, else days.
  package static func unit(forMinutes minutes: Double) -> (name: String, minutes: Double) {
    if minutes < 120 { return ("min", 1) }
    if minutes < 3 * 1440 { return ("h", 60) }
    return ("days", 1440)
  }
}

extension String {
  /// A number with up to `digits` decimals and no trailing zeros.
  init(format2 value: Double, digits: Int = 2) {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var s = String(rounded)
    if s.hasSuffix(".0") { s.removeLast(2) }
    self = s
  }
}
