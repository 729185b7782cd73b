/// The files `--out DIR` writes: `report.html`, `report.md`, `summary.json`, `daily.csv`,
/// `tiers.csv`, and `ledger.csv` when a ledger is given. Documented in `Reports/README.md`.
package struct ReportBundle: Sendable {
  /// One scenario's results.
  package struct Section: Sendable {
    /// The scenario file as given on the command line.
    package var source: String
    package var summary: Summary
    /// `base` or `changed` in a comparison; nil otherwise.
    package var role: String?

    package init(source: String, summary: Summary, role: String? = nil) {
      self.source = source
      self.summary = summary
      self.role = role
    }
  }

  /// The command the results come from.
  package enum Command: String, Sendable {
    case run, check, compare
  }

  package var command: Command
  package var sections: [Section]
  package var comparison: Comparison?
  package var language: ReportLanguage
  /// How the results can be made again (the command line without the output options).
  package var commandLine: String
  /// `ledger.csv`, when asked for.
  package var ledger: String?

  package init(
    command: Command, sections: [Section], comparison: Comparison? = nil, language: ReportLanguage,
    commandLine: String, ledger: String? = nil
  ) {
    self.command = command
    // A reader of the English report may not read Chinese names: each tier and category also shows
    // its id, as the terminal report does.
    self.sections =
      language.code == .en
      ? sections.map { section in
        var section = section
        section.summary.nameWithIDs()
        return section
      } : sections
    self.comparison = comparison
    self.language = language
    self.commandLine = commandLine
    self.ledger = ledger
  }

  /// The files, by name, in the order they are listed above.
  package func files() -> [(name: String, contents: String)] {
    let document = self.document()
    // The command line as code: no backtick or control character may end the span.
    let shown = String(
      String.UnicodeScalarView(
        commandLine.unicodeScalars.map { $0 == "`" ? "'" : $0 }.filter {
          $0.properties.generalCategory != .control
        }))
    let footer = "\(language.generatedBy) `\(shown)`"
    var files: [(String, String)] = [
      ("report.html", document.html(footer: footer)),
      ("report.md", document.markdown(footer: footer)),
      ("summary.json", summaryJSON().rendered()),
      ("daily.csv", DataFiles.daily(sections, language)),
      ("tiers.csv", DataFiles.tiers(sections, language)),
    ]
    if let ledger { files.append(("ledger.csv", ledger)) }
    return files
  }

  /// Writes the files into `directory` (made when missing), all or none.
  package func write(to directory: String, csv: CSVStyle = .plain) throws(AtomicFile.WriteError) {
    try AtomicFile.writeFolder(files().map { ($0.name, $0.contents) }, to: directory, csv: csv)
  }

  /// One summary document, or for several scenarios a list of them (with the comparison).
  func summaryJSON() -> JSONNode {
    if sections.count == 1, comparison == nil {
      return SummaryJSON.document(sections[0].summary, source: sections[0].source)
    }
    var top: [(String, JSONNode)] = [
      ("schema", .string("gridsim-summaries")), ("version", .int(SummaryJSON.version)),
      ("command", .string(command.rawValue)),
      ("summaries", .array(sections.map { SummaryJSON.document($0.summary, source: $0.source) })),
    ]
    if let comparison { top.append(("comparison", SummaryJSON.comparison(comparison))) }
    return .object(top)
  }

  // MARK: the written report

  func document() -> ReportDocument {
    let l = language
    let title: String
    switch command {
    case .run: title = sections[0].summary.scenarioName
    case .check: title = "\(l.checkTitle): " + sections.map(\.summary.scenarioName).joined(separator: ", ")
    case .compare:
      title =
        "\(l.comparisonTitle): \(sections[0].summary.scenarioName) → \(sections[1].summary.scenarioName)"
    }
    var doc = ReportDocument(title: title, language: l)
    let nested = sections.count > 1
    if nested { doc.add(.heading(1, title)) }
    if let comparison { addComparison(comparison, to: &doc) }
    for (i, section) in sections.enumerated() {
      addSection(section, index: i, level: nested ? 2 : 1, to: &doc)
    }
    return doc
  }

  private func addComparison(_ c: Comparison, to doc: inout ReportDocument) {
    let l = language
    let base = sections[0].summary
    let changed = sections[1].summary
    doc.add(
      .meta([
        "\(l.base): **\(base.scenarioName)** (\(sections[0].source))",
        "\(l.changed): **\(changed.scenarioName)** (\(sections[1].source))",
        l.runs(base.replications, seed: base.seed), l.commonRandomNumbers,
      ]))
    let describe = { (m: Measure) in l.measure(m, tierName: base.tierName, categoryName: base.categoryName) }
    let worse = c.rows.filter(\.worse)
    let flipped = c.targets.filter(\.flippedToMiss)
    var findings = [
      worse.isEmpty ? l.nothingWorse : l.worse(worse.map { describe($0.measure) }.joined(separator: ", "))
    ]
    if !c.targets.isEmpty {
      findings.append(
        flipped.isEmpty
          ? l.noTargetFlipped : l.flipped(flipped.map(\.base.target.name).joined(separator: ", ")))
    }
    doc.add(.heading(2, l.atAGlance))
    doc.add(
      .verdict(
        worse.isEmpty && flipped.isEmpty, l.comparisonVerdict(worse: worse.count, flipped: flipped.count)))
    doc.add(.bullets(findings))
    var rows: [[String]] = []
    for row in c.rows {
      let unit = row.measure.kind.unit
      var difference = "-"
      if let d = row.difference {
        let s = d.mean
        difference = l.difference(d.mean, unit, scale: s)
        if d.halfWidth > 0 {
          difference +=
            " (\(l.difference(d.low, unit, scale: s)) \(l.to) \(l.difference(d.high, unit, scale: s)))"
        }
      }
      let verdict =
        row.worse ? "**\(l.worseWord)**" : row.better ? l.betterWord : row.significant ? l.changedWord : ""
      rows.append([
        describe(row.measure), l.measure(row.base?.mean, unit), l.measure(row.changed?.mean, unit),
        difference,
        verdict,
      ])
    }
    doc.add(
      .table(
        headers: [l.measureHeader, l.base, l.changed, l.differenceHeader, ""], rows: rows,
        leftAligned: [0, 4]))
    if !c.targets.isEmpty {
      doc.add(.heading(3, l.targets))
      doc.add(
        .table(
          headers: [l.target, l.bound, l.base, l.changed, l.result],
          rows: c.targets.map { t in
            let unit = t.base.target.measure.kind.unit
            let result =
              t.flippedToMiss
              ? "**\(l.met) → \(l.missed)**"
              : !t.base.met && t.changed.met
                ? "\(l.missed) → \(l.met)" : t.changed.met ? l.met : "**\(l.missed)**"
            return [
              t.base.target.name, bound(t.base.target), l.interval(t.base.estimate, unit),
              l.interval(t.changed.estimate, unit), result,
            ]
          }, leftAligned: [0, 4]))
    }
  }

  private func bound(_ target: Target) -> String {
    let unit = target.measure.kind.unit
    switch target.bound {
    case .atLeast(let v): return "≥ " + language.measure(v, unit)
    case .atMost(let v): return "≤ " + language.measure(v, unit)
    }
  }

  private func addSection(_ section: Section, index: Int, level: Int, to doc: inout ReportDocument) {
    let l = language
    let s = section.summary
    let id = "s\(index)"
    var heading = s.scenarioName
    if let role = section.role { heading = "\(role == "base" ? l.base : l.changed): \(heading)" }
    doc.add(.heading(level, heading))
    var meta = [
      "\(l.file): \(section.source)",
      "\(l.period): \(l.date(s.start.dateDescription)) \(l.to) \(l.date(s.end.adding(minutes: -1).dateDescription))"
        + (s.warmUp.minutes > 0 ? l.separator + l.warmUp(s.warmUp.minutes) : ""),
      l.runs(s.replications, seed: s.seed),
    ]
    if !s.description.isEmpty { meta.insert(s.description, at: 0) }
    doc.add(.meta(meta))

    // At a glance.
    doc.add(.heading(level + 1, l.atAGlance))
    let missed = s.targets.filter { !$0.met }
    if !s.targets.isEmpty {
      doc.add(
        .verdict(
          missed.isEmpty,
          missed.isEmpty
            ? l.targetsMet(s.targets.count)
            : l.targetsMissed(
              missed.count, of: s.targets.count, names: missed.map(\.target.name).joined(separator: ", "))))
    }
    doc.add(.bullets(findings(s)))

    if !s.targets.isEmpty {
      doc.add(.heading(level + 1, l.targets))
      let describe = { (m: Measure) in l.measure(m, tierName: s.tierName, categoryName: s.categoryName) }
      doc.add(
        .figure(
          title: l.targetChart,
          svg: Charts.targets(s.targets, language: l, id: "\(id)-targets", describe: describe),
          caption: l.targetCaption))
      doc.add(
        .table(
          headers: [l.target, l.measureHeader, l.estimate, l.bound, l.margin, l.result],
          rows: s.targets.map { o in
            let unit = o.target.measure.kind.unit
            var result = o.met ? l.met : "**\(l.missed)**"
            if o.undecided { result += " (\(l.undecided))" }
            if o.estimate == nil { result += " (\(l.neverObserved))" }
            return [
              o.target.name, describe(o.target.measure), l.interval(o.estimate, unit), bound(o.target),
              o.margin.map { l.difference($0, unit) } ?? "-", result,
            ]
          }, leftAligned: [0, 1, 5]))
    }

    doc.add(.heading(level + 1, l.loadAndCapacity))
    doc.add(
      .figure(
        title: l.arrivalsChart, svg: Charts.arrivals(s, language: l, id: "\(id)-arrivals"),
        caption: l.arrivalsCaption))
    doc.add(
      .figure(
        title: l.backlogChart, svg: Charts.backlog(s, language: l, id: "\(id)-backlog"),
        caption: l.backlogCaption))
    doc.add(
      .table(
        headers: [l.tier, l.staff, l.utilization, l.visits, l.waitMean, l.waitP90, l.backlogPerDay],
        rows: s.tiers.map { t in
          [
            t.name, String(t.staff), l.percent(t.utilization), Format.count(t.all.count(.visits)),
            l.duration(t.all.duration(.wait).mean), l.duration(t.all.duration(.wait).p90),
            Format.count(t.backlogMean),
          ]
        }, leftAligned: [0]))
    if s.hasDutyShifts {
      doc.add(
        .paragraph(
          l.pick(
            "Waited for the office (duty staff took only what duty takes), visits per replication: ",
            "等待上班办理（值班人员只接办值班范围内的事项），每次重复件次：")
            + s.tiers.map { "\($0.name) \(Format.count($0.all.count(.waitedForOffice)))" }
            .joined(separator: l.pick(", ", "，")) + l.pick(".", "。")))
    }
    let withRoles = s.tiers.filter { !$0.roles.isEmpty }
    if !withRoles.isEmpty {
      doc.add(
        .table(
          headers: [l.tier, l.role, l.roleShare, l.roleBusy],
          rows: withRoles.flatMap { t in
            t.roles.enumerated().map { i, role in
              [i == 0 ? t.name : "", role.id, l.percent(role.share), l.percent(role.busy)]
            } + [["", l.allRoles, l.percent(t.utilization), ""]]
          }, leftAligned: [0, 1]))
      doc.add(.paragraph(l.rolesNote))
    }

    doc.add(.heading(level + 1, l.deadlines))
    doc.add(
      .figure(
        title: l.responseChart, svg: Charts.responseTimes(s, language: l, id: "\(id)-response"),
        caption: l.responseCaption))
    doc.add(
      .figure(
        title: l.heatMapChart, svg: Charts.onTimeHeatMap(s, language: l, id: "\(id)-heat"),
        caption: l.heatMapCaption))
    doc.add(
      .table(
        headers: [l.tier, l.responseMean, l.responseP90, l.responseOnTime, l.resolutionOnTime],
        rows: s.tiers.map { t in
          [
            t.name, l.duration(t.all.duration(.response).mean), l.duration(t.all.duration(.response).p90),
            l.percent(t.all.responseOnTime), l.percent(t.all.resolutionOnTime),
          ]
        }, leftAligned: [0]))

    doc.add(.heading(level + 1, l.escalations))
    doc.add(
      .figure(title: l.flowChart, svg: Charts.flow(s, language: l, id: "\(id)-flow"), caption: l.flowCaption))
    doc.add(
      .table(
        headers: [l.passedUpFrom] + EscalationReason.allCases.map(l.reason) + [l.closed],
        rows: s.tiers.map { t in
          [t.name] + EscalationReason.allCases.map { Format.count(t.all.count(.escalated($0))) } + [
            Format.count(t.all.count(.closed))
          ]
        }, leftAligned: [0]))

    doc.add(.heading(level + 1, l.details))
    doc.add(
      .table(
        headers: [
          l.category, l.itemsHeader, l.responseMean, l.responseP90, l.resolutionMean, l.resolutionP90,
          l.responseOnTime, l.resolutionOnTime,
        ],
        rows: zip(s.categories, s.overallByCategory).map { c, g in
          [
            c.name, Format.count(g.count(.appeared)), l.duration(g.duration(.response).mean),
            l.duration(g.duration(.response).p90), l.duration(g.duration(.resolution).mean),
            l.duration(g.duration(.resolution).p90), l.percent(g.responseOnTime),
            l.percent(g.resolutionOnTime),
          ]
        }, leftAligned: [0]))
    if s.slices.count > 1 {
      doc.add(.paragraph("**\(l.byDay)**"))
      doc.add(
        .table(
          headers: [
            l.daysAppeared, l.days, l.itemsHeader, l.responseMean, l.responseOnTime, l.resolutionOnTime,
          ]
            + s.tiers.map { "\(l.utilization) \($0.name)" },
          rows: s.slices.filter { $0.measuredDays > 0 }.map { slice in
            let o = slice.overall
            return [
              l.slice(slice.name), String(slice.measuredDays), Format.count(o.count(.appeared)),
              l.duration(o.duration(.response).mean), l.percent(o.responseOnTime),
              l.percent(o.resolutionOnTime),
            ] + slice.utilization.map { l.percent($0?.mean) }
          }, leftAligned: [0]))
    }
    if s.channels.contains(where: { $0.monitoring != nil }) {
      doc.add(.paragraph("**\(l.detection)**"))
      doc.add(
        .table(
          headers: [l.channel, l.checked, l.itemsHeader, l.detectionMean, "P90", l.responseMean, "P90"],
          rows: s.channels.map { c in
            [
              c.name, c.checks.map { Summary.describe($0, kindName: l.dayKind) } ?? l.continuously,
              Format.count(c.detection.count),
              l.duration(c.detection.mean), l.duration(c.detection.p90), l.duration(c.response.mean),
              l.duration(c.response.p90),
            ]
          }, leftAligned: [0, 1]))
    }
  }

  /// The sentences at the top of a scenario's report.
  func findings(_ s: Summary) -> [String] {
    let l = language
    let o = s.overall
    let open = s.tiers.reduce(0.0) { $0 + ($1.openAtEnd?.mean ?? 0) }
    var lines = [
      l.itemsLine(
        appeared: Format.count(o.count(.appeared)), closed: Format.count(o.count(.closed)),
        open: Format.count(open)),
      l.onTimeLine(response: l.percent(o.responseOnTime), resolution: l.percent(o.resolutionOnTime)),
    ]
    if let busiest = s.tiers.indices.max(by: {
      (s.tiers[$0].utilization?.mean ?? -1) < (s.tiers[$1].utilization?.mean ?? -1)
    }),
      let u = s.tiers[busiest].utilization
    {
      let t = s.tiers[busiest]
      lines.append(
        l.busiestLine(
          tier: t.name, utilization: l.percent(u.mean), wait: l.duration(t.all.duration(.wait).mean?.mean)))
    }
    let measured = s.days.indices.filter { !s.days[$0].warmUp }
    func dayLabel(_ d: Int) -> String {
      l.date(s.days[d].date) + (s.days[d].window.map { " (\(l.window($0)))" } ?? "")
    }
    var peak: (d: Int, t: Int, v: Double)?
    var worst: (d: Int, t: Int, v: Double)?
    // A day's visits reach their response deadline by the period's end only when the day ends at
    // least the tier's longest response deadline before it; later days count their hits but not
    // yet all their misses (an end-of-run effect), so they are left out.
    func complete(_ d: Int, _ t: Int) -> Bool {
      guard let longest = s.tiers[t].responseDeadline?.longest, longest.isFinite,
        let day = LocalDateTime(parsing: s.days[d].date)
      else { return false }
      return Double(day.minutes + 1440) + longest <= Double(s.end.minutes)
    }
    for d in measured {
      for t in s.tiers.indices {
        let b = s.days[d].backlog[t]
        if b > (peak?.v ?? 0) { peak = (d, t, b) }
        // Days with few deadlines say little: at least 10 over all replications.
        if let share = s.days[d].responseOnTime[t], complete(d, t),
          s.days[d].responseDeadlines[t] * Double(s.replications) >= 10,
          share < (worst?.v ?? 1)
        {
          worst = (d, t, share)
        }
      }
    }
    if let peak {
      lines.append(
        l.backlogLine(
          items: NumberText.decimal(peak.v, digits: 1), tier: s.tiers[peak.t].name, date: dayLabel(peak.d)))
    }
    if let worst {
      lines.append(
        l.worstDayLine(rate: l.percent(worst.v), tier: s.tiers[worst.t].name, date: dayLabel(worst.d)))
    }
    // The sources' three rates and three standards, and the units named for overdue items.
    if s.usesWorkflow {
      lines.append(
        l.ratesLine(
          response: l.percent(o.responseOnTime), resolution: l.percent(o.resolutionRate),
          satisfaction: l.percent(o.satisfaction), kept: l.percent(o.keptFromWorsening)))
      lines.append(
        l.namedLine(
          s.namedUnits.prefix(5).map {
            "\($0.unit) (\($0.tier), \(NumberText.decimal($0.perReplication, digits: 1)))"
          },
          more: max(0, s.namedUnits.count - 5)))
    }
    // A tier busy beyond its on-duty time: what to do next.
    for t in s.tiers.indices {
      let over = measured.filter { (s.days[$0].utilization[t] ?? 0) > 1 }
      guard let top = over.max(by: { (s.days[$0].utilization[t] ?? 0) < (s.days[$1].utilization[t] ?? 0) })
      else { continue }
      lines.append(
        l.overDutyLine(
          tier: s.tiers[t].name, days: over.count, peak: l.percent(s.days[top].utilization[t]),
          date: dayLabel(top)))
    }
    // Working-time deadlines pause over a holiday: show the clock beside the on-time rate.
    if s.workingTimeDeadlines {
      for slice in s.slices where slice.isWindow && slice.measuredDays > 0 {
        let o = slice.overall
        guard let onTime = o.responseOnTime, let p90 = o.duration(.response).p90?.mean else { continue }
        let detection = o.duration(.detection).p90?.mean
        lines.append(
          l.workingTimeLine(
            window: l.window(slice.name), onTime: l.percent(onTime), response: l.duration(p90),
            detection: detection.flatMap { $0 > 0 ? l.duration($0) : nil }))
      }
    }
    return lines
  }
}

extension Summary {
  /// Tier and category names that are not plain ASCII get their id after them: `网格员 (grid)`.
  mutating func nameWithIDs() {
    func named(_ name: String, _ id: String) -> String {
      name == id || name.unicodeScalars.allSatisfy(\.isASCII) ? name : "\(name) (\(id))"
    }
    for t in tiers.indices { tiers[t].name = named(tiers[t].name, tiers[t].id) }
    categories = categories.map { ($0.id, named($0.name, $0.id)) }
  }

  /// A tier's name from its id (the id when unknown).
  func tierName(_ id: String) -> String { tiers.first { $0.id == id }?.name ?? id }
  /// A category's name from its id (the id when unknown).
  func categoryName(_ id: String) -> String { categories.first { $0.id == id }?.name ?? id }
}
