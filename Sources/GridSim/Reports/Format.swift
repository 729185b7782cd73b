/// Number formats shared by the text reports.
package enum Format {
  /// A whole number with thousands separators: `1,485,079`.
  package static func count(_ value: Double) -> String { NumberText.count(value) }

  /// A duration estimate: the mean, and ± half the 95% interval when there is one.
  package static func duration(_ estimate: Estimate?) -> String { ReportLanguage.english.duration(estimate) }

  /// A share 0-1 as a percentage: `97.3%`, with ± when there is an interval.
  package static func percent(_ estimate: Estimate?) -> String { ReportLanguage.english.percent(estimate) }

  /// A count estimate: the mean with separators (and one decimal below 10).
  package static func count(_ estimate: Estimate?) -> String {
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
  package static func measure(_ value: Double, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.measure(value, unit, scale: scale)
  }

  /// A signed difference of a measure: `+1.5 pt` (percentage points), `-2.0 h`, `+3.1`.
  package static func difference(_ value: Double, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.difference(value, unit, scale: scale ?? value)
  }

  /// An estimate with its interval: `97.1% (96.5 to 97.7%)`; just the mean without spread.
  package static func interval(_ e: Estimate?, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    ReportLanguage.english.interval(e, unit, scale: scale)
  }
}
