/// `gridsim validate-model`: the log's measures beside the simulation's, with a verdict per
/// measure, as text, CSV, Markdown and HTML (with the two daily series drawn together).
public struct ValidationReport {
  public var validation: ModelValidation
  public var scenarioName: String
  public var source: String
  public var logPath: String
  let language = ReportLanguage.english

  public init(_ validation: ModelValidation, scenarioName: String, source: String, logPath: String) {
    self.validation = validation
    self.scenarioName = scenarioName
    self.source = source
    self.logPath = logPath
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
    guard let within = row.within, let observed = row.observed, let low = row.low, let high = row.high else {
      return row.observed != nil && row.simulated != nil
        ? "not judged: some replications have none" : "no value"
    }
    if within { return "within" }
    let off = observed > high ? observed - high : low - observed
    let direction = observed > high ? "above" : "below"
    let amount =
      switch row.unit {
      case .items where off < 10: NumberText.decimal(off, digits: 1)
      case .share: "\(NumberText.decimal(off * 100, digits: 1)) points"
      default: value(off, row.unit)
      }
    let relative =
      row.simulated.map { s -> String in
        guard s.mean != 0 else { return "" }
        let percent = off / abs(s.mean) * 100
        return " (\(percent < 1 ? "under 1" : NumberText.count(percent))% of the mean)"
      } ?? ""
    return "\(direction) by \(amount)\(relative)"
  }

  var headers: [String] {
    ["measure", "tier", "slice", "log", "simulated mean", "simulated range", "verdict"]
  }

  var tableRows: [[String]] {
    validation.rows.map { r in
      [
        r.measure, r.tier ?? "all", r.slice, value(r.observed, r.unit), value(r.simulated?.mean, r.unit),
        "\(value(r.low, r.unit)) to \(value(r.high, r.unit))", verdict(r),
      ]
    }
  }

  var headline: String {
    let v = validation
    let chance =
      "by chance alone up to \(v.allowedOutside) of \(v.judged) would fall outside (each has a \(language.percent(v.outsideChance)) chance), 95% of the time"
    return
      "\(v.judged - v.outside) of \(v.judged) measures of the log fall within the range of \(v.replications) replications; "
      + chance
      + (v.consistent ? ": the scenario is consistent with the log" : ": the scenario does not match the log")
  }

  public func text() -> String {
    var out = "Model validation: \(scenarioName) against \(logPath)\n"
    out += "\(validation.observedItems) logged items over \(validation.observedArrivals.count) days; "
    out += "\(validation.replications) replications, each one history like the log.\n\n"
    var table = TextTable(headers: headers)
    table.rows = tableRows
    table.leftAligned = [0, 1, 2, 6]
    out += table.rendered() + "\n"
    out += headline + ".\n"
    return out
  }

  public func csv() -> String {
    var out = CSV.row([
      "measure", "tier", "slice", "unit", "log", "simulated_mean", "simulated_low", "simulated_high",
      "within",
    ])
    for r in validation.rows {
      let unit = r.unit == .minutes ? "minutes" : r.unit == .share ? "share" : "items"
      func n(_ x: Double?) -> String { x.map { DataFiles.number($0) } ?? "" }
      out += CSV.row([
        r.measure, r.tier ?? "", r.slice, unit, n(r.observed), n(r.simulated?.mean), n(r.low), n(r.high),
        r.within.map { $0 ? "1" : "0" } ?? "",
      ])
    }
    return out
  }

  public func dailyCSV() -> String {
    var out = CSV.row([
      "date", "log_arrivals", "simulated_arrivals", "simulated_arrivals_low", "simulated_arrivals_high",
      "log_backlog", "simulated_backlog", "simulated_backlog_low", "simulated_backlog_high",
    ])
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
    var doc = ReportDocument(title: "Model validation: \(scenarioName)", language: language)
    doc.add(.heading(1, "Model validation: \(scenarioName)"))
    doc.add(
      .meta([
        "Scenario: \(source)", "Log: \(logPath)",
        "\(validation.observedItems) logged items over \(validation.observedArrivals.count) days; \(validation.replications) replications",
      ]))
    doc.add(.verdict(validation.consistent, headline + "."))
    doc.add(
      .paragraph(
        "The log is one history, so each of its measures is judged against the spread of single replications (about their 2.5% to 97.5% range: with \(validation.replications) replications, a right model's measure falls outside it with a chance of \(language.percent(validation.outsideChance))), not against the interval of their mean."
      ))
    doc.add(.table(headers: headers, rows: tableRows, leftAligned: [0, 1, 2, 6]))
    doc.add(.heading(2, "Day by day"))
    doc.add(
      .figure(
        title: "Items detected per day",
        svg: chart(validation.observedArrivals, validation.simulatedArrivals, id: "arrivals"),
        caption: "Solid: the log. Dashed: the replications' mean; gray band: their 2.5% to 97.5% range."))
    doc.add(
      .figure(
        title: "Open items at the end of each day",
        svg: chart(validation.observedBacklog, validation.simulatedBacklog, id: "backlog"),
        caption: "Solid: the log. Dashed: the replications' mean; gray band: their 2.5% to 97.5% range."))
    return doc
  }

  func chart(_ observed: [Double], _ simulated: [(mean: Double, low: Double, high: Double)], id: String)
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
    return svg.rendered(title: id)
  }

  /// validation.csv, daily.csv, validation.md and validation.html.
  public func files() -> [(name: String, text: String)] {
    let doc = document()
    let footer = "Made by gridsim validate-model \(source) --against \(logPath)"
    return [
      ("validation.csv", csv()), ("daily.csv", dailyCSV()), ("validation.md", doc.markdown(footer: footer)),
      ("validation.html", doc.html(footer: footer)),
    ]
  }
}
