/// `gridsim validate-model`: the log's measures beside the simulation's, with a verdict per
/// measure, as text, CSV, Markdown and HTML (with the two daily series drawn together).
package struct ValidationReport {
  package var validation: ModelValidation
  package var scenarioName: String
  package var source: String
  package var logPath: String
  package var language: ReportLanguage

  package init(
    _ validation: ModelValidation, scenarioName: String, source: String, logPath: String,
    language: ReportLanguage = .english
  ) {
    self.validation = validation
    self.scenarioName = scenarioName
    self.source = source
    self.logPath = logPath
    self.language = language
  }

  /// A measure's name in the report's language.
  func measureName(_ name: String) -> String {
    guard language.code == .zh else { return name }
    let names = [
      "arrivals per day": "每日到达", "first response, mean": "首次回复平均", "first response, p90": "首次回复 P90",
      "resolution, mean": "办结平均", "resolution, p90": "办结 P90", "closed in the period": "期内办结占比",
      "visits": "受理量", "time at tier, mean": "层级停留平均", "time at tier, p90": "层级停留 P90",
      "answered on time": "按时回复率", "closed on time": "按时办结率", "passed up": "上报占比",
      "end-of-day backlog, mean": "日末积压平均",
    ]
    return names[name] ?? name
  }

  /// A slice's name in the report's language: the whole log, a window, or a week.
  func sliceName(_ name: String) -> String {
    guard language.code == .zh else { return name }
    if name == "whole log" { return "全部日志" }
    if name.hasPrefix("week of ") { return "\(name.dropFirst(8)) 起一周" }
    return language.window(name)
  }

  /// The figure in the measure's unit.
  func value(_ x: Double?, _ unit: ModelValidation.Unit) -> String {
    guard let x, x.isFinite else { return "-" }
    switch unit {
    case .minutes: return language.duration(x)
    case .share: return language.percent(x)
    case .items: return NumberText.count(x)
    }
  }

  /// "within", or how far outside the replications' range and in which direction.
  func verdict(_ row: ModelValidation.Row) -> String {
    let l = language
    guard let within = row.within, let observed = row.observed, let low = row.low, let high = row.high else {
      return row.observed != nil && row.simulated != nil
        ? l.pick("not judged: some replications have none", "不判定：部分重复无此值") : l.pick("no value", "无值")
    }
    if within { return l.pick("within", "在范围内") }
    let off = observed > high ? observed - high : low - observed
    let above = observed > high
    let amount =
      switch row.unit {
      case .items where off < 10: NumberText.decimal(off, digits: 1)
      case .share: NumberText.decimal(off * 100, digits: 1) + l.pick(" points", " 个百分点")
      default: value(off, row.unit)
      }
    let relative =
      row.simulated.map { s -> String in
        guard s.mean != 0 else { return "" }
        let percent = off / abs(s.mean) * 100
        let shown = percent < 1 ? l.pick("under 1", "不到 1") : NumberText.count(percent)
        return l.pick(" (\(shown)% of the mean)", "（均值的 \(shown)%）")
      } ?? ""
    return l.pick(
      "\(above ? "above" : "below") by \(amount)\(relative)", "\(above ? "高出" : "低于") \(amount)\(relative)")
  }

  var headers: [String] {
    let l = language
    return [
      l.pick("measure", "指标"), l.pick("tier", "层级"), l.pick("slice", "时段"), l.pick("log", "日志"),
      l.pick("simulated mean", "模拟均值"), l.pick("simulated range", "模拟范围"), l.pick("verdict", "结论"),
    ]
  }

  var tableRows: [[String]] {
    validation.rows.map { r in
      [
        measureName(r.measure), r.tier ?? language.pick("all", "全部"), sliceName(r.slice),
        value(r.observed, r.unit), value(r.simulated?.mean, r.unit),
        "\(value(r.low, r.unit)) \(language.to) \(value(r.high, r.unit))", verdict(r),
      ]
    }
  }

  var headline: String {
    let v = validation
    let l = language
    return l.pick(
      "\(v.judged - v.outside) of \(v.judged) measures of the log fall within the range of \(v.replications) replications; by chance alone up to \(v.allowedOutside) of \(v.judged) would fall outside (each has a \(l.percent(v.outsideChance)) chance), 95% of the time"
        + (v.consistent
          ? ": the scenario is consistent with the log" : ": the scenario does not match the log"),
      "日志的 \(v.judged) 项指标中有 \(v.judged - v.outside) 项落在 \(v.replications) 次重复的范围内；仅凭偶然，95% 的情况下最多 \(v.allowedOutside) 项会落在范围外（每项概率 \(l.percent(v.outsideChance))）"
        + (v.consistent ? "：方案与日志一致" : "：方案与日志不符"))
  }

  package func text() -> String {
    let l = language
    var out = l.pick(
      "Model validation: \(scenarioName) against \(logPath)\n", "模型检验：\(scenarioName)，对照 \(logPath)\n")
    out += l.pick(
      "\(validation.observedItems) logged items over \(validation.observedArrivals.count) days; \(validation.replications) replications, each one history like the log.\n\n",
      "日志共 \(validation.observedItems) 件，\(validation.observedArrivals.count) 天；重复 \(validation.replications) 次，每次与日志一样是一段历史。\n\n"
    )
    var table = TextTable(headers: headers)
    table.rows = tableRows
    table.leftAligned = [0, 1, 2, 6]
    out += table.rendered() + "\n"
    out += headline + language.pick(".\n", "。\n")
    return out
  }

  package func csv() -> String {
    let l = language
    var out = CSV.row(
      l.code == .en
        ? [
          "measure", "tier", "slice", "unit", "log", "simulated_mean", "simulated_low", "simulated_high",
          "within",
        ] : ["指标", "层级", "时段", "单位", "日志", "模拟均值", "模拟下限", "模拟上限", "在范围内"])
    for r in validation.rows {
      let unit =
        r.unit == .minutes
        ? l.pick("minutes", "分钟") : r.unit == .share ? l.pick("share", "比例") : l.pick("items", "件")
      func n(_ x: Double?) -> String { x.map { DataFiles.number($0) } ?? "" }
      out += CSV.row([
        measureName(r.measure), r.tier ?? "", sliceName(r.slice), unit, n(r.observed), n(r.simulated?.mean),
        n(r.low), n(r.high), r.within.map { $0 ? "1" : "0" } ?? "",
      ])
    }
    return out
  }

  package func dailyCSV() -> String {
    var out = CSV.row(
      language.code == .en
        ? [
          "date", "log_arrivals", "simulated_arrivals", "simulated_arrivals_low", "simulated_arrivals_high",
          "log_backlog", "simulated_backlog", "simulated_backlog_low", "simulated_backlog_high",
        ]
        : ["日期", "日志到达", "模拟到达", "模拟到达下限", "模拟到达上限", "日志积压", "模拟积压", "模拟积压下限", "模拟积压上限"])
    for d in validation.observedArrivals.indices {
      let a = validation.simulatedArrivals[d]
      let b = validation.simulatedBacklog[d]
      out += CSV.row(
        [LocalDateTime(minutes: Int64(validation.firstDay + d) * 1440).dateDescription]
          + [
            validation.observedArrivals[d], a.mean, a.low, a.high, validation.observedBacklog[d], b.mean,
            b.low, b.high,
          ]
          .map { DataFiles.number($0) })
    }
    return out
  }

  func document() -> ReportDocument {
    let l = language
    let title = l.pick("Model validation: ", "模型检验：") + scenarioName
    var doc = ReportDocument(title: title, language: language)
    doc.add(.heading(1, title))
    doc.add(
      .meta([
        l.pick("Scenario: ", "方案：") + source, l.pick("Log: ", "日志：") + logPath,
        l.pick(
          "\(validation.observedItems) logged items over \(validation.observedArrivals.count) days; \(validation.replications) replications",
          "日志共 \(validation.observedItems) 件，\(validation.observedArrivals.count) 天；重复 \(validation.replications) 次"
        ),
      ]))
    doc.add(.verdict(validation.consistent, headline + l.pick(".", "。")))
    doc.add(
      .paragraph(
        l.pick(
          "The log is one history, so each of its measures is judged against the spread of single replications (about their 2.5% to 97.5% range: with \(validation.replications) replications, a right model's measure falls outside it with a chance of \(l.percent(validation.outsideChance))), not against the interval of their mean.",
          "日志只是一段历史，因此每项指标按单次重复的分布（约 2.5% 至 97.5% 的范围；重复 \(validation.replications) 次时，正确模型的指标落在范围外的概率为 \(l.percent(validation.outsideChance))）判定，而非按均值的置信区间。"
        )))
    doc.add(.table(headers: headers, rows: tableRows, leftAligned: [0, 1, 2, 6]))
    doc.add(.heading(2, l.pick("Day by day", "逐日对照")))
    let caption = l.pick(
      "Solid: the log. Dashed: the replications' mean; gray band: their 2.5% to 97.5% range.",
      "实线：日志。虚线：各次重复的均值；灰带：其 2.5% 至 97.5% 范围。")
    let arrivals = l.pick("Items detected per day", "每日发现的事项")
    let backlog = l.pick("Open items at the end of each day", "每日日末未结事项")
    doc.add(
      .figure(
        title: arrivals,
        svg: chart(
          validation.observedArrivals, validation.simulatedArrivals, id: "arrivals", title: arrivals),
        caption: caption))
    doc.add(
      .figure(
        title: backlog,
        svg: chart(validation.observedBacklog, validation.simulatedBacklog, id: "backlog", title: backlog),
        caption: caption))
    return doc
  }

  /// A day-by-day chart; `title` (in the report's language) names it to screen readers.
  func chart(
    _ observed: [Double], _ simulated: [(mean: Double, low: Double, high: Double)], id: String, title: String
  )
    -> String
  {
    let width = 860.0
    let (x0, x1, y0, y1) = (64.0, width - 16, 20.0, 230.0)
    var svg = SVG(width: width, height: y1 + 30, id: id)
    let top = max(observed.max() ?? 0, simulated.map(\.high).max() ?? 0, 1)
    let ticks = LinearScale.ticks(upTo: top, count: 5)
    let scale = LinearScale(domain: (0, ticks.last ?? 1), range: (y1, y0))
    let step = (x1 - x0) / Double(max(1, observed.count))
    func x(_ d: Int) -> Double { x0 + (Double(d) + 0.5) * step }
    if !simulated.isEmpty {
      let band =
        simulated.indices.map { (x($0), scale(simulated[$0].high)) }
        + simulated.indices.reversed().map { (x($0), scale(simulated[$0].low)) }
      svg.polygon(band, fill: "#d6d6d6")
      svg.polyline(simulated.indices.map { (x($0), scale(simulated[$0].mean)) }, width: 1.6, dash: "6 4")
    }
    svg.polyline(observed.indices.map { (x($0), scale(observed[$0])) }, width: 2)
    for t in ticks {
      svg.line(x0 - 4, scale(t), x0, scale(t))
      svg.text(x0 - 6, scale(t) + 4, NumberText.count(t), size: 11, anchor: .end)
    }
    svg.line(x0, y1, x1, y1)
    for d in observed.indices where d % 7 == 0 {
      let date = LocalDateTime(minutes: Int64(validation.firstDay + d) * 1440).dateDescription
      svg.text(x(d), y1 + 16, String(date.dropFirst(5)), size: 11, anchor: .middle)
    }
    return svg.rendered(title: title)
  }

  /// validation.csv, daily.csv, validation.md and validation.html.
  package func files() -> [(name: String, text: String)] {
    let doc = document()
    let footer =
      language.pick("Made by", "由以下命令生成：") + " gridsim validate-model \(source) --against \(logPath)"
    return [
      ("validation.csv", csv()), ("daily.csv", dailyCSV()), ("validation.md", doc.markdown(footer: footer)),
      ("validation.html", doc.html(footer: footer)),
    ]
  }
}
