import Foundation

/// Teams compared on one pack (``DrillComparison``): text, JSON, CSV, Markdown and HTML, with a
/// chart per objective and a table per action, and each team's own score files.
extension DrillReport {
  var rankingRule: String {
    pick(
      "Ranked by score (higher first), then rating (better first), then total lateness (minutes late summed over the scored actions, office time for working-time deadlines; less first); teams equal on all three share a rank.",
      "排名依次按得分（高者在前）、评定（优者在前）、累计超时（各计分行动超时之和，工作时间时限按工作时间计；少者在前）；三项均相同的并列。"
    )
  }

  func verdictCell(_ passed: Bool?) -> String { passed.map(verdictWord) ?? "-" }

  /// One row per team, in rank order.
  func comparisonRows(_ c: DrillComparison) -> [[String]] {
    c.teams.map { t in
      let s = t.score
      return [
        String(t.rank), t.name, DrillScore.formatted(s.score), s.rating.code, verdictCell(s.passed),
        s.totalLateness > 0 ? language.duration(s.totalLateness) : "-",
        String(s.outcomes.filter { $0.status == .missing }.count),
      ]
        + pack.objectives.map { o in
          s.objectives.first { $0.objective.id == o.id }?.score.map(DrillScore.formatted) ?? "-"
        }
    }
  }

  var comparisonHeaders: [String] {
    [
      pick("Rank", "名次"), pick("Team", "队伍"), pick("Score", "得分"), pick("Rating", "评定"),
      pick("Result", "结果"), pick("Late in all", "累计超时"), pick("Not done", "未完成"),
    ] + pack.objectives.map(\.id)
  }

  /// Every expected action of any team (inject, action, tier), in the order first met.
  func comparisonActions(_ c: DrillComparison) -> [(inject: String, action: DrillAction, tier: Int)] {
    var keys: [(inject: String, action: DrillAction, tier: Int)] = []
    for t in c.teams {
      for o in t.score.outcomes {
        let e = o.expectation
        if !keys.contains(where: { $0.inject == e.inject && $0.action == e.action && $0.tier == e.tier }) {
          keys.append((e.inject, e.action, e.tier))
        }
      }
    }
    return keys
  }

  /// Points per action and team: `-` where the team was not expected to do it (a contingency it
  /// did not trigger), `·` beyond the drill's end.
  func comparisonActionTable(_ c: DrillComparison) -> TextTable {
    var t = TextTable(
      headers: [pick("Inject", "事件"), pick("Action", "动作"), pick("Tier", "层级")] + c.teams.map(\.name))
    t.leftAligned = [0, 1, 2]
    for key in comparisonActions(c) {
      t.rows.append(
        [key.inject, actionName(key.action), tierName(key.tier)]
          + c.teams.map { team in
            guard
              let o = team.score.outcomes.first(where: {
                $0.expectation.inject == key.inject && $0.expectation.action == key.action
                  && $0.expectation.tier == key.tier
              })
            else { return "-" }
            return o.scored ? String(o.points) : "·"
          })
    }
    return t
  }

  func comparisonFailures(_ c: DrillComparison) -> String {
    c.teams.filter { $0.score.passed == false }.map { t in
      t.name + pick(": ", "：") + t.score.failures.map(failure).joined(separator: pick(", ", "，"))
    }.joined(separator: pick("; ", "；"))
  }

  /// The comparison on the terminal.
  package func comparisonText(_ c: DrillComparison, source: String) -> String {
    var out = pick("gridsim drill score: ", "gridsim drill score：") + "\(pack.name)\n"
    out += pick("Scenario: \(scenario.name) (\(source)); ", "情景：\(scenario.name)（\(source)）；")
    out += pick("\(c.teams.count) teams compared", "\(c.teams.count)支队伍比较") + "\n"
    if let ends = c.teams.first?.score.ends { out += pick("Drill ends: ", "演练结束：") + when(ends) + "\n" }
    if let passed = c.allPassed {
      out += pick("Result: ", "结果：")
      out +=
        passed
        ? pick("every team PASSED", "全部通过")
        : pick("NOT PASSED (", "未通过（") + comparisonFailures(c) + pick(")", "）")
      out += "\n"
    }
    out += rankingRule + "\n\n"
    var t = TextTable(headers: comparisonHeaders)
    t.leftAligned = [1, 3, 4]
    t.rows = comparisonRows(c)
    out += t.rendered()
    out += "\n" + pick("Points per expected action", "各预期行动得分") + "\n"
    out += comparisonActionTable(c).rendered()
    out += pick(
      "('-': not expected of the team; '·': due after the drill's end)\n", "（“-”：该队伍无此行动；“·”：演练结束后到期）\n")
    return out
  }

  /// The comparison as JSON (English words whatever the language).
  package func comparisonJSON(_ c: DrillComparison, source: String) -> JSONNode {
    let english = DrillReport(pack: pack, scenario: scenario, language: .en)
    return .object([
      ("pack", .string(pack.name)), ("source", .string(source)), ("scenario", .string(scenario.name)),
      ("ranking", .string(english.rankingRule)),
      ("passed", c.allPassed.map { .bool($0) } ?? .null),
      (
        "teams",
        .array(
          c.teams.map { t in
            .object([
              ("rank", .int(t.rank)), ("name", .string(t.name)), ("log", .string(t.score.log.path)),
              ("score", .number(t.score.score)), ("rating", .string(t.score.rating.code)),
              ("passed", t.score.passed.map { .bool($0) } ?? .null),
              ("failures", .array(t.score.failures.map { .string(english.failure($0)) })),
              ("totalLateMinutes", .number(t.score.totalLateness)),
              ("notDone", .int(t.score.outcomes.filter { $0.status == .missing }.count)),
              (
                "objectives",
                .array(
                  t.score.objectives.map { o in
                    .object([
                      ("id", .string(o.objective.id)), ("score", .number(o.score)),
                      ("rating", o.rating.map { .string($0.code) } ?? .null),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  /// `comparison.csv`: one row per team, in rank order.
  package func comparisonCSV(_ c: DrillComparison) -> String {
    var out = CSV.row(
      ["rank", "team", "log", "score", "rating", "passed", "total_late_minutes", "not_done"]
        + pack.objectives.map { "\($0.id)_score" })
    for t in c.teams {
      let s = t.score
      out += CSV.row(
        [
          String(t.rank), t.name, s.log.path, String(format2: s.score, digits: 1), s.rating.code,
          s.passed.map { $0 ? "yes" : "no" } ?? "", String(format2: s.totalLateness, digits: 1),
          String(s.outcomes.filter { $0.status == .missing }.count),
        ]
          + pack.objectives.map { o in
            s.objectives.first { $0.objective.id == o.id }?.score.map { String(format2: $0, digits: 1) } ?? ""
          })
    }
    return out
  }

  /// A horizontal bar per team: its score (0-100) on one objective, or overall, with its rating.
  func comparisonChart(
    _ bars: [(team: String, score: Double?, rating: DrillRating?)], id: String, title: String
  )
    -> String
  {
    let labelWidth = min(220, max(80, bars.map { SVG.estimatedWidth($0.team, size: 12) }.max() ?? 80) + 12)
    let width = 640.0
    let right = width - 60
    let row = 24.0
    let top = 22.0
    let height = top + Double(bars.count) * row + 8
    var svg = SVG(width: width, height: height, id: id)
    let x = LinearScale(domain: (0, 100), range: (labelWidth, right))
    for tick in stride(from: 0.0, through: 100, by: 25) {
      svg.line(x(tick), top - 4, x(tick), height - 8, stroke: "#ddd", width: 1)
      svg.text(x(tick), top - 8, String(Int(tick)), size: 10, anchor: .middle, fill: "#444")
    }
    for (i, bar) in bars.enumerated() {
      let y = top + Double(i) * row
      svg.text(labelWidth - 8, y + row / 2 + 4, bar.team, size: 12, anchor: .end)
      if let score = bar.score {
        svg.rect(x: x(0), y: y + 4, width: x(score) - x(0), height: row - 8, fill: i == 0 ? "#444" : "#999")
        svg.text(
          x(score) + 5, y + row / 2 + 4,
          DrillScore.formatted(score) + (bar.rating.map { " " + $0.code } ?? ""),
          size: 11, bold: true)
      } else {
        svg.text(x(0) + 5, y + row / 2 + 4, pick("not tested", "未检验"), size: 11, fill: "#444")
      }
    }
    return svg.rendered(title: title)
  }

  func comparisonDocument(_ c: DrillComparison) -> ReportDocument {
    var doc = ReportDocument(title: pack.name, language: language)
    doc.htmlFile = "comparison.html"
    doc.add(.heading(1, pick("Teams compared: ", "队伍比较：") + pack.name))
    var meta = [
      pick("Scenario: ", "情景：") + scenario.name,
      pick("Teams: ", "队伍：")
        + c.teams.map { "\($0.name) (\($0.score.log.path))" }.joined(separator: pick(", ", "，")),
    ]
    if let ends = c.teams.first?.score.ends { meta.append(pick("Drill ends: ", "演练结束：") + when(ends)) }
    doc.add(.meta(meta))
    if let passed = c.allPassed {
      doc.add(
        .verdict(
          passed,
          passed
            ? "**" + pick("PASSED", "通过") + "** · " + pick("every team met the pass criteria", "全部队伍达到通过标准")
            : "**" + pick("NOT PASSED", "未通过") + "** · " + comparisonFailures(c)))
    }
    doc.add(.heading(2, pick("Ranking", "排名")))
    doc.add(.paragraph(rankingRule))
    doc.add(
      .wideTable(
        headers: comparisonHeaders, rows: comparisonRows(c), leftAligned: [1, 3, 4], nowrap: [4, 5]))
    doc.add(.heading(2, pick("Score by objective", "各目标得分")))
    let overall = comparisonChart(
      c.teams.map { ($0.name, $0.score.score, $0.score.rating) }, id: "cmp-all", title: pick("Overall", "总分"))
    doc.add(
      .figure(
        title: pick("Overall", "总分"), svg: overall,
        caption: pick(
          "Each team's score out of 100 and its rating; the best-ranked team dark.",
          "各队伍得分（满分100）与评定；名次最高者深色。")))
    for (n, o) in pack.objectives.enumerated() {
      let bars = c.teams.map { t -> (String, Double?, DrillRating?) in
        let r = t.score.objectives.first { $0.objective.id == o.id }
        return (t.name, r?.score, r?.rating)
      }
      doc.add(
        .figure(
          title: "\(o.id) · \(o.text)", svg: comparisonChart(bars, id: "cmp-\(n)", title: o.id),
          caption: (o.rule.map { pick("Rule tested: ", "检验的规定：") + $0 + pick(". ", "。") } ?? "")
            + pick("Score out of 100 and rating per team.", "各队伍该目标得分（满分100）与评定。")))
    }
    doc.add(.heading(2, pick("Points per expected action", "各预期行动得分")))
    let actions = comparisonActionTable(c)
    doc.add(.table(headers: actions.headers, rows: actions.rows, leftAligned: actions.leftAligned))
    doc.add(
      .paragraph(
        pick(
          "'-': not expected of the team (a contingency it did not trigger); '·': due after the drill's end. Each team's own score is in teams/NAME/score.html.",
          "“-”：该队伍无此行动（未触发的应急追加事件）；“·”：演练结束后到期。各队伍的评分见 teams/队伍名/score.html。")))
    doc.add(.paragraph(pick("Scoring rule: ", "评分规则：") + scoringRule))
    return doc
  }

  /// A folder name for a team: its name with path separators and other characters that folders
  /// cannot hold replaced.
  static func folderName(_ name: String) -> String {
    let bad = Set<Character>("/\\:*?\"<>| \t\n")
    let cleaned = String(name.map { bad.contains($0) ? "-" : $0 })
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "team-" + cleaned : cleaned
  }

  /// The files `drill score --log A --log B --out DIR` writes: the comparison, and each team's score
  /// files under `teams/NAME/`.
  package func comparisonFiles(_ c: DrillComparison, source: String) -> [(name: String, text: String)] {
    let doc = comparisonDocument(c)
    let footer = "gridsim drill score"
    var files: [(name: String, text: String)] = [
      ("comparison.json", comparisonJSON(c, source: source).rendered()), ("comparison.csv", comparisonCSV(c)),
      ("comparison.md", doc.markdown(footer: footer)), ("comparison.html", doc.html(footer: footer)),
    ]
    var used = Set<String>()
    for t in c.teams {
      var folder = Self.folderName(t.name)
      while used.contains(folder) { folder += "-2" }
      used.insert(folder)
      for f in scoreFiles(t.score, source: source) { files.append(("teams/\(folder)/\(f.name)", f.text)) }
    }
    return files
  }
}
