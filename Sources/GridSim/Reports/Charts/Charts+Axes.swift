import Foundation

// MARK: round ticks for a measure

extension Charts {
  /// Steps of a duration axis in the unit it is shown in: minutes by 1, 2, 5, 10, 15, 30 or 60
  /// (0, 15, 30, 45, 60 min), hours by ½, 1, 2, 3, 6 or 12; days 1, 2 or 5 × 10^k, at least 0.1.
  private static let minuteSteps: [Double] = [1, 2, 5, 10, 15, 30, 60]
  private static let hourSteps: [Double] = [0.5, 1, 2, 3, 6, 12, 24]

  /// Round ticks covering `lo...hi` for values of `unit`, about `count` intervals: shares on 1, 2
  /// or 5 × 10^k percent (88, 90, 92%), durations by the steps of the unit they are shown in (see
  /// ``label(_:unit:lo:hi:language:)``), counts 1, 2 or 5 × 10^k. Shares stay within 0-100% and
  /// durations and counts at or above 0 when the values do.
  ///
  /// - Complexity: O(number of ticks).
  static func ticks(from lo: Double, to hi: Double, unit: Measure.Unit?, count: Int = 4) -> [Double] {
    switch unit {
    case .minutes:
      let shown = NumberText.unit(forMinutes: max(abs(lo), abs(hi)))
      let steps = shown.name == "min" ? minuteSteps : shown.name == "h" ? hourSteps : []
      return LinearScale.ticks(
        from: lo / shown.minutes, to: hi / shown.minutes, count: count, steps: steps, minimumStep: 0.1
      ).map { $0 * shown.minutes }
    // Labels show a share to 0.1% and a count to one decimal: no finer steps.
    case .share: return LinearScale.ticks(from: lo, to: hi, count: count, minimumStep: 0.001)
    case .items: return LinearScale.ticks(from: lo, to: hi, count: count, minimumStep: 0.1)
    case nil: return LinearScale.ticks(from: lo, to: hi, count: count, minimumStep: 1)
    }
  }

  /// A tick's label: shares as percents, durations in the one unit that suits the axis' range
  /// (`lo...hi`), counts as numbers.
  static func label(_ value: Double, unit: Measure.Unit?, lo: Double, hi: Double, language: ReportLanguage)
    -> String
  {
    guard let unit else { return Format.count(value) }
    return language.measure(value, unit, scale: max(abs(lo), abs(hi)))
  }

  // MARK: points along an axis

  /// The room the rows of ``pointRows(_:keys:values:x0:x1:y:size:)`` take below the axis.
  static func pointRowsHeight(keys: Int) -> Double { Double(keys) * 15 + 10 }

  /// The left margin that fits each key's name before its row (at most 240).
  static func pointRowsLeft(keys: [String], size: Double = 9.5) -> Double {
    min(240, max(left, (keys.map { SVG.estimatedWidth($0, size: size) }.max() ?? 0) + 14))
  }

  /// The labels of points along a categorical axis from `x0` to `x1`: one row per key under the
  /// axis at `y`, the key's name before it; a run of points with the same values of this key and
  /// those above is one label centred over the run, with a tick between runs. A label too long
  /// for its room is cut in the middle (`…`) with the full value as its tooltip, or left out when
  /// not even that fits; a key's name likewise within the left margin. No label is rotated, none
  /// leaves the chart or overlaps another.
  ///
  /// - Complexity: O(points × keys).
  static func pointRows(
    _ svg: inout SVG, keys: [String], values: [[String]], x0: Double, x1: Double, y: Double,
    size: Double = 9.5
  ) {
    let n = values.count
    guard n > 0 else { return }
    let step = (x1 - x0) / Double(n)
    for (k, key) in keys.enumerated() {
      let rowY = y + 17 + Double(k) * 15
      let keyRoom = x0 - 10
      if let shown = SVG.abbreviated(key, width: keyRoom, size: size) {
        svg.text(
          x0 - 6, rowY, shown, size: size, anchor: .end, bold: true, fill: "#222",
          title: shown == key ? nil : key)
      }
      var start = 0
      for i in 1...n {
        let same =
          i < n && values[i].count > k && values[start].count > k
          && (0...k).allSatisfy { values[i][$0] == values[start][$0] }
        if same { continue }
        let a = x0 + Double(start) * step
        let b = x0 + Double(i) * step
        let value = values[start].count > k ? values[start][k] : ""
        if let shown = SVG.abbreviated(value, width: b - a - 4, size: size) {
          svg.text(
            (a + b) / 2, rowY, shown, size: size, anchor: .middle, fill: "#222",
            title: shown == value ? nil : value)
        }
        if i < n { svg.line(b, rowY - 10, b, rowY + 3, stroke: "#bbb", width: 0.6) }
        start = i
      }
    }
  }

  /// A value axis with round ticks for a measure: gridlines across `x0...x1`, labels at the left.
  static func measureAxis(
    _ svg: inout SVG, ticks: [Double], scale: LinearScale, unit: Measure.Unit?, x0: Double, x1: Double,
    language: ReportLanguage
  ) {
    let (lo, hi) = (ticks.first ?? 0, ticks.last ?? 1)
    for t in ticks {
      let y = scale(t)
      svg.line(x0, y, x1, y, stroke: "#e0e0e0", width: 0.6)
      svg.line(x0 - 4, y, x0, y, stroke: "#999")
      svg.text(
        x0 - 6, y + 3.5, label(t, unit: unit, lo: lo, hi: hi, language: language), size: 9.5, anchor: .end,
        fill: "#444")
    }
  }

  // MARK: a daily chart drawn by a page's script

  /// Where a page's script puts a day's value in a chart of ``dailyFrame(days:firstDay:lo:hi:unit:axisLabel:series:language:id:title:)``.
  struct DailyGeometry: Sendable {
    /// The x of day 0's left edge and the width of a day; the y of `lo` and of `hi`.
    var x0: Double
    var step: Double
    var yLow: Double
    var yHigh: Double
    var lo: Double
    var hi: Double
  }

  /// A daily chart's frame, for a page's script to draw its lines into: the days with holidays
  /// shaded and the warm-up dotted, a value axis with round ticks over `lo...hi` (the ticks'
  /// ends become the domain), a legend, and one empty path per series (`id`).
  static func dailyFrame(
    days: [Summary.Day], firstDay: Int, lo: Double, hi: Double, unit: Measure.Unit?, axisLabel: String,
    series: [(id: String, label: String, stroke: String, dash: String?)], language: ReportLanguage,
    id: String, title: String
  ) -> (svg: String, geometry: DailyGeometry) {
    let axis = DayAxis(days: days, firstDay: firstDay)
    // The legend wraps onto as many lines as it needs.
    var legend: [[(String, String, String?, Double)]] = [[]]
    var x = left
    for s in series {
      let w = 34 + SVG.estimatedWidth(s.label, size: 11) + 16
      if x + w > width - right, !legend[legend.count - 1].isEmpty {
        legend.append([])
        x = left
      }
      legend[legend.count - 1].append((s.label, s.stroke, s.dash, x))
      x += w
    }
    let y0 = 24 + Double(legend.count) * 16
    let y1 = y0 + 190
    var svg = SVG(width: width, height: y1 + 24, id: id)
    for (row, items) in legend.enumerated() {
      let y = 14 + Double(row) * 16
      for (label, stroke, dash, lx) in items {
        svg.line(lx, y, lx + 28, y, stroke: stroke, width: 1.8, dash: dash)
        svg.text(lx + 32, y + 4, label, size: 11)
      }
    }
    let ticks = Self.ticks(from: lo, to: hi, unit: unit, count: 4)
    let (a, b) = (ticks.first ?? lo, ticks.last ?? hi)
    let scale = LinearScale(domain: (a, b), range: (y1, y0))
    axis.bands(&svg, top: y0, bottom: y1)
    measureAxis(&svg, ticks: ticks, scale: scale, unit: unit, x0: axis.x0, x1: axis.x1, language: language)
    svg.line(axis.x0, y0, axis.x0, y1)
    svg.text(14, (y0 + y1) / 2, axisLabel, size: 10, anchor: .middle, rotate: -90)
    for s in series { svg.placeholder(id: s.id, stroke: s.stroke, dash: s.dash) }
    axis.axis(&svg, y: y1, language: language)
    return (
      svg.rendered(title: title),
      DailyGeometry(x0: axis.x0, step: axis.step, yLow: y1, yHigh: y0, lo: a, hi: b)
    )
  }
}
