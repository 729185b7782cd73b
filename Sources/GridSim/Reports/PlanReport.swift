import Foundation

/// What `gridsim plan` prints and writes: the plan as a table on stdout, and with `--out` the
/// roster file (`roster.csv`, loadable with `rosterFiles`), `plan.json`, `report.html` and
/// `report.md`.
public struct PlanReport: Sendable {
  public let problem: PlanProblem
  public let result: Planner.Result
  public let source: String
  public let commandLine: String
  /// The language of what is printed and written (default: the scenario's).
  public let language: ReportLanguage

  public init(
    problem: PlanProblem, result: Planner.Result, source: String, commandLine: String,
    language: ReportLanguage? = nil
  ) {
    self.problem = problem
    self.result = result
    self.source = source
    self.commandLine = commandLine
    self.language = language ?? ReportLanguage(problem.models[0].scenario.language)
  }

  var scenario: Scenario { problem.models[0].scenario }
  var firstDay: Int { scenario.period.start.dayNumber }

  /// A day number as `2026-10-01`.
  static func iso(_ date: Int) -> String {
    LocalDateTime(minutes: Int64(date) * 1440).dateDescription
  }

  /// Rows of the plan: each planned tier's shifts (`tier shift`), in order.
  typealias Row = (tier: Int, shift: Int, unit: Int?)

  var rows: [Row] {
    var seen: [Row] = []
    for d in problem.decisions where !seen.contains(where: { $0 == (d.tier, d.shift, d.unit) }) {
      seen.append((d.tier, d.shift, d.unit))
    }
    return seen
  }

  func decision(_ row: Row, _ date: Int) -> Int? {
    problem.decisions.firstIndex {
      $0.tier == row.tier && $0.shift == row.shift && $0.unit == row.unit && $0.date == date
    }
  }

  /// `village duty` (`村两委 值班` in Chinese), with the unit for a tier planned unit by unit.
  func rowName(_ row: Row) -> String {
    let shift = problem.rosters[row.tier]!.shifts[row.shift]
    let tier = scenario.tiers[row.tier]
    return language.pick("\(tier.id) \(shift.name)", "\(tier.name) \(shift.shown)")
      + (row.unit.map { " " + problem.models[0].unitNames[$0] } ?? "")
  }

  /// Staff-hours on duty and their cost, with the plan and with the roster now (``PlanProblem/onDuty(_:)``),
  /// and the least any plan within the bounds can have: every shift at its least, the watch and
  /// the leaders on duty as they must be.
  var planOnDuty: (hours: Double, cost: Double) { problem.onDuty(result.plan) }
  var currentOnDuty: (hours: Double, cost: Double) { problem.onDuty(nil) }
  var floorOnDuty: (hours: Double, cost: Double) { problem.onDuty(problem.lower) }
  /// True when every shift is at its least: no target binds.
  var atFloor: Bool { result.plan == problem.lower }

  func verdictLine(_ l: ReportLanguage) -> String {
    switch result.verdict {
    case .certified:
      l.pick(
        "A certified plan: every target and rule met on \(result.certificationReplications) replications with seeds the search never used.",
        "方案已验证：用搜索未使用过的随机种子重复 \(result.certificationReplications) 次，全部目标和规则达成。")
    case .infeasible:
      l.pick(
        "No plan within the bounds meets the targets: with every shift at its most, these still miss:",
        "在上下限内没有能达成目标的方案：所有班次取上限时，以下目标仍未达成：")
    case .notCertified:
      l.pick(
        "The search's plan missed targets on fresh seeds, even after raising it where it missed:",
        "搜索得到的方案在新的随机种子下未达成目标（已在未达成处加人）：")
    case .short:
      l.pick(
        "Too few people: the targets need more on duty than these units have after leave:",
        "人手不足：达成目标所需的在岗人数超过以下单位扣除休假后的人数：")
    }
  }

  /// A check's name and scope: `on-time first response on 2026-02-16 (arrivals ×1.2)`.
  func scope(_ check: Planner.Check, _ l: ReportLanguage) -> String {
    var name: String
    switch check.rule {
    case .target(let i): name = scenario.targets[i].name
    case .recovery:
      name =
        check.outcome.target.name
        + l.pick(" backlog back to its level before the window", " 积压回落到节前水平")
    case .dutyFloor:
      name = check.outcome.target.name + l.pick(" duty answered on time", " 值班按时响应")
    }
    if let date = check.date { name += l.pick(" on ", " ") + l.date(Self.iso(date)) }
    if problem.spec.surges.count > 1 {
      name +=
        " (" + l.pick("arrivals ×", "到达量 ×")
        + NumberText.decimal(problem.spec.surges[check.surge], digits: 2) + ")"
    }
    return name
  }

  /// What a check found, in words.
  func finding(_ check: Planner.Check, _ l: ReportLanguage) -> String {
    let o = check.outcome
    let unit = o.target.measure.kind.unit
    switch check.rule {
    case .target:
      return l.interval(o.estimate, unit, scale: o.target.bound.value) + "; "
        + l.pick("target ", "目标 ") + TargetReport.bound(o.target, language: l)
    case .recovery:
      let before = problem.recovery.map { l.date(Self.iso(firstDay + $0.before)) } ?? ""
      return l.pick("backlog change since \(before): ", "较 \(before) 的积压变化：")
        + l.interval(o.estimate, .items) + l.pick(" (must not be above 0)", "（不得高于 0）")
    case .dutyFloor:
      return l.percent(o.estimate?.mean ?? 0) + l.pick(" on time; floor ", " 按时；下限 ")
        + l.percent(problem.spec.dutyFloor)
    }
  }

  /// The failing checks, one line each.
  func failingLines(_ l: ReportLanguage) -> [String] {
    let failing = result.evaluation.failing
    return failing.prefix(12).map { "  \(scope($0, l)): \(finding($0, l))" }
      + (failing.count > 12
        ? [l.pick("  … and \(failing.count - 12) more", "  ……另有 \(failing.count - 12) 项")] : [])
  }

  /// Where the people are too few, one line each.
  func shortfallLines(_ l: ReportLanguage) -> [String] {
    result.shortfalls.map { s in
      let g = problem.groups[s.group]
      let tier = scenario.tiers[g.tier].name
      let several = problem.models[0].tierUnits[g.tier] > 1
      let who =
        g.unit.map { l.pick("\(tier), ", "\(tier) ") + problem.models[0].unitNames[$0] }
        ?? (several ? l.pick("\(tier) (each unit)", "\(tier)（每个单位）") : tier)
      return "  "
        + l.pick(
          "\(who) on \(l.date(Self.iso(g.date))): needs \(s.needed) on duty over its shifts, has \(s.available) after leave: short by \(s.short)",
          "\(who) \(l.date(Self.iso(g.date)))：各班次共需 \(s.needed) 人在岗，扣除休假后只有 \(s.available) 人，缺 \(s.short) 人")
    }
  }

  /// The staff-hours, bound and minimality sentences.
  func findingLines(_ l: ReportLanguage) -> [String] {
    let plan = planOnDuty
    let now = currentOnDuty
    let floor = floorOnDuty
    var lines: [String] = []
    var hours =
      l.pick("Staff-hours on duty (every shift, the watch and leaders on duty): ", "在岗人时（各班次、值守和带班领导）：")
      + Format.count(plan.hours) + l.pick(" planned, ", "（方案），") + Format.count(now.hours)
      + l.pick(" on the roster now", "（现行排班）")
    if abs(plan.cost - plan.hours) > 0.5 || abs(now.cost - now.hours) > 0.5 {
      hours +=
        l.pick("; cost ", "；成本 ") + Format.count(plan.cost) + l.pick(" (now ", "（现行 ")
        + Format.count(now.cost) + l.pick(")", "）")
    }
    lines.append(hours + l.pick(".", "。"))
    guard result.verdict == .certified else { return lines }
    if atFloor {
      lines.append(
        l.pick(
          "Every shift is at its least: the lower bounds already meet every target (no target binds).",
          "各班次均已在下限：下限人数已能达成全部目标（没有起约束作用的目标）。"))
      return lines
    }
    lines.append(
      l.pick(
        "Lower bound: no plan within the bounds has fewer than \(Format.count(floor.hours)) staff-hours (every shift at its least, the watch and leaders as they must be); this plan is \(Format.count(plan.hours - floor.hours)) above it.",
        "下界：上下限内任何方案的在岗人时不少于 \(Format.count(floor.hours))（各班次取下限，值守和带班领导照常）；本方案比下界多 \(Format.count(plan.hours - floor.hours))。"
      ))
    let shown = result.minimality.values.filter { $0 != nil }.count
    let total = result.minimality.count
    lines.append(
      l.pick(
        "Minimality: one person fewer misses outright (its whole interval on the wrong side, on the certification's seeds) at \(shown) of \(total) shift-days above their least\(shown < total ? "; at the others one fewer is within noise" : "").",
        "最少性：在高于下限的 \(total) 个班次日中，有 \(shown) 个减一人即明确未达成（在验证的随机种子上整个区间落在目标之外）\(shown < total ? "；其余减一人的结果在随机误差之内" : "")。"
      ))
    return lines
  }

  // MARK: stdout

  /// The text summary.
  public func text() -> String {
    let l = language
    var out = l.pick(
      "gridsim plan: \(scenario.name) (\(source))\n", "gridsim plan：\(scenario.name)（\(source)）\n")
    let window = problem.spec.windowName.map { "\($0), " } ?? ""
    let tiers = problem.rosters.keys.sorted().map { l.pick(scenario.tiers[$0].id, scenario.tiers[$0].name) }
    out +=
      "  " + window + l.date(Self.iso(problem.spec.from)) + l.pick(" to ", " 至 ")
      + l.date(Self.iso(problem.spec.to)) + l.pick("; tiers ", "；层级 ") + tiers.joined(separator: ", ")
      + l.pick("; targets judged ", "；目标")
      + (problem.spec.judge == .day ? l.pick("for each day", "逐日判定") : l.pick("over the window", "按整个时段判定"))
    if problem.spec.surges != [1] {
      out +=
        l.pick("; arrivals ×", "；到达量 ×")
        + problem.spec.surges.map { NumberText.decimal($0, digits: 2) }.joined(separator: ", ×")
    }
    out += "\n" + ruleLine(l).map { "  " + $0 + "\n" }.joined()
    out += "\n" + verdictLine(l) + "\n"
    switch result.verdict {
    case .certified: break
    case .short: out += shortfallLines(l).joined(separator: "\n") + "\n"
    case .infeasible, .notCertified: out += failingLines(l).joined(separator: "\n") + "\n"
    }
    out +=
      "\n" + l.pick("People on duty per unit (the scenario's roster now in brackets):", "每个单位在岗人数（括号内为现行排班）：")
      + "\n"
    let dates = Array(problem.spec.days)
    var table = TextTable(headers: [l.pick("Shift", "班次")] + dates.map { String(Self.iso($0).suffix(5)) })
    for row in rows {
      table.rows.append(
        [rowName(row)]
          + dates.map { date in
            guard let i = decision(row, date) else { return "-" }
            let now = problem.current[i]
            let shown = now == now.rounded() ? String(Int(now)) : NumberText.decimal(now, digits: 1)
            return Int(shown) == result.plan[i] ? "\(result.plan[i])" : "\(result.plan[i]) (\(shown))"
          })
    }
    table.leftAligned = [0]
    out += table.rendered() + "\n"
    out += findingLines(l).joined(separator: "\n") + "\n"
    out +=
      l.pick(
        "Search: \(result.evaluations) evaluations, \(result.simulations) simulations.",
        "搜索：\(result.evaluations) 次评估，\(result.simulations) 次仿真。") + "\n"
    return out
  }

  /// The plan's own rules, as the report states them.
  func ruleLine(_ l: ReportLanguage) -> [String] {
    var lines: [String] = []
    if let (before, after) = problem.recovery {
      lines.append(
        l.pick(
          "every tier's backlog on \(l.date(Self.iso(firstDay + after))) (\(problem.spec.recovery) working days after the window) no higher than on \(l.date(Self.iso(firstDay + before)))",
          "各层级 \(l.date(Self.iso(firstDay + after)))（时段后第 \(problem.spec.recovery) 个工作日）的积压不高于 \(l.date(Self.iso(firstDay + before)))"
        ))
    }
    if problem.models[0].hasDutyShifts {
      lines.append(
        l.pick(
          "what duty must take answered on time at least \(l.percent(problem.spec.dutyFloor)) each day",
          "值班须接办事项每日按时响应不低于 \(l.percent(problem.spec.dutyFloor))"))
    }
    return lines.isEmpty ? [] : [l.pick("Rules: ", "规则：") + lines.joined(separator: l.pick("; ", "；"))]
  }

  // MARK: files

  /// `when,unit,shift,staff`: the plan as roster rows for every unit of each planned tier (and rows
  /// of their own for units with fewer people than the tier's headcounts add up to).
  public func rosterCSV() -> String {
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
  public func json() -> String {
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
          result.minimality[i].map { $0.map { .string($0) } ?? .string("not shown") }
            ?? .string("at its lower bound")
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
      ("lowerBound", .object([("staffHours", .number(floor.hours)), ("cost", .number(floor.cost))])),
      ("evaluations", .int(result.evaluations)), ("simulations", .int(result.simulations)),
      ("decisions", .array(decisions)), ("shortfalls", .array(shortfalls)),
      ("certification", .array(result.evaluation.checks.map(checkJSON))),
    ]).rendered()
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
            + "\(result.evaluations) \(l.pick("evaluations", "次评估")), \(result.simulations) \(l.pick("simulations", "次仿真"))",
        ] + ruleLine(l)))
    doc.add(.verdict(result.verdict == .certified, verdictLine(l)))
    switch result.verdict {
    case .certified: break
    case .short: doc.add(.bullets(shortfallLines(l).map { $0.trimmingCharacters(in: .whitespaces) }))
    case .infeasible, .notCertified:
      doc.add(.bullets(failingLines(l).map { $0.trimmingCharacters(in: .whitespaces) }))
    }
    var findings = findingLines(l)
    // People each tier can release for leave each day (people per unit times units).
    for t in problem.rosters.keys.sorted() {
      let perDay = problem.spec.days.map { date -> Double in
        problem.decisions.indices.filter {
          problem.decisions[$0].tier == t && problem.decisions[$0].date == date
        }
        .map { (problem.current[$0] - Double(result.plan[$0])) * Double(problem.units($0)) }.reduce(0, +)
      }
      findings.append(
        "\(scenario.tiers[t].name): "
          + l.pick(
            "people released for leave per day (shift-people, negative: more needed): ", "每日可安排休假的人次（负数为需增加）："
          )
          + perDay.map { NumberText.decimal($0, digits: 1) }.joined(separator: ", "))
    }
    doc.add(.bullets(findings))
    doc.add(.heading(2, l.pick("People on duty per unit", "每个单位在岗人数")))
    doc.add(
      .figure(
        title: l.pick("Headcount by shift and day", "按班次和日期的在岗人数"), svg: heatMap(l),
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
            result.minimality[i].map {
              $0.map { l.pick("misses ", "未达成：") + $0 } ?? l.pick("within noise", "在随机误差之内")
            }
              ?? l.pick("at its lower bound", "已在下限"),
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
  public func files() -> [(name: String, contents: String)] {
    let doc = document()
    let footer = language.generatedBy + " `\(commandLine)`"
    return [
      ("roster.csv", rosterCSV()), ("plan.json", json()), ("report.html", doc.html(footer: footer)),
      ("report.md", doc.markdown(footer: footer)),
    ]
  }

  /// Writes the files into `directory`, all or none.
  public func write(to directory: String, csv: CSVStyle = .plain) throws(AtomicFile.WriteError) {
    try AtomicFile.writeFolder(files().map { ($0.name, $0.contents) }, to: directory, csv: csv)
  }
}

extension PlanReport {
  /// The report of a re-checked certificate (`gridsim check SCENARIO --plan plan.json`): the plan's
  /// checks, re-run on its seeds.
  public init(
    problem: PlanProblem, recheck evaluation: Planner.Evaluation, certificate: PlanCertificate,
    source: String,
    language: ReportLanguage? = nil
  ) {
    let result = Planner.Result(
      verdict: evaluation.feasible ? .certified : .notCertified, plan: certificate.plan,
      evaluation: evaluation,
      minimality: [:], simulations: 0, evaluations: 1, rounds: 1, seconds: 0)
    self.init(problem: problem, result: result, source: source, commandLine: "", language: language)
  }

  /// Checks whose result differs from what `certificate` recorded.
  public func differences(from certificate: PlanCertificate) -> [Planner.Check] {
    result.evaluation.checks.filter { c in
      guard let parsed = try? JSON5Parser.parse(checkJSON(c).rendered()) else { return true }
      return certificate.recorded[PlanCertificate.key(parsed)] != c.outcome.met
    }
  }

  /// What `check --plan` prints: every check with its figure, then whether the certificate holds
  /// and whether it matches what the plan recorded.
  public func recheckText(certificate: PlanCertificate, file: String) -> String {
    let l = language
    var out = l.pick(
      "gridsim check --plan: \(scenario.name) (\(source)), the plan in \(file)\n",
      "gridsim check --plan：\(scenario.name)（\(source)），方案 \(file)\n")
    out +=
      "  "
      + l.pick(
        "\(certificate.replications) replications from seed \(certificate.seed), as the certificate ran",
        "按验证时的设置：随机种子 \(certificate.seed)，重复 \(certificate.replications) 次") + "\n"
    out += ruleLine(l).map { "  " + $0 + "\n" }.joined() + "\n"
    var table = TextTable(headers: [l.pick("Check", "检查项"), l.pick("Found", "结果"), l.pick("Result", "判定")])
    for c in result.evaluation.checks {
      table.rows.append([scope(c, l), finding(c, l), c.outcome.met ? l.met : l.missed])
    }
    table.leftAligned = [0, 1, 2]
    out += table.rendered() + "\n"
    let failing = result.evaluation.failing.count
    let total = result.evaluation.checks.count
    out +=
      failing == 0
      ? l.pick("Every check met (\(total)).", "全部 \(total) 项检查达成。")
      : l.pick("\(failing) of \(total) checks missed.", "\(total) 项检查中 \(failing) 项未达成。")
    let differing = differences(from: certificate).count
    out +=
      " "
      + (differing == 0
        ? l.pick("Every result is the one the certificate recorded.", "每项结果与方案记录的验证结果一致。")
        : l.pick(
          "\(differing) results differ from the certificate: the scenario or gridsim changed since it was planned.",
          "\(differing) 项结果与方案记录不同：方案制定后场景或 gridsim 有变化。")) + "\n"
    return out
  }
}
