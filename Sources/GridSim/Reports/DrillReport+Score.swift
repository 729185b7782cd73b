/// The score of a team's drill log: text, JSON, CSV, Markdown and HTML.
extension DrillReport {
  // MARK: the score

  func status(_ o: DrillScore.Outcome) -> String {
    switch o.status {
    case .onTime: pick("on time", "按时")
    case .late: pick("late", "超时")
    case .missing: pick("not done", "未完成")
    case .beyond: pick("beyond the drill", "演练结束后到期")
    }
  }

  func late(_ minutes: Double?) -> String {
    guard let minutes, minutes > 0 else { return "-" }
    return language.duration(minutes)
  }

  func failure(_ f: DrillScore.Failure) -> String {
    switch f {
    case .scoreBelow(let score, let minimum):
      pick(
        "the score \(DrillScore.formatted(score)) is below \(DrillScore.formatted(minimum))",
        "得分\(DrillScore.formatted(score))低于\(DrillScore.formatted(minimum))")
    case .objectiveBelow(let id, let rating, let minimum):
      id.isEmpty
        ? pick(
          "the drill is rated \(rating.code), below \(minimum.code)", "总评\(rating.code)，低于\(minimum.code)")
        : pick(
          "objective \(id) is rated \(rating.code), below \(minimum.code)",
          "目标\(id)评定为\(rating.code)，低于\(minimum.code)")
    }
  }

  func reason(_ r: DrillScore.Reason, _ row: TeamLog.Row) -> String {
    switch r {
    case .beforeRelease:
      pick("before inject '\(row.inject)' was released", "早于事件\(row.inject)发布时间")
    case .otherUnit:
      pick(
        "\(row.unit) is not the inject's grid or a unit above it", "\(row.unit)不是该事件所在网格或其上级单位")
    case .notReleased:
      pick(
        "inject '\(row.inject)' was not released: its contingency's trigger was not met",
        "事件\(row.inject)未发布（触发条件未出现）")
    case .repeated:
      pick(
        "a later '\(row.action.rawValue)' of the same inject (the first one counts)",
        "同一事件的重复\(row.action.chineseName)（以第一次为准）")
    case .wrongTier(let expected, let done):
      pick(
        "expected of \(tierName(expected)), done by \(tierName(done))",
        "应由\(tierName(expected))完成，记录为\(tierName(done))")
    case .notExpected:
      pick(
        "the pack does not expect '\(row.action.rawValue)' of inject '\(row.inject)'",
        "演练包未要求事件\(row.inject)的\(row.action.chineseName)")
    }
  }

  func notCounted(_ score: DrillScore, _ u: DrillScore.Unexpected) -> String {
    let row = score.log.rows[u.row]
    return pick("line \(row.line): ", "第\(row.line)行：") + reason(u.reason, row)
  }

  func worseningLine(_ w: DrillScore.Worsening) -> String {
    w.kept
      ? pick(
        "\(w.inject): opinion kept from worsening (answered by \(w.by)).", "\(w.inject)：已在\(w.by)前回应，舆情未恶化。")
      : pick(
        "\(w.inject): opinion worsened at \(w.by) (not answered by then).", "\(w.inject)：\(w.by)前未回应，舆情恶化。")
  }

  func ratingText(_ r: DrillRating?) -> String {
    guard let r else { return pick("not tested", "未检验") }
    return "\(r.code) (\(r.name(language.code)))"
  }

  /// The simulated policy's figures for an outcome: median, 90th percentile, and where the team
  /// falls.
  func simulated(_ o: DrillScore.Outcome) -> (p50: String, p90: String, team: String)? {
    guard let sim = o.simulated, !sim.isEmpty else { return nil }
    let p50 = Quantile.nearestRank(sim, 0.5)
    let p90 = Quantile.nearestRank(sim, 0.9)
    let team = o.fasterThanPercent.map { p in
      pick("faster than \(p)% of simulated runs", "快于\(p)%的模拟运行")
    }
    return (language.duration(p50), language.duration(p90), team ?? "-")
  }

  /// The score on the terminal.
  package func scoreText(_ score: DrillScore, source: String) -> String {
    var out = pick("gridsim drill score: ", "gridsim drill score：") + "\(pack.name)\n"
    out +=
      pick("Scenario: \(scenario.name) (\(source)); log: ", "情景：\(scenario.name)（\(source)）；记录：")
      + "\(score.log.path)" + pick(" (", "（")
    out += pick("\(score.log.rows.count) rows", "\(score.log.rows.count)行")
    if !score.log.blankLines.isEmpty {
      out += pick(
        ", \(score.log.blankLines.count) left without a time", "，\(score.log.blankLines.count)行未填时间")
    }
    out += pick(")", "）") + "\n"
    if let ends = score.ends { out += pick("Drill ends: ", "演练结束：") + when(ends) + "\n" }
    out +=
      pick("Score: ", "得分：") + "\(DrillScore.formatted(score.score))/100" + pick(", rating ", "，评定 ")
      + ratingText(score.rating) + "\n"
    if let passed = score.passed {
      out += pick("Result: ", "结果：") + verdictWord(passed)
      if !passed {
        out +=
          pick(" (", "（") + score.failures.map(failure).joined(separator: pick("; ", "；")) + pick(")", "）")
      }
      out += "\n"
    }
    if !score.objectives.isEmpty {
      out += "\n"
      var t = TextTable(headers: ["ID", pick("Objective", "目标"), pick("Score", "得分"), pick("Rating", "评定")])
      t.leftAligned = [0, 1, 3]
      for o in score.objectives {
        t.rows.append([
          o.objective.id, o.objective.text, o.score.map(DrillScore.formatted) ?? "-", ratingText(o.rating),
        ])
      }
      out += t.rendered()
    }
    out += "\n" + outcomeTable(score).rendered()
    if !score.byTier.isEmpty || !score.byRole.isEmpty {
      out += "\n" + pick("First response, from release", "首次响应用时（自发布起）") + "\n"
      var t = TextTable(headers: [
        pick("Tier or role", "层级或角色"), pick("Items", "事件数"), pick("Median", "中位数"), "p90",
      ])
      for r in score.byTier + score.byRole {
        t.rows.append([r.label, String(r.count), language.duration(r.median), language.duration(r.p90)])
      }
      out += t.rendered()
    }
    for w in score.worsening {
      out +=
        w.kept
        ? pick(
          "\(w.inject): opinion kept from worsening (answered by \(w.by)).\n",
          "\(w.inject)：已在\(w.by)前回应，舆情未恶化。\n")
        : pick(
          "\(w.inject): opinion worsened at \(w.by) (not answered by then).\n",
          "\(w.inject)：\(w.by)前未回应，舆情恶化。\n")
    }
    let improvements = improvementRows(score)
    if !improvements.isEmpty {
      out += "\n" + pick("To improve", "改进事项") + "\n"
      var t = TextTable(headers: [
        pick("Inject", "事件"), pick("Action", "动作"), pick("Tier", "层级"), pick("What happened", "情况"),
        pick("Rule", "依据"),
      ])
      t.leftAligned = [0, 1, 2, 3, 4]
      t.rows = improvements
      out += t.rendered()
    }
    if !score.unexpected.isEmpty {
      out += "\n" + pick("Log rows not counted", "未计入的记录") + "\n"
      for u in score.unexpected { out += "  " + notCounted(score, u) + "\n" }
    }
    if let line = beyondLine(score) { out += "\n" + line + "\n" }
    out += "\n" + pick("Scoring rule", "评分规则") + ": " + scoringRule + "\n"
    return out
  }

  var scoringRule: String {
    pick(
      "each expected action scores 100 on time, 75 late by at most 25% of the time its deadline allowed, 50 by at most 100%, 25 later, 0 not done; an objective scores the mean of its actions and is rated P (all on time), S (all done, none late by more than 25%), M (at least half done) or U. Actions due after the drill's end are not scored. \"Faster than N% of simulated runs\": the share of the policy's runs that took longer than the team; a run that took exactly as long is not counted as slower.",
      "每项预期行动：按时100分，超时不超过时限的25%得75分，不超过100%得50分，更晚25分，未完成0分；目标得分为其行动得分的平均值，评定为P（全部按时）、S（全部完成且超时均不超过25%）、M（至少完成一半）或U。演练结束后才到期的行动不计分。“快于N%的模拟运行”：模拟运行中用时长于参演队伍的比例，用时相同的不算作更慢。"
    )
  }

  /// `2026-10-02T07:10` as `10-02 07:10`; other text as it is.
  static func monthDayTime(_ text: String) -> String {
    guard text.count == 16, let t = LocalDateTime(parsing: text) else { return text }
    let d = t.description
    return String(d.dropFirst(5).prefix(5)) + " " + String(d.suffix(5))
  }

  /// `PASSED` / `NOT PASSED` (通过 / 未通过).
  func verdictWord(_ passed: Bool) -> String {
    passed ? pick("PASSED", "通过") : pick("NOT PASSED", "未通过")
  }

  /// The actions due after the drill's end, in one line (nil when there are none).
  func beyondLine(_ score: DrillScore) -> String? {
    guard let ends = score.ends, !score.beyond.isEmpty else { return nil }
    let items = score.beyond.map { i -> String in
      let o = score.outcomes[i]
      return "\(o.expectation.inject) \(actionName(o.expectation.action)) \(tierName(o.expectation.tier)) "
        + pick("due ", "时限") + o.expectation.due.description
        + (o.actual.map { pick(" (done \($0))", "（已于\($0)完成）") } ?? "")
    }
    return pick(
      "Beyond the drill (it ends \(ends)), not scored: ", "演练（\(ends)结束）后到期，不计分：")
      + items.joined(separator: pick("; ", "；"))
  }

  func outcomeTable(_ score: DrillScore) -> TextTable {
    var headers = [
      pick("Inject", "事件"), pick("Action", "动作"), pick("Tier", "层级"), pick("Due", "时限"), pick("Done", "完成时间"),
      pick("Status", "结果"), pick("Late", "超时"), pick("Late (office)", "超时（工作时间）"), pick("Points", "得分"),
    ]
    let simulatedRun = score.replications > 0
    if simulatedRun {
      headers += [pick("Policy p50", "模拟中位数"), pick("Policy p90", "模拟p90"), pick("Team vs policy", "与模拟比较")]
    }
    var t = TextTable(headers: headers)
    t.leftAligned = simulatedRun ? [0, 1, 2, 3, 4, 5, 11] : [0, 1, 2, 3, 4, 5]
    for o in score.outcomes {
      var row = [
        o.expectation.inject, actionName(o.expectation.action), tierName(o.expectation.tier),
        o.expectation.due.description,
        o.actual?.description ?? "-", status(o), late(o.lateCalendar), late(o.lateWorking),
        o.scored ? String(o.points) : "-",
      ]
      if simulatedRun {
        let s = simulated(o)
        row += [s?.p50 ?? "-", s?.p90 ?? "-", s?.team ?? "-"]
      }
      t.rows.append(row)
    }
    return t
  }

  func improvementRows(_ score: DrillScore) -> [[String]] {
    score.outcomes.filter { $0.status == .late || $0.status == .missing }.map { o in
      let inject = pack.injects.first { $0.id == o.expectation.inject }!
      let what =
        o.status == .missing
        ? pick("not done (due \(o.expectation.due))", "未完成（时限\(o.expectation.due)）")
        : o.workingClock
          ? pick(
            "late by \(late(o.lateCalendar)) (\(late(o.lateWorking)) of office time)",
            "超时\(late(o.lateCalendar))（其中工作时间\(late(o.lateWorking))）")
          : pick("late by \(late(o.lateCalendar))", "超时\(late(o.lateCalendar))")
      var line = what
      if let sim = o.simulated, !sim.isEmpty {
        let p90 = Quantile.nearestRank(sim, 0.9)
        line +=
          p90.isFinite
          ? pick(
            "; the policy as simulated does it within \(language.duration(p90)) in 90% of runs",
            "；模拟的制度在90%的运行中于\(language.duration(p90))内完成")
          : pick(
            "; the policy as simulated does not do it in more than 10% of runs",
            "；模拟的制度在超过10%的运行中未完成")
      }
      return [
        o.expectation.inject, actionName(o.expectation.action), tierName(o.expectation.tier), line,
        basis(o.expectation, inject: inject),
      ]
    }
  }

  func scoreDocument(_ score: DrillScore) -> ReportDocument {
    var doc = ReportDocument(title: pack.name, language: language)
    doc.htmlFile = "score.html"
    doc.add(.heading(1, pick("Drill evaluation: ", "演练评估：") + pack.name))
    var meta = [pick("Scenario: ", "情景：") + scenario.name, pick("Team log: ", "记录：") + score.log.path]
    if let ends = score.ends { meta.append(pick("Drill ends: ", "演练结束：") + when(ends)) }
    doc.add(.meta(meta))
    let verdict =
      (score.passed.map { "**\(verdictWord($0))** · " } ?? "")
      + pick("Score ", "得分 ") + "**\(DrillScore.formatted(score.score))**/100, " + pick("rating ", "评定 ")
      + ratingText(score.rating)
    doc.add(
      .verdict(
        score.passed ?? (score.rating <= .someChallenges),
        verdict
          + (score.failures.isEmpty
            ? "" : " — " + score.failures.map(failure).joined(separator: pick("; ", "；")))))
    if !score.objectives.isEmpty {
      doc.add(.heading(2, pick("Objectives", "演练目标")))
      doc.add(
        .table(
          headers: [
            "ID", pick("Objective", "目标"), pick("Rule tested", "检验的规定"), pick("Score", "得分"),
            pick("Rating", "评定"),
          ],
          rows: score.objectives.map {
            [
              $0.objective.id, $0.objective.text, $0.objective.rule ?? "",
              $0.score.map(DrillScore.formatted) ?? "-", ratingText($0.rating),
            ]
          },
          leftAligned: [0, 1, 2, 4]))
    }
    doc.add(.heading(2, pick("Timeline", "时间线")))
    for (n, release) in score.timeline.releases.enumerated() where release.fired {
      let inject = pack.injects[release.inject]
      let rows = timelineRows(score, inject: inject.id)
      guard !rows.isEmpty else { continue }
      doc.add(
        .figure(
          title: "\(inject.id) · \(inject.title)",
          svg: timelineSVG(rows, released: release.time, index: n),
          caption: pick(
            "Time from the inject's release (\(when(release.time))), on a logarithmic axis: each action's due time (bar), when the team did it (dot: filled on time, open late, with how late), and the simulated policy's 50th to 90th percentile (gray band; hatched to the edge when more than a tenth of the runs never did it).",
            "横轴为自事件发布（\(when(release.time))）起的时间（对数刻度）：竖线为各行动时限，圆点为参演队伍完成时间（实心按时，空心超时并注明超时多少），灰色带为模拟制度的中位数至第90百分位（超过一成运行未完成时以斜线延伸至右端）。"
          )))
    }
    doc.add(.heading(2, pick("Expected actions", "预期行动")))
    let table = outcomeTable(score)
    // Dates as month-day and time (the year is the release's, in the timeline above), on one line.
    // The team against the policy as a share, under a header that says what it counts.
    var headers = table.headers
    if score.replications > 0 { headers[11] = pick("Faster than (% of simulated runs)", "快于模拟运行的比例") }
    let rows = zip(table.rows, score.outcomes).map { row, o in
      row.enumerated().map { i, cell in
        i == 3 || i == 4
          ? Self.monthDayTime(cell) : i == 11 ? (o.fasterThanPercent.map { "\($0)%" } ?? "-") : cell
      }
    }
    doc.add(
      .wideTable(
        headers: headers, rows: rows, leftAligned: table.leftAligned,
        nowrap: Set(0...min(10, table.headers.count - 1)).subtracting(score.replications > 0 ? [] : [11])))
    if let line = beyondLine(score) { doc.add(.paragraph(line)) }
    if !score.byTier.isEmpty || !score.byRole.isEmpty {
      doc.add(.heading(2, pick("First response, from release", "首次响应用时（自发布起）")))
      doc.add(
        .table(
          headers: [pick("Tier or role", "层级或角色"), pick("Items", "事件数"), pick("Median", "中位数"), "p90"],
          rows: (score.byTier + score.byRole).map {
            [$0.label, String($0.count), language.duration($0.median), language.duration($0.p90)]
          },
          leftAligned: [0]))
    }
    if !score.worsening.isEmpty { doc.add(.bullets(score.worsening.map(worseningLine))) }
    let plan = improvementPlan(score)
    if !plan.isEmpty {
      doc.add(.heading(2, pick("Improvement plan", "改进计划")))
      doc.add(
        .paragraph(
          pick(
            "One row per action late or not done (HSEEP's improvement plan): the responsible unit is the tier that owed it; the corrective action, contact and dates are agreed at the debrief (also in improvement-plan.csv, to fill in).",
            "每项超时或未完成的行动一行（改进计划）：责任单位为应完成该行动的层级；改进措施、联系人和日期在讲评时商定（另见 improvement-plan.csv，可直接填写）。"
          )))
      doc.add(
        .wideTable(
          headers: improvementPlanHeaders.map(\.title), rows: plan, leftAligned: Set(1..<plan[0].count),
          nowrap: [0, 2, 3, 4, 8, 9, 10]))
    }
    if !score.unexpected.isEmpty {
      doc.add(.heading(2, pick("Log rows not counted", "未计入的记录")))
      doc.add(.bullets(score.unexpected.map { notCounted(score, $0) }))
    }
    doc.add(.paragraph(pick("Scoring rule: ", "评分规则：") + scoringRule))
    return doc
  }

  /// The improvement plan's columns: their titles in the report's language, and the CSV's keys.
  var improvementPlanHeaders: [(title: String, key: String)] {
    [
      ("#", pick("no", "序号")), (pick("Objective", "目标"), pick("objective", "目标")),
      (pick("Inject", "事件"), pick("inject", "事件")), (pick("Action", "动作"), pick("action", "动作")),
      (pick("Tier", "层级"), pick("tier", "层级")), (pick("Issue", "问题"), pick("issue", "问题")),
      (pick("Rule", "依据"), pick("rule", "依据")),
      (pick("Corrective action", "改进措施"), pick("corrective_action", "改进措施")),
      (pick("Responsible", "责任单位"), pick("responsible", "责任单位")),
      (pick("Start", "开始日期"), pick("start", "开始日期")),
      (pick("Completion", "完成日期"), pick("completion", "完成日期")),
      (pick("Contact", "联系人"), pick("contact", "联系人")),
    ]
  }

}
