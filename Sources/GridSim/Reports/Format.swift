/// Number formats shared by the text reports.
public enum Format {
  /// A whole number with thousands separators: `1,485,079`.
  public static func count(_ value: Double) -> String {
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
  public static func decimal(_ value: Double, digits: Int = 2) -> String {
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
  public static func unit(forMinutes minutes: Double) -> (name: String, minutes: Double) {
    if minutes < 120 { return ("min", 1) }
    if minutes < 3 * 1440 { return ("h", 60) }
    return ("days", 1440)
  }

  /// A duration estimate: the mean, and ± half the 95% interval when there is one.
  public static func duration(_ estimate: Estimate?) -> String { ReportLanguage.english.duration(estimate) }

  /// A share 0-1 as a percentage: `97.3%`, with ± when there is an interval.
  public static func percent(_ estimate: Estimate?) -> String { ReportLanguage.english.percent(estimate) }

  /// A count estimate: the mean with separators (and one decimal below 10).
  public static func count(_ estimate: Estimate?) -> String {
    guard let estimate else { return "-" }
    if estimate.mean < 10, estimate.mean != estimate.mean.rounded() {
      return String(format2: estimate.mean, digits: 1)
    }
    return count(estimate.mean)
  }
}

extension Format {
  /// A figure of a measure in its unit: `97.1%`, `3.2 h`, `12.5`. Durations take the unit that
  /// suits `scale` (minutes), so that the figures of one row share a unit.
  public static func measure(_ value: Double, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.measure(value, unit, scale: scale)
  }

  /// A signed difference of a measure: `+1.5 pt` (percentage points), `-2.0 h`, `+3.1`.
  public static func difference(_ value: Double, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.difference(value, unit, scale: scale ?? value)
  }

  /// An estimate with its interval: `97.1% (96.5 to 97.7%)`; just the mean without spread.
  public static func interval(_ e: Estimate?, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.interval(e, unit, scale: scale)
  }
}
