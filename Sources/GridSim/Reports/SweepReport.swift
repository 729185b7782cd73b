/// What `gridsim sweep` prints and writes: a table of the points with each target's estimate and
/// verdict, and `sweep.csv`.
public enum SweepReport {
  /// The table on stdout, and the cheapest point that meets every target, in `language`.
  public static func text(
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
  public static func csv(
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
  public static func html(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], name: String, source: String,
    language code: Scenario.Language = .en
  ) -> String {
    let language = ReportLanguage(code)
    var doc = ReportDocument(title: "gridsim sweep: \(name)", language: language)
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
    let labels = points.map { $0.values.joined(separator: ", ") }
    for (t, target) in targets.enumerated() {
      let outcomes = points.map { $0.outcomes[t] }
      doc.add(
        .figure(
          title: target.name, svg: chart(outcomes, labels: labels, language: language, id: "s\(t)"),
          caption: language.pick(
            "Each point's estimate (dot) and 95% interval (bar) against the varied values (\(sweep.keys.joined(separator: ", "))); the dashed line is the bound. A filled dot meets the target, a hollow one misses it.",
            "各组合的估计值（点）和95%区间（竖线），横轴为扫描的取值（\(sweep.keys.joined(separator: "、"))）；虚线为标准。实心点达成，空心点未达成。"
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
    doc.add(.table(headers: headers, rows: rows, leftAligned: Set(0..<sweep.keys.count)))
    return doc.html(footer: "gridsim sweep")
  }

  /// One target across the points.
  static func chart(_ outcomes: [TargetOutcome], labels: [String], language: ReportLanguage, id: String)
    -> String
  {
    let width = 860.0
    let height = 260.0
    let (left, right, top, bottom) = (70.0, 20.0, 20.0, 70.0)
    var svg = SVG(width: width, height: height, id: id)
    guard let first = outcomes.first else { return svg.rendered(title: "") }
    let unit = first.target.measure.kind.unit
    let bound = first.target.bound.value
    let values = [bound] + outcomes.flatMap { o in o.estimate.map { [$0.low, $0.high] } ?? [] }
    var lo = max(0, values.min() ?? 0)
    var hi = values.max() ?? 1
    if hi <= lo { hi = lo + 1 }
    let pad = (hi - lo) * 0.1
    lo = max(0, lo - pad)
    hi += pad
    if unit == .share { hi = min(hi, 1) }
    let y = LinearScale(domain: (lo, hi), range: (height - bottom, top))
    let step = (width - left - right) / Double(max(1, outcomes.count))
    func x(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
    svg.line(left, height - bottom, width - right, height - bottom, stroke: "#999")
    for k in 0...4 {
      let v = lo + (hi - lo) * Double(k) / 4
      svg.line(left - 4, y(v), left, y(v), stroke: "#999")
      svg.text(
        left - 6, y(v) + 3.5, language.measure(v, unit, scale: hi), size: 9.5, anchor: .end, fill: "#444")
    }
    svg.line(left, y(bound), width - right, y(bound), stroke: "#000", width: 1.2, dash: "6 4")
    svg.text(
      width - right, y(bound) - 4, language.bound + " " + language.measure(bound, unit), size: 9.5,
      anchor: .end, halo: true)
    for (i, o) in outcomes.enumerated() {
      if let e = o.estimate {
        svg.line(x(i), y(max(lo, e.low)), x(i), y(min(hi, e.high)), width: 1.5)
        svg.circle(x: x(i), y: y(min(hi, max(lo, e.mean))), r: 4.5, fill: o.met ? "#000" : "#fff")
      }
      if outcomes.count <= 40 {
        svg.text(x(i), height - bottom + 14, labels[i], size: 9, anchor: .end, rotate: -35, fill: "#222")
      }
    }
    return svg.rendered(title: first.target.name)
  }
}
