import Foundation

/// The charts of the HTML report, each an SVG element drawn from a ``Summary``.
///
/// Every chart labels its axes with units and stays readable in black and white: series differ by
/// dash pattern, areas by gray level and hatching, and each chart's caption says how to read it.
enum Charts {
  static let width = 860.0
  static let left = 64.0
  static let right = 16.0
  static let dashes: [String?] = [nil, "7 4", "2 3", "10 3 2 3", "4 2"]

  // MARK: days

  /// Where day columns go across a plot, and the bands behind them (holidays, windows, warm-up).
  struct DayAxis {
    let days: [Summary.Day]
    let dayNumbers: [Int]
    let x0: Double
    let x1: Double

    init(_ summary: Summary, left: Double = Charts.left) {
      self.init(days: summary.days, firstDay: summary.start.dayNumber, left: left)
    }

    init(days: [Summary.Day], firstDay: Int, left: Double = Charts.left) {
      self.days = days
      dayNumbers = days.indices.map { firstDay + $0 }
      x0 = left
      x1 = Charts.width - Charts.right
    }

    var step: Double { (x1 - x0) / Double(max(days.count, 1)) }
    func x(_ d: Int) -> Double { x0 + Double(d) * step }

    /// Days that get a tick: Mondays over short periods, the first of each month over long ones.
    var ticks: [Int] {
      if days.count > 120 { return days.indices.filter { days[$0].date.hasSuffix("-01") } }
      return days.indices.filter { LocalDateTime.weekday(ofDay: dayNumbers[$0]) == 1 }
    }

    /// Runs of consecutive days in the same window: (first, end, name).
    var windows: [(Int, Int, String)] {
      var runs: [(Int, Int, String)] = []
      for (d, day) in days.enumerated() {
        guard let w = day.window else { continue }
        if let last = runs.last, last.1 == d, last.2 == w {
          runs[runs.count - 1].1 = d + 1
        } else {
          runs.append((d, d + 1, w))
        }
      }
      return runs
    }

    func bands(_ svg: inout SVG, top: Double, bottom: Double) {
      for (d, day) in days.enumerated() where day.kind == .holiday {
        svg.rect(x: x(d), y: top, width: step, height: bottom - top, fill: "#e2e2e2")
      }
      let hatch = svg.hatch("window", gray: 175)
      for (a, b, _) in windows {
        svg.rect(x: x(a), y: top, width: x(b) - x(a), height: bottom - top, fill: hatch)
      }
      let warm = days.firstIndex { !$0.warmUp } ?? days.count
      if warm > 0 {
        svg.rect(x: x(0), y: top, width: x(warm) - x(0), height: bottom - top, fill: svg.dots("warm"))
      }
    }

    func axis(_ svg: inout SVG, y: Double, language: ReportLanguage) {
      svg.line(x0, y, x1, y)
      for d in ticks {
        svg.line(x(d), y, x(d), y + 4)
        svg.text(x(d), y + 15, language.shortDate(days[d].date), size: 10, anchor: .middle)
      }
    }

    /// Each window's name at its first day; a name that would run into the one before goes on
    /// the next line down (three at most), one that fits on none is cut to the room before the next
    /// window, its whole name its tooltip.
    func windowLabels(_ svg: inout SVG, y: Double, language: ReportLanguage) {
      var ends: [Double] = []
      let runs = windows
      for (i, (a, _, name)) in runs.enumerated() {
        let text = language.window(name)
        // Bold text is about a tenth wider than the estimate.
        let width = SVG.estimatedWidth(text, size: 10) * 1.1
        let x = min(x(a) + 2, x1 - width)
        if let line = ends.firstIndex(where: { $0 + 4 <= x }) ?? (ends.count < 3 ? ends.count : nil) {
          if line == ends.count { ends.append(0) }
          ends[line] = x + width
          svg.text(x, y + Double(line) * 13, text, size: 10, bold: true, halo: true)
        } else {
          let room = (i + 1 < runs.count ? self.x(runs[i + 1].0) : x1) - x - 4
          if let cut = SVG.abbreviated(text, width: room / 1.1, size: 10) {
            svg.text(x, y, cut, size: 10, bold: true, halo: true, title: text)
          }
        }
      }
    }
  }

  /// A value axis on the left with gridlines.
  private static func valueAxis(
    _ svg: inout SVG, ticks: [Double], scale: LinearScale, label: String, top: Double, bottom: Double
  ) {
    for t in ticks {
      let y = scale(t)
      svg.line(left, y, width - right, y, stroke: "#d0d0d0", width: 0.6)
      svg.text(left - 5, y + 3.5, NumberText.decimal(t, digits: 0), size: 10, anchor: .end)
    }
    svg.line(left, top, left, bottom)
    svg.text(14, (top + bottom) / 2, label, size: 10, anchor: .middle, rotate: -90)
  }

  // MARK: arrivals against capacity

  /// Per tier: visits begun each day (bars) and the day's capacity (a stepped line).
  static func arrivals(_ summary: Summary, language: ReportLanguage, id: String) -> String {
    let axis = DayAxis(summary)
    let panel = 120.0
    let gap = 46.0
    let top = 34.0
    let height = top + Double(summary.tiers.count) * (panel + gap) + 10
    var svg = SVG(width: width, height: height, id: id)
    svg.rect(x: left, y: 6, width: 12, height: 10, fill: "#9a9a9a")
    svg.text(left + 16, 15, language.arrivals, size: 11)
    svg.line(left + 100, 11, left + 124, 11, width: 2)
    svg.text(left + 128, 15, language.capacity, size: 11)
    for (t, tier) in summary.tiers.enumerated() {
      let y0 = top + Double(t) * (panel + gap) + 18
      let y1 = y0 + panel
      let arrivals = summary.days.map { $0.arrivals[t] }
      let capacities = summary.days.map { $0.capacity[t] }
      let most = arrivals.max() ?? 0
      let capacityMost = capacities.compactMap { $0 }.max() ?? 0
      // Capacity far above the load would flatten the bars: cap the axis at three times the load.
      let ceiling = max(most * 1.1, min(capacityMost * 1.05, max(most, 1) * 3), 1)
      let ticks = LinearScale.ticks(upTo: ceiling, count: 4)
      let scale = LinearScale(domain: (0, ticks.last ?? ceiling), range: (y1, y0))
      svg.text(left, y0 - 6, tier.name, size: 12, bold: true)
      axis.bands(&svg, top: y0, bottom: y1)
      if t == 0 { axis.windowLabels(&svg, y: y0 + 11, language: language) }
      valueAxis(&svg, ticks: ticks, scale: scale, label: language.itemsPerDay, top: y0, bottom: y1)
      for (d, a) in arrivals.enumerated() where a > 0 {
        let y = scale(a)
        svg.rect(
          x: axis.x(d) + axis.step * 0.15, y: y, width: axis.step * 0.7, height: y1 - y, fill: "#9a9a9a",
          title: "\(summary.days[d].date): \(NumberText.decimal(a, digits: 1))")
      }
      let limit = ticks.last ?? ceiling
      var points: [(Double, Double)?] = []
      for (d, c) in capacities.enumerated() {
        guard let c else {
          points.append(nil)
          continue
        }
        let y = scale(min(c, limit))
        points.append((axis.x(d), y))
        points.append((axis.x(d + 1), y))
      }
      svg.polyline(points, width: 2)
      if capacityMost > limit {
        svg.text(
          width - right, y0 - 6, "\(language.capacity) ≤ \(Format.count(capacityMost))", size: 10,
          anchor: .end)
      }
      axis.axis(&svg, y: y1, language: language)
    }
    return svg.rendered(title: language.arrivalsChart)
  }

  // MARK: backlog

  /// End-of-day backlog per tier, one line each.
  static func backlog(_ summary: Summary, language: ReportLanguage, id: String) -> String {
    let axis = DayAxis(summary)
    let y0 = 40.0
    let y1 = 250.0
    var svg = SVG(width: width, height: y1 + 26, id: id)
    let most = summary.days.flatMap(\.backlog).max() ?? 0
    let ticks = LinearScale.ticks(upTo: max(most, 1), count: 5)
    let scale = LinearScale(domain: (0, ticks.last ?? 1), range: (y1, y0))
    axis.bands(&svg, top: y0, bottom: y1)
    axis.windowLabels(&svg, y: y0 + 11, language: language)
    valueAxis(&svg, ticks: ticks, scale: scale, label: language.items, top: y0, bottom: y1)
    var legendX = left
    for (t, tier) in summary.tiers.enumerated() {
      let dash = dashes[t % dashes.count]
      let points = summary.days.indices.map { d -> (Double, Double)? in
        (axis.x(d) + axis.step / 2, scale(summary.days[d].backlog[t]))
      }
      svg.polyline(points, width: 1.8, dash: dash)
      svg.line(legendX, 14, legendX + 28, 14, width: 1.8, dash: dash)
      svg.text(legendX + 32, 18, tier.name, size: 11)
      legendX += 48 + Double(tier.name.count) * 11
    }
    axis.axis(&svg, y: y1, language: language)
    return svg.rendered(title: language.backlogChart)
  }

  // MARK: response-time distribution

  /// Marks on a log time axis, minutes.
  private static let timeTicks: [Double] = [1, 5, 15, 60, 240, 1440, 3 * 1440, 7 * 1440]

  /// Per tier: the share of responses in each time bin on a log axis, with the deadline marked.
  static func responseTimes(_ summary: Summary, language: ReportLanguage, id: String) -> String {
    let edges = CoarseHistogram.edges
    let lastBin =
      summary.tiers.map { t in t.responseBins.lastIndex { $0 > 0 } ?? 0 }.max() ?? 0
    let longestDeadline =
      summary.tiers.compactMap { $0.responseDeadline?.longest }.filter(\.isFinite).max() ?? 0
    let upper = max(
      lastBin + 1 < edges.count ? edges[lastBin + 1] : edges[edges.count - 1] * 2, longestDeadline * 1.2, 120)
    let lower = 0.5
    let x0 = left
    let x1 = width - 190
    func x(_ minutes: Double) -> Double {
      x0 + (log(max(minutes, lower)) - log(lower)) / (log(upper) - log(lower)) * (x1 - x0)
    }
    let panel = 96.0
    let gap = 40.0
    let height = 10 + Double(summary.tiers.count) * (panel + gap) + 14
    var svg = SVG(width: width, height: height, id: id)
    for (t, tier) in summary.tiers.enumerated() {
      let y0 = 10 + Double(t) * (panel + gap) + 16
      let y1 = y0 + panel
      let total = tier.responseBins.reduce(0, +)
      let shares = tier.responseBins.map { total > 0 ? $0 / total : 0 }
      let most = shares.max() ?? 0
      let ticks = LinearScale.ticks(upTo: max(most, 0.01) * 100, count: 3)
      let scale = LinearScale(domain: (0, (ticks.last ?? 1) / 100), range: (y1, y0))
      svg.text(x0, y0 - 5, tier.name, size: 12, bold: true)
      for tick in ticks {
        let y = scale(tick / 100)
        svg.line(x0, y, x1, y, stroke: "#d0d0d0", width: 0.6)
        svg.text(x0 - 5, y + 3.5, NumberText.decimal(tick, digits: 0) + "%", size: 10, anchor: .end)
      }
      if let mark = tier.responseDeadline, mark.typical.isFinite {
        if !mark.isFixed {
          let a = x(mark.shortest)
          let b = x(min(mark.longest, upper))
          svg.rect(
            x: a, y: y0, width: b - a, height: panel, fill: svg.hatch("deadline", gray: 200, spacing: 5))
        }
        svg.line(x(mark.typical), y0 - 2, x(mark.typical), y1, width: 2)
      }
      for (b, share) in shares.enumerated() where share > 0 {
        let from = b == 0 ? lower : edges[b]
        let to = b + 1 < edges.count ? edges[b + 1] : edges[b] * 2
        let y = scale(share)
        svg.rect(
          x: x(from), y: y, width: x(min(to, upper)) - x(from), height: y1 - y, fill: "#7a7a7a",
          stroke: "#fff",
          title: "\(language.duration(from))–\(language.duration(to)): \(language.percent(share))")
      }
      svg.line(x0, y1, x1, y1)
      svg.line(x0, y0, x0, y1)
      svg.text(14, (y0 + y1) / 2, language.shareOfResponses, size: 10, anchor: .middle, rotate: -90)
      for tick in timeTicks where tick <= upper {
        svg.line(x(tick), y1, x(tick), y1 + 4)
        svg.text(x(tick), y1 + 15, language.duration(tick), size: 10, anchor: .middle)
      }
      // The legend on the right: the deadline and the on-time share.
      var lines: [String] = []
      if let mark = tier.responseDeadline {
        lines.append("\(language.deadline): \(language.rule(mark.spec))")
        if !mark.isFixed, mark.typical.isFinite {
          lines.append(
            "≈ \(language.duration(mark.typical)) (\(language.duration(mark.shortest))–\(language.duration(mark.longest)))"
          )
        }
      }
      if !tier.responseDeadlineExceptions.isEmpty {
        lines.append(
          language.ownDeadlines(
            tier.responseDeadlineExceptions.map { "\($0.category) \(language.rule($0.deadline))" }.joined(
              separator: ", ")))
      }
      lines.append("\(language.responseOnTime): \(language.percent(tier.all.responseOnTime?.mean))")
      for (i, line) in lines.enumerated() {
        svg.text(x1 + 12, y0 + 12 + Double(i) * 15, line, size: 10.5, bold: i == lines.count - 1)
      }
    }
    svg.text((x0 + x1) / 2, height - 6, language.responseAxis, size: 10.5, anchor: .middle)
    return svg.rendered(title: language.responseChart)
  }

  // MARK: on-time heat map

  /// Gray steps of the heat map: the lower bound of each step and its fill.
  private static let heatSteps: [(Double, String)] = [
    (0.98, "#ffffff"), (0.95, "#d4d4d4"), (0.90, "#a0a0a0"), (0.80, "#666666"), (0, "#1e1e1e"),
  ]

  /// On-time shares per day (columns) and tier and deadline kind (rows).
  static func onTimeHeatMap(_ summary: Summary, language: ReportLanguage, id: String) -> String {
    // Row labels right-aligned before the plot: as wide as the longest needs.
    let labels = summary.tiers.map { "\($0.name) \(language.response)" } + [language.resolution]
    let left = max(Charts.left, (labels.map { SVG.estimatedWidth($0, size: 9.5) }.max() ?? 0) + 10)
    let axis = DayAxis(summary, left: left)
    let row = 16.0
    let top = 40.0
    let rows = summary.tiers.count * 2
    let y1 = top + Double(rows) * row
    var svg = SVG(width: width, height: y1 + 30, id: id)
    // The legend.
    var lx = left
    for (i, step) in heatSteps.enumerated() {
      svg.rect(x: lx, y: 8, width: 14, height: 12, fill: step.1, stroke: "#000")
      let label =
        i == 0
        ? "≥ \(language.percent(step.0))"
        : i == heatSteps.count - 1
          ? "< \(language.percent(heatSteps[i - 1].0))"
          : "\(language.percent(step.0))–\(language.percent(heatSteps[i - 1].0))"
      svg.text(lx + 18, 18, label, size: 10)
      lx += 104
    }
    let none = svg.hatch("none", gray: 215, spacing: 4)
    svg.rect(x: lx, y: 8, width: 14, height: 12, fill: none, stroke: "#000")
    svg.text(lx + 18, 18, language.noDeadlineDue, size: 10)
    for (t, tier) in summary.tiers.enumerated() {
      for (k, label) in [language.response, language.resolution].enumerated() {
        let r = t * 2 + k
        let y = top + Double(r) * row
        svg.rect(x: left, y: y + 1, width: width - right - left, height: row - 2, fill: none)
        svg.text(left - 4, y + 12, k == 0 ? "\(tier.name) \(label)" : label, size: 9.5, anchor: .end)
        for (d, day) in summary.days.enumerated() {
          guard let share = k == 0 ? day.responseOnTime[t] : day.resolutionOnTime[t] else { continue }
          let fill = heatSteps.first { share >= $0.0 }?.1 ?? "#1e1e1e"
          svg.rect(
            x: axis.x(d), y: y + 1, width: axis.step, height: row - 2, fill: fill,
            title: "\(tier.name) \(label) \(day.date): \(language.percent(share))")
        }
        svg.line(left, y + row, width - right, y + row, stroke: "#bbb", width: 0.5)
      }
    }
    svg.rect(x: left, y: top, width: width - right - left, height: y1 - top, fill: "none", stroke: "#000")
    let warm = summary.days.firstIndex { !$0.warmUp } ?? summary.days.count
    if warm > 0 {
      svg.rect(
        x: axis.x(0), y: top, width: axis.x(warm) - axis.x(0), height: y1 - top, fill: svg.dots("warm"))
    }
    axis.axis(&svg, y: y1, language: language)
    return svg.rendered(title: language.heatMapChart)
  }

  // MARK: flow between tiers

  /// Items per replication: where they entered, why they went up a tier, where they were closed.
  static func flow(_ summary: Summary, language: ReportLanguage, id: String) -> String {
    let T = summary.tiers.count
    let boxWidth = 150.0
    let boxHeight = 56.0
    let firstX = 190.0
    let spacing = T > 1 ? min(260.0, (width - firstX - boxWidth - 10) / Double(T - 1)) : 0
    let boxY = 110.0
    let height = 260.0
    var svg = SVG(width: width, height: height, id: id)
    func count(_ e: Estimate?) -> Double { e?.mean ?? 0 }
    let tiers = summary.tiers
    let up = tiers.map { t in
      EscalationReason.allCases.filter { $0 != .major }.map { ($0, count(t.all.count(.escalated($0)))) }
    }
    let upTotal = up.map { $0.reduce(0) { $0 + $1.1 } }
    // Items that entered at each tier: the first tier's, and those reported past the tiers below
    // (a reopened item handled again at the top is a visit, not an entry).
    let entered = (0..<T).map { t in count(tiers[t].all.count(.entered)) }
    let appeared = count(summary.overall.count(.appeared))
    let most = max(([appeared] + upTotal + entered).max() ?? 1, 1)
    func thickness(_ v: Double) -> Double { 1.5 + 16 * v / most }
    func arrowHead(_ x: Double, _ y: Double, size: Double) {
      svg.polygon([(x, y), (x - size, y - size * 0.6), (x - size, y + size * 0.6)], fill: "#000")
    }
    func boxX(_ t: Int) -> Double { firstX + Double(t) * spacing }

    svg.rect(x: 10, y: boxY, width: 120, height: boxHeight, fill: "#f2f2f2", stroke: "#000")
    svg.text(70, boxY + 24, language.appeared, size: 12, anchor: .middle, bold: true)
    svg.text(70, boxY + 42, Format.count(appeared), size: 12, anchor: .middle)
    for t in 0..<T {
      let x = boxX(t)
      svg.rect(x: x, y: boxY, width: boxWidth, height: boxHeight, fill: "#fff", stroke: "#000")
      svg.text(x + boxWidth / 2, boxY + 24, tiers[t].name, size: 12, anchor: .middle, bold: true)
      svg.text(
        x + boxWidth / 2, boxY + 42, "\(language.visits) \(Format.count(count(tiers[t].all.count(.visits))))",
        size: 11, anchor: .middle)
      // Closed here and open at the end, below the box.
      let closed = count(tiers[t].all.count(.closed))
      svg.line(
        x + boxWidth / 2, boxY + boxHeight, x + boxWidth / 2, boxY + boxHeight + 28, width: thickness(closed))
      svg.text(
        x + boxWidth / 2, boxY + boxHeight + 44, "\(language.closedHere) \(Format.count(closed))", size: 11,
        anchor: .middle)
      let open = count(tiers[t].openAtEnd)
      if open >= 0.5 {
        svg.text(
          x + boxWidth / 2, boxY + boxHeight + 60, "\(language.openAtEnd) \(Format.count(open))", size: 10,
          anchor: .middle, fill: "#444")
      }
      // Entries: straight into the first tier, over the top (skip-level) into the others.
      if entered[t] >= 0.5 {
        if t == 0 {
          let y = boxY + boxHeight / 2
          svg.line(130, y, x - 8, y, width: thickness(entered[t]))
          arrowHead(x, y, size: 9)
          svg.text(
            (130 + x) / 2, y - thickness(entered[t]) / 2 - 4, Format.count(entered[t]), size: 11,
            anchor: .middle)
        } else {
          let lift = 18.0 + Double(t) * 22
          let startX = 70.0
          let endX = x + boxWidth / 2
          svg.polyline(
            [(startX, boxY), (startX, boxY - lift), (endX, boxY - lift), (endX, boxY - 8)],
            width: thickness(entered[t]), dash: "6 3")
          svg.polygon(
            [(endX, boxY), (endX - 5, boxY - 9), (endX + 5, boxY - 9)], fill: "#000")
          svg.text(
            endX - 6, boxY - lift - 5, "\(language.reason(.major)) \(Format.count(entered[t]))", size: 11,
            anchor: .end)
        }
      }
      // Up to the next tier, with the reasons.
      if t + 1 < T, upTotal[t] >= 0.5 {
        let from = x + boxWidth
        let to = boxX(t + 1)
        let y = boxY + boxHeight / 2
        svg.line(from, y, to - 8, y, width: thickness(upTotal[t]))
        arrowHead(to, y, size: 9)
        let parts = up[t].filter { $0.1 >= 0.5 }
        for (i, part) in parts.enumerated() {
          svg.text(
            (from + to) / 2, y + thickness(upTotal[t]) / 2 + 14 + Double(i) * 13,
            "\(language.reason(part.0)) \(Format.count(part.1))", size: 10, anchor: .middle)
        }
      }
    }
    return svg.rendered(title: language.flowChart)
  }

  // MARK: targets

  /// Each target on its own scale: the estimate, its interval and the bound.
  static func targets(
    _ outcomes: [TargetOutcome], language: ReportLanguage, id: String, describe: (Measure) -> String
  ) -> String {
    let row = 46.0
    let x0 = 330.0
    let x1 = width - 110
    var svg = SVG(width: width, height: Double(outcomes.count) * row + 12, id: id)
    for (i, o) in outcomes.enumerated() {
      let y = 22 + Double(i) * row
      let unit = o.target.measure.kind.unit
      svg.text(10, y + 4, o.target.name, size: 11.5, bold: true)
      svg.text(10, y + 19, describe(o.target.measure), size: 10, fill: "#444")
      let bound = o.target.bound.value
      let values = [bound] + (o.estimate.map { [$0.low, $0.high, $0.mean] } ?? [])
      var lo = values.min() ?? 0
      var hi = values.max() ?? 1
      let pad = max((hi - lo) * 0.15, abs(bound) * 0.05, 1e-9)
      lo -= pad
      hi += pad
      // Shares stay within 0-100%, durations and counts above 0.
      lo = max(lo, 0)
      if unit == .share { hi = min(hi, 1) }
      // Round ticks (88, 90, 92%; 0, 15, 30 min): their ends are the scale's.
      let ticks = Self.ticks(from: lo, to: hi, unit: unit, count: 4)
      let (a, b) = (ticks.first ?? lo, ticks.last ?? hi)
      let scale = LinearScale(domain: (a, b), range: (x0, x1))
      svg.line(x0, y + 10, x1, y + 10, stroke: "#999")
      for (k, t) in ticks.enumerated() {
        svg.line(scale(t), y + 10, scale(t), y + 13, stroke: "#999")
        svg.text(
          scale(t), y + 23, label(t, unit: unit, lo: a, hi: b, language: language), size: 9.5,
          anchor: k == 0 ? .start : k == ticks.count - 1 ? .end : .middle, fill: "#444")
      }
      let bx = scale(bound)
      svg.rect(x: bx - 1.5, y: y - 8, width: 3, height: 24, fill: "#000")
      svg.text(bx, y - 10, language.bound + " " + language.measure(bound, unit), size: 9.5, anchor: .middle)
      if let e = o.estimate {
        svg.line(scale(e.low), y + 4, scale(e.high), y + 4, width: 1.5)
        svg.line(scale(e.low), y - 1, scale(e.low), y + 9, width: 1.5)
        svg.line(scale(e.high), y - 1, scale(e.high), y + 9, width: 1.5)
        svg.circle(x: scale(e.mean), y: y + 4, r: 5, fill: o.met ? "#000" : "#fff")
      }
      svg.text(
        width - 10, y + 8, o.met ? language.met : language.missed, size: 12, anchor: .end, bold: !o.met)
    }
    return svg.rendered(title: language.targetChart)
  }
}
