/// What `gridsim sweep` prints and writes: a table of the points with each target's estimate and
/// verdict, and `sweep.csv`.
package enum SweepReport {
  /// The table on stdout, and the cheapest point that meets every target, in `language`.
  package static func text(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], name: String, source: String,
    language l: ReportLanguage = .english
  )
    -> String
  {
    var out = l.pick(
      "gridsim sweep: \(name) (\(source))\n  \(points.count) point\(points.count == 1 ? "" : "s") on common random numbers\n\n",
      "gridsim sweep：\(name)（\(source)）\n  \(points.count) 个参数组合，共用随机数\n\n")
    var table = TextTable(
      headers: sweep.keys + targets.map(\.name) + [l.pick("Staff-hours", "人时"), l.pick("All met", "全部达成")])
    for p in points {
      table.rows.append(
        p.values
          + p.outcomes.map { o in
            l.interval(o.estimate, o.target.measure.kind.unit, scale: o.target.bound.value)
              + (o.met ? "" : " ✗")
          } + [Format.count(p.staffHours), p.met ? l.pick("yes", "是") : l.pick("no", "否")])
    }
    table.leftAligned = Set(0..<sweep.keys.count)
    out += table.rendered()
    if let best = points.filter(\.met).min(by: { $0.staffHours < $1.staffHours }) {
      let point = zip(sweep.keys, best.values).map { "\($0)=\($1)" }.joined(separator: ", ")
      out += l.pick(
        "\nCheapest point that meets every target: \(point) (\(Format.count(best.staffHours)) staff-hours).\n",
        "\n满足全部目标的最省人力组合：\(point)（\(Format.count(best.staffHours)) 人时）。\n")
    } else if !targets.isEmpty {
      out += l.pick("\nNo point meets every target.\n", "\n没有满足全部目标的组合。\n")
    }
    return out
  }

  /// One row per point: the varied values, staff-hours, all met, then per target its mean, the
  /// ends of its interval and whether it is met; the headers in `language` (the values are data:
  /// numbers, `true` and `false`).
  package static func csv(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], language l: ReportLanguage = .english
  ) -> String {
    let (mean, low, high, met) =
      l.code == .en ? (" mean", " low", " high", " met") : (" 均值", " 下限", " 上限", " 达成")
    var out = CSV.row(
      sweep.keys + [l.pick("staff_hours", "人时"), l.pick("all_met", "全部达成")]
        + targets.flatMap { [$0.name + mean, $0.name + low, $0.name + high, $0.name + met] })
    func number(_ v: Double?) -> String { v.map { NumberText.decimal($0, digits: 4) } ?? "" }
    for p in points {
      out += CSV.row(
        p.values + [number(p.staffHours), p.met ? "true" : "false"]
          + p.outcomes.flatMap { o in
            [
              number(o.estimate?.mean), number(o.estimate?.low), number(o.estimate?.high),
              o.met ? "true" : "false",
            ]
          })
    }
    return out
  }
}

extension SweepReport {
  /// `sweep.html`: for each target, its estimate at every point with its interval and the bound
  /// drawn across (a filled dot meets the target, a hollow one misses), then the table.
  package static func html(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], name: String, source: String,
    language code: Scenario.Language = .en
  ) -> String {
    let language = ReportLanguage(code)
    var doc = ReportDocument(title: "gridsim sweep: \(name)", language: language)
    // On a phone the charts keep a readable size and scroll sideways, as the table does.
    doc.extraStyle = "@media (max-width:600px){figure svg{min-width:640px}}"
    doc.add(.heading(1, language.pick("Sweep: ", "参数扫描：") + name))
    doc.add(
      .meta([
        language.pick("Scenario: ", "情景：") + "`\(source)`",
        language.pick(
          "\(points.count) point\(points.count == 1 ? "" : "s") on common random numbers; intervals are 95%",
          "\(points.count)个参数组合，共用随机数；区间为95%"),
      ]))
    if let best = points.filter(\.met).min(by: { $0.staffHours < $1.staffHours }) {
      let point = zip(sweep.keys, best.values).map { "\($0)=\($1)" }.joined(separator: ", ")
      doc.add(
        .verdict(
          true,
          language.pick(
            "Cheapest point that meets every target: **\(point)** (\(Format.count(best.staffHours)) staff-hours).",
            "满足全部目标的最省人力组合：**\(point)**（\(Format.count(best.staffHours))人时）。")))
    } else if !targets.isEmpty {
      doc.add(.verdict(false, language.pick("No point meets every target.", "没有满足全部目标的组合。")))
    }
    let values = points.map(\.values)
    for (t, target) in targets.enumerated() {
      let outcomes = points.map { $0.outcomes[t] }
      doc.add(
        .figure(
          title: target.name,
          svg: chart(outcomes, keys: sweep.keys, values: values, language: language, id: "s\(t)"),
          caption: language.pick(
            "Each point's estimate (dot) and 95% interval (bar); under the axis, each varied key's value at the point (a value cut short shows in full on hovering). The dashed line is the bound. A filled dot meets the target, a hollow one misses it.",
            "各组合的估计值（点）和95%区间（竖线）；横轴下方为各组合扫描的取值（过长的取值已缩写，鼠标悬停可见全文）。虚线为标准。实心点达成，空心点未达成。"
          )))
    }
    if !points.isEmpty {
      doc.add(
        .figure(
          title: language.pick("Staff-hours on duty", "在岗人时"),
          svg: staffChart(points, keys: sweep.keys, language: language, id: "s-staff"),
          caption: language.pick(
            "Staff-hours on duty over the period at each point, all tiers (the cost of its staffing). A black bar meets every target, a hatched one misses some; the cheapest point that meets every target is marked.",
            "各组合在整个时段内全部层级的在岗人时（人力成本）。黑色柱全部目标达成，斜线柱有目标未达成；满足全部目标的最省人力组合已标出。"
          )))
    }
    let headers =
      sweep.keys + targets.map(\.name) + [
        language.pick("Staff-hours", "人时"), language.pick("All met", "全部达成"),
      ]
    let rows = points.map { p in
      p.values
        + p.outcomes.map { o in
          language.measure(o.estimate?.mean, o.target.measure.kind.unit, scale: o.target.bound.value)
            + (o.met ? "" : " ✗")
        } + [Format.count(p.staffHours), p.met ? language.pick("yes", "是") : language.pick("no", "否")]
    }
    doc.add(.wideTable(headers: headers, rows: rows, leftAligned: Set(0..<sweep.keys.count), nowrap: []))
    return doc.html(footer: "gridsim sweep")
  }

  /// One target across the points: each point's estimate and interval, the bound, round ticks,
  /// and under the axis the points' values (``Charts/pointRows(_:keys:values:x0:x1:y:size:)``).
  static func chart(
    _ outcomes: [TargetOutcome], keys: [String], values: [[String]], language: ReportLanguage, id: String
  ) -> String {
    let width = Charts.width
    let (left, right, top) = (Charts.pointRowsLeft(keys: keys), 20.0, 20.0)
    let plot = 190.0
    let height = top + plot + Charts.pointRowsHeight(keys: keys.count) + 4
    var svg = SVG(width: width, height: height, id: id)
    guard let first = outcomes.first else { return svg.rendered(title: "") }
    let unit = first.target.measure.kind.unit
    let bound = first.target.bound.value
    let spread = [bound] + outcomes.flatMap { o in o.estimate.map { [$0.low, $0.high] } ?? [] }
    var lo = spread.min() ?? 0
    var hi = spread.max() ?? 1
    // A little room so that the bound or an interval's end is not drawn on the frame.
    let pad = max((hi - lo) * 0.05, abs(hi) * 0.005, 1e-9)
    lo = max(lo >= 0 ? 0 : -.infinity, lo - pad)
    hi += pad
    if unit == .share { hi = min(hi, 1) }
    let ticks = Charts.ticks(from: lo, to: hi, unit: unit, count: 4)
    let (a, b) = (ticks.first ?? lo, ticks.last ?? hi)
    let bottom = top + plot
    let y = LinearScale(domain: (a, b), range: (bottom, top))
    let step = (width - left - right) / Double(max(1, outcomes.count))
    func x(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
    Charts.measureAxis(
      &svg, ticks: ticks, scale: y, unit: unit, x0: left, x1: width - right, language: language)
    svg.line(left, bottom, width - right, bottom, stroke: "#999")
    svg.line(left, top, left, bottom, stroke: "#999")
    svg.line(left, y(bound), width - right, y(bound), stroke: "#000", width: 1.2, dash: "6 4")
    let boundLabel = language.bound + " " + Charts.label(bound, unit: unit, lo: a, hi: b, language: language)
    // The bound's label above its line, or below it when the line is near the top.
    let labelY = y(bound) - top < 14 ? y(bound) + 13 : y(bound) - 4
    svg.text(width - right, labelY, boundLabel, size: 9.5, anchor: .end, halo: true)
    for (i, o) in outcomes.enumerated() {
      guard let e = o.estimate else { continue }
      svg.line(x(i), y(max(a, e.low)), x(i), y(min(b, e.high)), width: 1.5)
      svg.circle(
        x: x(i), y: y(min(b, max(a, e.mean))), r: min(4.5, max(2, step / 4)), fill: o.met ? "#000" : "#fff")
    }
    Charts.pointRows(&svg, keys: keys, values: values, x0: left, x1: width - right, y: bottom)
    return svg.rendered(title: first.target.name)
  }

  /// Staff-hours at each point: a bar from 0, black where every target is met, hatched where one
  /// is missed, the cheapest passing point marked above its bar.
  static func staffChart(_ points: [SweepPoint], keys: [String], language: ReportLanguage, id: String)
    -> String
  {
    let width = Charts.width
    let (left, right, top) = (Charts.pointRowsLeft(keys: keys), 20.0, 40.0)
    let plot = 170.0
    let bottom = top + plot
    var svg = SVG(width: width, height: bottom + Charts.pointRowsHeight(keys: keys.count) + 4, id: id)
    let ticks = Charts.ticks(from: 0, to: max(1, points.map(\.staffHours).max() ?? 1), unit: nil, count: 4)
    let y = LinearScale(domain: (0, ticks.last ?? 1), range: (bottom, top))
    let step = (width - left - right) / Double(max(1, points.count))
    Charts.measureAxis(
      &svg, ticks: ticks, scale: y, unit: nil, x0: left, x1: width - right, language: language)
    svg.line(left, top, left, bottom, stroke: "#999")
    let hatch = svg.hatch("missed", gray: 90, spacing: 5)
    // The legend.
    svg.rect(x: left, y: 8, width: 12, height: 10, fill: "#000")
    let met = language.pick("meets every target", "全部目标达成")
    svg.text(left + 16, 17, met, size: 11)
    let missedX = left + 16 + SVG.estimatedWidth(met, size: 11) + 18
    svg.rect(x: missedX, y: 8, width: 12, height: 10, fill: hatch, stroke: "#000")
    svg.text(missedX + 16, 17, language.pick("misses a target", "有目标未达成"), size: 11)
    let best = points.indices.filter { points[$0].met }.min { points[$0].staffHours < points[$1].staffHours }
    for (i, p) in points.enumerated() {
      let x = left + step * Double(i)
      let h = y(p.staffHours)
      svg.rect(
        x: x + step * 0.15, y: h, width: step * 0.7, height: bottom - h, fill: p.met ? "#000" : hatch,
        stroke: p.met ? nil : "#000",
        title: zip(keys, p.values).map { "\($0)=\($1)" }.joined(separator: ", ") + ": "
          + Format.count(p.staffHours))
    }
    if let best {
      let label = language.pick("cheapest", "最省")
      let half = SVG.estimatedWidth(label, size: 10) / 2 + 2
      let cx = min(max(left + step * (Double(best) + 0.5), left + half), width - right - half)
      svg.text(cx, y(points[best].staffHours) - 5, label, size: 10, anchor: .middle, bold: true, halo: true)
    }
    svg.line(left, bottom, width - right, bottom, stroke: "#999")
    Charts.pointRows(&svg, keys: keys, values: points.map(\.values), x0: left, x1: width - right, y: bottom)
    return svg.rendered(title: language.pick("Staff-hours on duty", "在岗人时"))
  }
}
