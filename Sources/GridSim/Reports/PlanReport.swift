import Foundation

/// What `gridsim plan` prints and writes: the plan as a table on stdout, and with `--out` the
/// roster file (`roster.csv`, loadable with `rosterFiles`), `plan.json`, `report.html` and
/// `report.md`.
package struct PlanReport: Sendable {
  package let problem: PlanProblem
  package let result: Planner.Result
  package let source: String
  package let commandLine: String
  /// The language of what is printed and written (default: the scenario's).
  package let language: ReportLanguage

  package init(
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
      // Brackets of the text's own script: full-width around Chinese words.
      name +=
        l.pick(" (arrivals ×", "（到达量 ×")
        + NumberText.decimal(problem.spec.surges[check.surge], digits: 2) + l.pick(")", "）")
    }
    return name
  }

  /// What a check found, in words.
  func finding(_ check: Planner.Check, _ l: ReportLanguage) -> String {
    let o = check.outcome
    let unit = o.target.measure.kind.unit
    switch check.rule {
    case .target:
      return l.interval(o.estimate, unit, scale: o.target.bound.value) + l.pick("; ", "；")
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

  /// The neighbour check's sentence: how many one-person changes were judged, and the cheapest
  /// that meets every check, or that none does.
  func neighbourLine(_ n: Planner.Neighbourhood, _ l: ReportLanguage) -> String {
    let skipped =
      n.skipped > 0
      ? l.pick(" (\(n.skipped) moves that save less not judged)", "（另有 \(n.skipped) 个节省较少的调动未判定）") : ""
    let head = l.pick(
      "Neighbours: \(n.tried) one-person changes (one fewer at a shift-day, or one moved to a cheaper shift-day of the same unit) judged on the certification's seeds and replications\(skipped)",
      "邻域检查：在验证的随机种子和重复次数上判定了 \(n.tried) 个一人变动（某班次日减一人，或把一人调到同一单位更省的班次日）\(skipped)")
    guard let best = n.passing.first else {
      return head
        + l.pick(
          ": none meets every check. No cheaper plan is one person away.", "：没有一个达成全部检查，不存在只差一人的更省方案。")
    }
    let from = changeName(best.from, l)
    let what =
      best.to.map {
        l.pick("one moved from \(from) to \(changeName($0, l))", "把一人从 \(from) 调到 \(changeName($0, l))")
      } ?? l.pick("one fewer at \(from)", "\(from) 减一人")
    let count = n.passing.count
    return head
      + l.pick(
        ": \(count) \(count == 1 ? "meets" : "meet") every check; the cheapest, \(what), costs \(Format.count(best.saving)) less. That is this plan's distance from the best plan found one person away, judged on these seeds only (not certified afresh).",
        "：\(count) 个达成全部检查；其中最省的是\(what)，成本少 \(Format.count(best.saving))。这是本方案与只差一人的已找到最优方案的差距（仅在这些随机种子上判定，未重新验证）。"
      )
  }

  /// A decision as the neighbour line names it: the shift's row name and the date.
  func changeName(_ i: Int, _ l: ReportLanguage) -> String {
    let d = problem.decisions[i]
    return rowName((d.tier, d.shift, d.unit)) + l.pick(" on ", " ") + l.date(Self.iso(d.date))
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
    let bound = problem.lowerBound(work: result.work)
    let gap = plan.hours - bound.hours
    let share = bound.hours > 0 ? " (" + NumberText.decimal(100 * gap / bound.hours, digits: 0) + "%)" : ""
    if bound.byWork.isEmpty {
      lines.append(
        l.pick(
          "Lower bound: no plan within the bounds has fewer than \(Format.count(bound.hours)) staff-hours (every shift at its least, the watch and leaders as they must be; the work the items need, done at full use, asks no more); this plan is \(Format.count(gap)) above it\(share).",
          "下界：上下限内任何方案的在岗人时不少于 \(Format.count(bound.hours))（各班次取下限，值守和带班领导照常；事项所需的工作量按满负荷计也不超过此数）；本方案比下界多 \(Format.count(gap))\(share.replacingOccurrences(of: " (", with: "（").replacingOccurrences(of: ")", with: "）"))。"
        ))
    } else {
      let tiers = bound.byWork.sorted().map { scenario.tiers[$0].name }
      lines.append(
        l.pick(
          "Lower bound: no plan within the bounds has fewer than \(Format.count(bound.hours)) staff-hours: every shift at its least, except that \(tiers.joined(separator: ", ")) must have the work its items need done at full use (busy staff-hours with every shift at its most, lower 95% end, less what the days after the window take before recovery is judged); this plan is \(Format.count(gap)) above it\(share).",
          "下界：上下限内任何方案的在岗人时不少于 \(Format.count(bound.hours))：各班次取下限，但\(tiers.joined(separator: "、"))须按满负荷完成事项所需的工作量（所有班次取上限时的忙碌人时，取 95% 区间下端，减去时段后到判定恢复之日可完成的部分）；本方案比下界多 \(Format.count(gap))\(share.replacingOccurrences(of: " (", with: "（").replacingOccurrences(of: ")", with: "）"))。"
        ))
    }
    if result.movesTried > 0 {
      lines.append(
        l.pick(
          "Local search: \(result.movesTaken) of \(result.movesTried) one-person moves to a cheaper shift-day kept (on the search's seeds).",
          "局部搜索：尝试把一人移到更省的班次日 \(result.movesTried) 次，保留 \(result.movesTaken) 次（在搜索的随机种子上）。"))
    }
    let shown = result.minimality.values.filter { if case .misses = $0 { true } else { false } }.count
    let passes = result.minimality.values.filter { $0 == .passes }.count
    let total = result.minimality.count
    let noise = total - shown - passes
    var minimality = l.pick(
      "Minimality: one person fewer misses outright (its whole interval on the wrong side, on the certification's seeds) at \(shown) of \(total) shift-days above their least",
      "最少性：在高于下限的 \(total) 个班次日中，有 \(shown) 个减一人即明确未达成（在验证的随机种子上整个区间落在目标之外）")
    if noise > 0 {
      minimality += l.pick(
        "; at \(noise) one fewer misses within noise", "；\(noise) 个减一人的结果在随机误差之内")
    }
    if passes > 0 {
      minimality += l.pick(
        "; at \(passes) one fewer also meets every check on these seeds (not shown minimal there)",
        "；\(passes) 个减一人在这些随机种子上也达成全部检查（此处未证明最少）")
    }
    lines.append(minimality + l.pick(".", "。"))
    if let n = result.neighbourhood { lines.append(neighbourLine(n, l)) }
    return lines
  }

  // MARK: stdout

  /// The text summary.
  package func text() -> String {
    let l = language
    var out = l.pick(
      "gridsim plan: \(scenario.name) (\(source))\n", "gridsim plan：\(scenario.name)（\(source)）\n")
    let window = problem.spec.windowName.map { l.pick("\($0), ", "\(l.window($0))，") } ?? ""
    let tiers = problem.rosters.keys.sorted().map { l.pick(scenario.tiers[$0].id, scenario.tiers[$0].name) }
    out +=
      "  " + window + l.date(Self.iso(problem.spec.from)) + l.pick(" to ", " 至 ")
      + l.date(Self.iso(problem.spec.to)) + l.pick("; tiers ", "；层级 ")
      + tiers.joined(separator: l.pick(", ", "、"))
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
}
