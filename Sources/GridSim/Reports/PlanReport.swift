import Foundation

/// What `gridsim plan` prints and writes: the plan as a table on stdout, and with `--out` the
/// roster file (`roster.csv`, loadable with `rosterFiles`), `plan.json`, `report.html` and
/// `report.md`.
public struct PlanReport: Sendable {
  public let problem: PlanProblem
  public let result: Planner.Result
  public let source: String
  public let commandLine: String

  public init(problem: PlanProblem, result: Planner.Result, source: String, commandLine: String) {
    self.problem = problem
    self.result = result
    self.source = source
    self.commandLine = commandLine
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

  /// `village duty`, or `village duty 3村` for a tier planned unit by unit.
  func rowName(_ row: Row) -> String {
    "\(scenario.tiers[row.tier].id) \(problem.rosters[row.tier]!.shifts[row.shift].name)"
      + (row.unit.map { " " + problem.models[0].unitNames[$0] } ?? "")
  }

  var planStaffHours: Double { problem.staffHours(result.plan.map(Double.init)) }
  var currentStaffHours: Double { problem.staffHours(problem.current) }

  var verdictLine: String { verdictLine(.english) }

  func verdictLine(_ l: ReportLanguage) -> String {
    switch result.verdict {
    case .certified:
      l.pick(
        "A certified plan: every target met on \(scenario.replications) replications with seeds the search never used.",
        "方案已验证：用搜索未使用过的随机种子重复 \(scenario.replications) 次，全部目标达成。")
    case .infeasible:
      l.pick(
        "No plan within the bounds meets the targets: with every shift at its maximum, these still miss:",
        "在上下限内没有能达成目标的方案：所有班次取上限时，以下目标仍未达成：")
    case .notCertified:
      l.pick(
        "The search's plan missed targets on fresh seeds, even after raising it where it missed:",
        "搜索得到的方案在新的随机种子下未达成目标（已在未达成处加人）：")
    }
  }

  /// The failing checks, one line each.
  var failingLines: [String] {
    let failing = result.evaluation.failing
    return failing.prefix(12).map { check in
      let target = scenario.targets[check.target]
      var scope = check.date.map { " on " + Self.iso($0) } ?? ""
      if problem.spec.surges.count > 1 {
        scope += " (arrivals ×\(NumberText.decimal(problem.spec.surges[check.surge], digits: 2)))"
      }
      return "  \(target.name)\(scope): " + TargetReport.sentence(check.outcome)
    } + (failing.count > 12 ? ["  … and \(failing.count - 12) more"] : [])
  }

  // MARK: stdout

  /// The text summary.
  public func text() -> String {
    var out = "gridsim plan: \(scenario.name) (\(source))\n"
    let window = problem.spec.windowName.map { "\($0), " } ?? ""
    out +=
      "  \(window)\(Self.iso(problem.spec.from)) to \(Self.iso(problem.spec.to)); tiers \(problem.rosters.keys.sorted().map { scenario.tiers[$0].id }.joined(separator: ", ")); targets judged \(problem.spec.judge == .day ? "for each day" : "over the window")"
    if problem.spec.surges != [1] {
      out +=
        "; arrivals ×"
        + problem.spec.surges.map { NumberText.decimal($0, digits: 2) }.joined(separator: ", ×")
    }
    out += "\n\n" + verdictLine + "\n"
    if result.verdict != .certified { out += failingLines.joined(separator: "\n") + "\n" }
    out += "\nPeople on duty per unit (the scenario's roster now in brackets):\n"
    let dates = Array(problem.spec.days)
    var table = TextTable(headers: ["Shift"] + dates.map { String(Self.iso($0).suffix(5)) })
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
    out += table.rendered()
    out +=
      "\nStaff-hours: \(Format.count(planStaffHours)) planned, \(Format.count(currentStaffHours)) on the roster now"
    let cost = problem.cost(result.plan.map(Double.init))
    if cost != planStaffHours {
      out += "; cost \(Format.count(cost)) (now \(Format.count(problem.cost(problem.current))))"
    }
    out += ".\n"
    if result.verdict == .certified {
      let shown = result.minimality.values.filter { $0 != nil }.count
      out +=
        "Minimality: one person fewer misses a target at \(shown) of \(result.minimality.count) shift-days above their lower bound\(shown < result.minimality.count ? "; not shown at the others" : "").\n"
    }
    out += "Search: \(result.evaluations) evaluations, \(result.simulations) simulations.\n"
    return out
  }

  // MARK: files

  /// `when,unit,shift,staff`: the plan as roster rows for every unit of each planned tier.
  public func rosterCSV() -> String {
    var out = CSV.row(["when", "unit", "shift", "staff"])
    for (i, d) in problem.decisions.enumerated() {
      out += CSV.row([
        Self.iso(d.date), d.unit.map { problem.models[0].unitNames[$0] } ?? scenario.tiers[d.tier].id,
        problem.rosters[d.tier]!.shifts[d.shift].name, String(result.plan[i]),
      ])
    }
    return out
  }

  public func json() -> String {
    let checks: [JSONNode] = result.evaluation.checks.map { c in
      .object([
        ("target", .string(scenario.targets[c.target].name)),
        ("date", c.date.map { .string(Self.iso($0)) } ?? .null),
        ("surge", .number(problem.spec.surges[c.surge])),
        ("mean", .number(c.outcome.estimate?.mean)), ("low", .number(c.outcome.estimate?.low)),
        ("high", .number(c.outcome.estimate?.high)), ("met", .bool(c.outcome.met)),
      ])
    }
    let decisions: [JSONNode] = problem.decisions.enumerated().map { i, d in
      .object([
        ("tier", .string(scenario.tiers[d.tier].id)),
        ("unit", d.unit.map { .string(problem.models[0].unitNames[$0]) } ?? .null),
        ("shift", .string(problem.rosters[d.tier]!.shifts[d.shift].name)),
        ("date", .string(Self.iso(d.date))), ("staff", .int(result.plan[i])),
        ("current", .number(problem.current[i])), ("min", .int(problem.lower[i])),
        ("max", .int(problem.upper[i])),
        ("units", .int(problem.units(i))), ("hours", .number(problem.hours(i))),
        (
          "minimality",
          result.minimality[i].map { $0.map { .string($0) } ?? .string("not shown") }
            ?? .string("at its lower bound")
        ),
      ])
    }
    let verdict: String =
      switch result.verdict {
      case .certified: "certified"
      case .infeasible: "infeasible"
      case .notCertified: "not certified"
      }
    return JSONNode.object([
      ("schema", .string("gridsim-plan")), ("version", .int(1)),
      ("scenario", .object([("name", .string(scenario.name)), ("file", .string(source))])),
      (
        "window",
        .object([("from", .string(Self.iso(problem.spec.from))), ("to", .string(Self.iso(problem.spec.to)))])
      ),
      ("judge", .string(problem.spec.judge.rawValue)), ("verdict", .string(verdict)),
      ("staffHours", .number(planStaffHours)), ("currentStaffHours", .number(currentStaffHours)),
      ("cost", .number(problem.cost(result.plan.map(Double.init)))),
      ("evaluations", .int(result.evaluations)), ("simulations", .int(result.simulations)),
      ("decisions", .array(decisions)), ("certification", .array(checks)),
    ]).rendered()
  }

  /// The written report, in the scenario's language.
  func document() -> ReportDocument {
    let l = ReportLanguage(scenario.language)
    var doc = ReportDocument(title: l.pick("Staffing plan: ", "排班方案：") + scenario.name, language: l)
    doc.add(.heading(1, doc.title))
    doc.add(
      .meta([
        l.pick("File: ", "文件：") + source,
        l.pick("Window: ", "时段：") + l.date(Self.iso(problem.spec.from)) + " – "
          + l.date(Self.iso(problem.spec.to)),
        l.pick("Targets judged ", "目标判定：")
          + (problem.spec.judge == .day
            ? l.pick("for the items of each day", "逐日") : l.pick("over the window", "整个时段")),
        l.pick("Search: ", "搜索：")
          + "\(result.evaluations) \(l.pick("evaluations", "次评估")), \(result.simulations) \(l.pick("simulations", "次仿真"))",
      ]))
    doc.add(.verdict(result.verdict == .certified, verdictLine(l)))
    if result.verdict != .certified {
      doc.add(.bullets(failingLines.map { $0.trimmingCharacters(in: .whitespaces) }))
    }
    var findings = [
      l.pick("Staff-hours: ", "人时：") + Format.count(planStaffHours) + l.pick(" planned, ", " （方案），")
        + Format.count(currentStaffHours) + l.pick(" on the roster now.", " （现行排班）。")
    ]
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
      .table(
        headers: [
          l.pick("Shift", "班次"), l.pick("Date", "日期"), l.pick("Plan", "方案"), l.pick("Now", "现行"),
          l.pick("Bounds", "上下限"), l.pick("One fewer", "减一人"),
        ],
        rows: problem.decisions.enumerated().map { i, d in
          [
            rowName((d.tier, d.shift, d.unit)), l.date(Self.iso(d.date)), String(result.plan[i]),
            NumberText.decimal(problem.current[i], digits: 1), "\(problem.lower[i])–\(problem.upper[i])",
            result.minimality[i].map {
              $0.map { l.pick("misses ", "未达成：") + $0 } ?? l.pick("minimality not shown", "未证明最少")
            }
              ?? l.pick("at its lower bound", "已在下限"),
          ]
        }, leftAligned: [0, 1, 5]))
    doc.add(.heading(2, l.pick("Certification", "验证")))
    doc.add(
      .paragraph(
        l.pick(
          "The plan rerun with seeds the search never used; each target judged as `gridsim check` does (the whole 95% interval must clear the bound).",
          "用搜索未使用过的随机种子重新运行方案；每个目标按 `gridsim check` 的方式判定（95% 区间须整体达标）。")))
    doc.add(
      .table(
        headers: [
          l.pick("Target", "目标"), l.pick("Items of", "范围"), l.pick("Estimate", "估计值"), l.pick("Result", "结果"),
        ],
        rows: result.evaluation.checks.map { c in
          let target = scenario.targets[c.target]
          var scope = c.date.map { l.date(Self.iso($0)) } ?? l.pick("its own reading", "目标本身")
          if problem.spec.surges.count > 1 {
            scope += " ×" + NumberText.decimal(problem.spec.surges[c.surge], digits: 2)
          }
          return [
            target.name, scope, l.interval(c.outcome.estimate, target.measure.kind.unit),
            c.outcome.met ? l.met : "**\(l.missed)**",
          ]
        }, leftAligned: [0, 1, 3]))
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
    let footer = ReportLanguage(scenario.language).generatedBy + " `\(commandLine)`"
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
