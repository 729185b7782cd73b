import Foundation

/// The files of `gridsim plan --out`: `roster.csv`, `plan.json`, `report.html` and `report.md`.
extension PlanReport {
  /// `when,unit,shift,staff`: the plan as roster rows for every unit of each planned tier (and rows
  /// of their own for units with fewer people than the tier's headcounts add up to).
  package func rosterCSV() -> String {
    var out = CSV.row(["when", "unit", "shift", "staff"])
    for row in problem.rows(for: result.plan) {
      out += CSV.row([
        Self.iso(row.date), row.unit.map { problem.models[0].unitNames[$0] } ?? scenario.tiers[row.tier].id,
        problem.rosters[row.tier]!.shifts[row.shift].name, String(row.staff),
      ])
    }
    return out
  }

  /// A check as `plan.json` records it.
  func checkJSON(_ c: Planner.Check) -> JSONNode {
    let (rule, name): (String, String) =
      switch c.rule {
      case .target(let i): ("target", scenario.targets[i].name)
      case .recovery(let t): ("recovery", scenario.tiers[t].id)
      case .dutyFloor(let t): ("dutyFloor", scenario.tiers[t].id)
      }
    return .object([
      ("rule", .string(rule)), ("target", .string(name)),
      ("date", c.date.map { .string(Self.iso($0)) } ?? .null),
      ("surge", .number(problem.spec.surges[c.surge])),
      ("mean", .number(c.outcome.estimate?.mean)), ("low", .number(c.outcome.estimate?.low)),
      ("high", .number(c.outcome.estimate?.high)), ("met", .bool(c.outcome.met)),
    ])
  }

  /// `plan.json`: the plan, its certificate and what re-runs it (`gridsim check SCENARIO --plan`):
  /// the seeds, the replications, the surges and every check, day by day.
  package func json() -> String {
    let decisions: [JSONNode] = problem.decisions.enumerated().map { i, d in
      .object([
        ("tier", .string(scenario.tiers[d.tier].id)),
        ("unit", d.unit.map { .string(problem.models[0].unitNames[$0]) } ?? .null),
        ("shift", .string(problem.rosters[d.tier]!.shifts[d.shift].name)),
        ("date", .string(Self.iso(d.date))), ("staff", .int(result.plan[i])),
        ("current", .number(problem.current[i])), ("min", .int(problem.lower[i])),
        ("max", .int(problem.upper[i])), ("onHand", .int(problem.groups[problem.group[i]].available)),
        ("units", .int(problem.units(i))), ("hours", .number(problem.hours(i))),
        (
          "minimality",
          result.minimality[i].map { fewer -> JSONNode in
            switch fewer {
            case .misses(let check): .string(problem.describe(check))
            case .withinNoise: .string("not shown")
            case .passes: .string("also meets every check")
            }
          } ?? .string("at its lower bound")
        ),
      ])
    }
    let shortfalls: [JSONNode] = result.shortfalls.map { s in
      let g = problem.groups[s.group]
      return .object([
        ("tier", .string(scenario.tiers[g.tier].id)),
        ("unit", g.unit.map { .string(problem.models[0].unitNames[$0]) } ?? .null),
        ("date", .string(Self.iso(g.date))), ("needed", .int(s.needed)), ("onHand", .int(s.available)),
        ("short", .int(s.short)),
      ])
    }
    let verdict: String =
      switch result.verdict {
      case .certified: "certified"
      case .infeasible: "infeasible"
      case .notCertified: "not certified"
      case .short: "short of people"
      }
    let plan = planOnDuty
    let floor = floorOnDuty
    let bound = problem.lowerBound(work: result.work)
    return JSONNode.object([
      ("schema", .string("gridsim-plan")), ("version", .int(2)),
      ("scenario", .object([("name", .string(scenario.name)), ("file", .string(source))])),
      (
        "window",
        .object([("from", .string(Self.iso(problem.spec.from))), ("to", .string(Self.iso(problem.spec.to)))])
      ),
      ("judge", .string(problem.spec.judge.rawValue)), ("verdict", .string(verdict)),
      (
        "certificate",
        .object([
          ("seed", .string(String(result.certificationSeed))),
          ("replications", .int(result.certificationReplications)),
          ("surges", .array(problem.spec.surges.map { .number($0) })),
          ("recovery", .int(problem.spec.recovery)),
          (
            "recoveryDays",
            problem.recovery.map { r in
              .object([
                ("before", .string(Self.iso(firstDay + r.before))),
                ("after", .string(Self.iso(firstDay + r.after))),
              ])
            } ?? .null
          ),
          ("dutyFloor", .number(problem.spec.dutyFloor)),
        ])
      ),
      ("staffHours", .number(plan.hours)), ("cost", .number(plan.cost)),
      ("currentStaffHours", .number(currentOnDuty.hours)),
      (
        "lowerBound",
        .object([
          ("staffHours", .number(bound.hours)), ("shiftsAtLeast", .number(floor.hours)),
          ("cost", .number(floor.cost)),
          (
            "work",
            .object(
              problem.rosters.keys.sorted().compactMap { t in
                result.work[t].map { (scenario.tiers[t].id, .number($0)) }
              })
          ),
        ])
      ),
      ("moves", .object([("tried", .int(result.movesTried)), ("kept", .int(result.movesTaken))])),
      ("neighbours", result.neighbourhood.map(neighbourJSON) ?? .null),
      ("evaluations", .int(result.evaluations)), ("simulations", .int(result.simulations)),
      ("decisions", .array(decisions)), ("shortfalls", .array(shortfalls)),
      ("certification", .array(result.evaluation.checks.map(checkJSON))),
    ]).rendered()
  }

  /// `plan.json`'s neighbour check (`plan --neighbours`): how many were judged, and those that
  /// meet every check, each with the shift-day a person leaves, the one they go to (null: one
  /// fewer) and the cost saved.
  func neighbourJSON(_ n: Planner.Neighbourhood) -> JSONNode {
    func shiftDay(_ i: Int) -> JSONNode {
      let d = problem.decisions[i]
      return .object([
        ("tier", .string(scenario.tiers[d.tier].id)),
        ("unit", d.unit.map { .string(problem.models[0].unitNames[$0]) } ?? .null),
        ("shift", .string(problem.rosters[d.tier]!.shifts[d.shift].name)),
        ("date", .string(Self.iso(d.date))),
      ])
    }
    return .object([
      ("tried", .int(n.tried)), ("notJudged", .int(n.skipped)),
      (
        "passing",
        .array(
          n.passing.map { c in
            .object([
              ("from", shiftDay(c.from)), ("to", c.to.map(shiftDay) ?? .null), ("saving", .number(c.saving)),
            ])
          })
      ),
    ])
  }

  /// The written report, in the report's language.
  func document() -> ReportDocument {
    let l = language
    var doc = ReportDocument(title: l.pick("Staffing plan: ", "排班方案：") + scenario.name, language: l)
    doc.add(.heading(1, doc.title))
    doc.add(
      .meta(
        [
          l.pick("File: ", "文件：") + source,
          l.pick("Window: ", "时段：") + l.date(Self.iso(problem.spec.from)) + " – "
            + l.date(Self.iso(problem.spec.to)),
          l.pick("Targets judged ", "目标判定：")
            + (problem.spec.judge == .day
              ? l.pick("for the items of each day", "逐日") : l.pick("over the window", "整个时段")),
          l.pick("Search: ", "搜索：")
            + "\(result.evaluations) \(l.pick("evaluations", "次评估"))\(l.pick(", ", "，"))\(result.simulations) \(l.pick("simulations", "次仿真"))",
        ] + ruleLine(l)))
    doc.add(.verdict(result.verdict == .certified, verdictLine(l)))
    switch result.verdict {
    case .certified: break
    case .short: doc.add(.bullets(shortfallLines(l).map { $0.trimmingCharacters(in: .whitespaces) }))
    case .infeasible, .notCertified:
      doc.add(.bullets(failingLines(l).map { $0.trimmingCharacters(in: .whitespaces) }))
    }
    var findings = findingLines(l)
    // Shift-people each tier needs fewer than its roster now each day (people per unit times units).
    for t in problem.rosters.keys.sorted() {
      let perDay = problem.spec.days.map { date -> Double in
        problem.decisions.indices.filter {
          problem.decisions[$0].tier == t && problem.decisions[$0].date == date
        }
        .map { (problem.current[$0] - Double(result.plan[$0])) * Double(problem.units($0)) }.reduce(0, +)
      }
      findings.append(
        scenario.tiers[t].name + l.pick(": ", "：")
          + l.pick(
            "shift-people per day fewer than on the roster now, free for leave (negative: more on duty than now): ",
            "每日比现行排班少用的人次，可安排休假（负数为比现行多用）："
          )
          + perDay.map { NumberText.decimal($0, digits: 1) }.joined(separator: ", "))
    }
    doc.add(.bullets(findings))
    doc.add(.heading(2, l.pick("People on duty per unit", "每个单位在岗人数")))
    doc.add(
      .figure(
        // On a phone the heat map keeps a legible size and scrolls sideways.
        title: l.pick("Headcount by shift and day", "按班次和日期的在岗人数"),
        svg: heatMap(l).replacingOccurrences(
          of: "<svg ", with: "<svg class=\"keep-size\" ", options: .anchored),
        caption: l.pick(
          "Each cell: people per unit on that shift and day (the roster now in brackets when it differs). Darker: more people.",
          "每格为该班次当日每个单位的在岗人数（与现行排班不同时括号内为现行）。颜色越深人数越多。")))
    doc.add(
      .wideTable(
        headers: [
          l.pick("Shift", "班次"), l.pick("Date", "日期"), l.pick("Plan", "方案"), l.pick("Now", "现行"),
          l.pick("Bounds", "上下限"), l.pick("On hand", "可用人数"), l.pick("One fewer", "减一人"),
        ],
        rows: problem.decisions.enumerated().map { i, d in
          [
            rowName((d.tier, d.shift, d.unit)), l.date(Self.iso(d.date)), String(result.plan[i]),
            NumberText.decimal(problem.current[i], digits: 1), "\(problem.lower[i])–\(problem.upper[i])",
            String(problem.groups[problem.group[i]].available),
            result.minimality[i].map { fewer in
              switch fewer {
              case .misses(let check): l.pick("misses ", "未达成：") + scope(check, l)
              case .withinNoise: l.pick("within noise", "在随机误差之内")
              case .passes: l.pick("also meets every check", "也达成全部检查")
              }
            } ?? l.pick("at its lower bound", "已在下限"),
          ]
        }, leftAligned: [0, 1, 6], nowrap: [0, 1, 2, 3, 4, 5, 6]))
    doc.add(.heading(2, l.pick("Certification", "验证")))
    doc.add(
      .paragraph(
        l.pick(
          "The plan rerun with seeds the search never used; each target judged as `gridsim check` does (the whole 95% interval must clear the bound), and the plan's own rules. `gridsim check SCENARIO --plan plan.json` reruns exactly this.",
          "用搜索未使用过的随机种子重新运行方案；每个目标按 `gridsim check` 的方式判定（95% 区间须整体达标），并判定方案自身的规则。`gridsim check 方案文件 --plan plan.json` 可原样复核。"
        )))
    doc.add(
      .wideTable(
        headers: [l.pick("Check", "检查项"), l.pick("Found", "结果"), l.pick("Result", "判定")],
        rows: result.evaluation.checks.map { c in
          [scope(c, l), finding(c, l), c.outcome.met ? l.met : "**\(l.missed)**"]
        }, leftAligned: [0, 1, 2], nowrap: [2]))
    return doc
  }

  /// Headcount per shift (rows) and day (columns), shaded by the share of the row's largest.
  func heatMap(_ l: ReportLanguage) -> String {
    let dates = Array(problem.spec.days)
    let labels = rows.map(rowName)
    let left = (labels.map { SVG.estimatedWidth($0, size: 11) }.max() ?? 60) + 12
    let cell = min(60.0, (Charts.width - left - 10) / Double(max(dates.count, 1)))
    let height = 30 + Double(rows.count) * 26 + 10
    var svg = SVG(width: Charts.width, height: height, id: "plan-heat")
    for (k, date) in dates.enumerated() {
      svg.text(left + (Double(k) + 0.5) * cell, 20, l.shortDate(Self.iso(date)), size: 10, anchor: .middle)
    }
    let most = max(result.plan.max() ?? 1, 1)
    for (r, row) in rows.enumerated() {
      let y = 30 + Double(r) * 26
      svg.text(left - 6, y + 17, labels[r], size: 11, anchor: .end)
      for (k, date) in dates.enumerated() {
        guard let i = decision(row, date) else { continue }
        let share = Double(result.plan[i]) / Double(most)
        let gray = Int(245 - 175 * share)
        let fill = "#" + String(repeating: String(format: "%02x", gray), count: 3)
        svg.rect(x: left + Double(k) * cell, y: y, width: cell - 2, height: 24, fill: fill, stroke: "#000")
        let now = problem.current[i]
        var text = String(result.plan[i])
        if abs(now - Double(result.plan[i])) > 0.05 { text += " (\(NumberText.decimal(now, digits: 1)))" }
        svg.text(
          left + (Double(k) + 0.5) * cell, y + 16, text, size: 10, anchor: .middle,
          fill: gray < 140 ? "#fff" : "#000")
      }
    }
    return svg.rendered(title: l.pick("Headcount by shift and day", "按班次和日期的在岗人数"))
  }

  /// The files of `--out`, by name.
  package func files() -> [(name: String, contents: String)] {
    let doc = document()
    let footer = language.generatedBy + " `\(commandLine)`"
    return [
      ("roster.csv", rosterCSV()), ("plan.json", json()), ("report.html", doc.html(footer: footer)),
      ("report.md", doc.markdown(footer: footer)),
    ]
  }

  /// Writes the files into `directory`, all or none.
  package func write(to directory: String, csv: CSVStyle = .plain) throws(AtomicFile.WriteError) {
    try AtomicFile.writeFolder(files().map { ($0.name, $0.contents) }, to: directory, csv: csv)
  }
}
