import Foundation

/// What `gridsim roster` prints and writes: the named duty roster (值班表) on stdout, and with
/// `--out` `duty-roster.csv`, `duty-roster.md`, `duty-roster.html` (printable on A4, phones
/// masked), `fairness.csv`, `swaps.csv` when there are swaps, and `people/ID.ics` per person
/// (their own phone whole).
package struct DutyRosterReport: Sendable {
  package let roster: DutyRoster
  package let swaps: [DutySwap]
  package let language: ReportLanguage
  package let source: String
  package let commandLine: String
  /// The scenario's time zone (for the iCalendar files).
  package let timeZone: String
  /// How the roster fares against the targets (``DutyRoster/judge(scenario:certificate:jobs:progress:)``);
  /// nil when not judged.
  package var judgement: DutyRosterJudgement?

  package init(
    roster: DutyRoster, swaps: [DutySwap] = [], language: ReportLanguage, source: String, commandLine: String,
    timeZone: String = "Asia/Shanghai", judgement: DutyRosterJudgement? = nil
  ) {
    self.roster = roster
    self.swaps = swaps
    self.language = language
    self.source = source
    self.commandLine = commandLine
    self.timeZone = timeZone
    self.judgement = judgement
  }

  var problem: DutyRosterProblem { roster.problem }
  var l: ReportLanguage { language }

  static func iso(_ day: Int) -> String { LocalDateTime(minutes: Int64(day) * 1440).dateDescription }

  static func clock(_ minutes: Int) -> String {
    let m = minutes % 1440
    return String(format: "%02d:%02d", m / 60, m % 60)
  }

  func weekday(_ day: Int) -> String {
    let w = LocalDateTime.weekday(ofDay: day)
    return l.pick(
      ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w - 1],
      ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][w - 1])
  }

  func kindName(_ slot: DutySlot) -> String {
    if slot.statutory { return l.pick("statutory holiday", "法定节假日") }
    if slot.kind == .holiday { return l.pick("rest day (调休)", "休息日（调休）") }
    return l.code == .en ? slot.kind.rawValue : slot.kind.chineseName
  }

  func hardName(_ h: WorkCalendar.HardDay?) -> String {
    guard let h else { return "" }
    return l.pick(h.englishName, h.chineseName)
  }

  func postName(_ p: DutyRules.Post) -> String { l.code == .en ? p.rawValue : p.chineseName }

  func roleName(_ slot: DutySlot) -> String {
    slot.leader ? l.pick("leader", "带班领导") : l.pick("staff", "值班人员")
  }

  func ruleName(_ r: DutyRosterRule) -> String {
    switch r {
    case .unit: l.pick("each unit covers its own shifts", "本单位人员值本单位的班")
    case .role: l.pick("the leader's seat is for leaders", "带班领导由领导担任")
    case .leave: l.pick("on leave that day", "当天请假")
    case .notShift: l.pick("may not take that shift", "不能值该班次")
    case .sameDay: l.pick("one shift at a time (already on duty that day)", "同一时间只值一个班（当天已有值班）")
    case .overlap: l.pick("one shift at a time (the shifts overlap)", "同一时间只值一个班（班次重叠）")
    case .restAfterNight:
      l.pick(
        "rest after a night duty (\(problem.rules.restAfterNight) day)",
        "夜班后休息（\(problem.rules.restAfterNight) 天）")
    case .consecutiveDays:
      l.pick(
        "at most \(problem.rules.maxConsecutiveDays) duty days in a row",
        "连续值班不超过 \(problem.rules.maxConsecutiveDays) 天")
    case .weekHours: l.pick("hours in 7 days for their kind of post", "岗位类别的每周工时上限")
    case .monthHours: l.pick("overtime hours in a month for their kind of post", "岗位类别的每月加班时长上限")
    }
  }

  /// "村两委 of 东村: 16 Feb 2026 night needs 2, only 1 available after leave and rest".
  package func shortfallLine(_ f: DutyShortfall) -> String {
    let slot = problem.slots[f.slot]
    let unit = problem.units[slot.unit]
    let what = slot.leader ? l.pick("leader on duty", "带班领导") : slot.shiftShown
    let available = min(f.afterLeave, f.afterRest)
    if f.afterLeave < f.needs {
      return l.pick(
        "\(unit.tierName) of \(unit.name): \(l.date(Self.iso(slot.day))) \(what) needs \(f.needs), only \(f.afterLeave) available after leave",
        "\(unit.tierName) \(unit.name)：\(l.date(Self.iso(slot.day))) \(what) 需要 \(f.needs) 人，除去请假只有 \(f.afterLeave) 人"
      )
    }
    return l.pick(
      "\(unit.tierName) of \(unit.name): \(l.date(Self.iso(slot.day))) \(what) needs \(f.needs), only \(available) available after leave and rest (\(f.afterLeave) after leave)",
      "\(unit.tierName) \(unit.name)：\(l.date(Self.iso(slot.day))) \(what) 需要 \(f.needs) 人，除去请假和轮休只有 \(available) 人（除去请假 \(f.afterLeave) 人）"
    )
  }

  /// Stands for `*` in the document's text: its renderer reads `**` as emphasis, and a masked
  /// phone (139****0000) must print as it is.
  static let star = "\u{E000}"

  func names(_ s: Int, phone: Bool) -> String {
    roster.seats[s].map { p in
      let person = problem.people[p]
      let masked = person.maskedPhone?.replacingOccurrences(of: "*", with: Self.star)
      return person.name + (phone ? masked.map { " " + $0 } ?? "" : "")
    }.joined(separator: l.pick(", ", "、"))
  }

  // MARK: text

  /// What stdout shows: the summary, the shortfalls (if any), and the roster day by day.
  package func text() -> String {
    var out = l.pick(
      "gridsim roster: \(problem.scenarioName) (\(source))\n",
      "gridsim roster：\(problem.scenarioName)（\(source)）\n")
    let seats = problem.slots.reduce(0) { $0 + $1.seats }
    out += l.pick(
      "  \(Self.iso(problem.days.lowerBound)) to \(Self.iso(problem.days.upperBound)); \(problem.people.count) \(problem.people.count == 1 ? "person" : "people") in \(problem.units.count) \(problem.units.count == 1 ? "unit" : "units"); \(seats) \(seats == 1 ? "seat" : "seats") on \(problem.slots.count) \(problem.slots.count == 1 ? "shift-day" : "shift-days")\n\n",
      "  \(Self.iso(problem.days.lowerBound)) 至 \(Self.iso(problem.days.upperBound))；\(problem.units.count) 个单位 \(problem.people.count) 人；\(problem.slots.count) 个班次日共 \(seats) 个岗位\n\n"
    )
    if !roster.isComplete {
      out += l.pick(
        "No roster keeps every rule: \(roster.shortfalls.count) shift-days cannot be filled.\n",
        "没有满足全部规则的值班表：\(roster.shortfalls.count) 个班次日无法排满。\n")
      for f in roster.shortfalls.prefix(50) { out += "  " + shortfallLine(f) + "\n" }
      if roster.shortfalls.count > 50 {
        out += l.pick(
          "  (and \(roster.shortfalls.count - 50) more)\n", "  （另有 \(roster.shortfalls.count - 50) 个）\n")
      }
      return out
    }
    out += summaryLines().map { $0 + "\n" }.joined() + "\n"
    var table = TextTable(headers: [
      l.pick("Date", "日期"), l.pick("Unit", "单位"), l.pick("Shift", "班次"), l.pick("On duty", "值班人员"),
    ])
    table.leftAligned = Set(0..<4)
    for (s, slot) in problem.slots.enumerated() {
      let hard = slot.hardDay.map { " " + hardName($0) } ?? ""
      table.rows.append([
        Self.iso(slot.day) + hard, problem.units[slot.unit].name,
        slot.leader ? l.pick("leader", "带班领导") : slot.shiftShown, names(s, phone: false),
      ])
    }
    out += table.rendered()
    return out
  }

  func summaryLines() -> [String] {
    var lines: [String] = []
    let spread = roster.spread
    lines.append(
      l.pick(
        "Every shift-day is staffed and every rule kept. Spread within a unit (most minus fewest): duties \(spread.duties), nights \(spread.nights), hard days \(spread.hardDays).",
        "每个班次日都已排满，所有规则都满足。单位内差距（最多减最少）：值班 \(spread.duties) 次，夜班 \(spread.nights) 次，难值日 \(spread.hardDays) 天。"
      ))
    let gap = roster.objective - roster.lowerBound
    lines.append(
      roster.exact
        ? l.pick(
          "Optimal: every roster was enumerated (objective \(roster.objective), counting bound \(roster.lowerBound)).",
          "最优：已枚举全部值班表（目标值 \(roster.objective)，计数下界 \(roster.lowerBound)）。")
        : l.pick(
          "Objective \(roster.objective); a counting lower bound is \(roster.lowerBound) (gap \(gap)).",
          "目标值 \(roster.objective)；计数下界 \(roster.lowerBound)（差 \(gap)）。"))
    if roster.hasWishes {
      let shares = roster.shares
      let against = shares.reduce(0) { $0 + $1.againstWishes }
      let people = shares.filter { $0.againstWishes > 0 }.count
      lines.append(
        l.pick(
          "Wishes (prefers, rather-not): \(against) \(against == 1 ? "duty" : "duties") against them, of \(people) \(people == 1 ? "person" : "people") (fairness table, 'against wishes').",
          "本人意愿（希望值班、尽量不排）：\(against) 次值班违背意愿，涉及 \(people) 人（见公平性表“违背意愿”列）。"))
    }
    let changed = roster.changes
    if problem.previous.contains(where: { !$0.isEmpty }) {
      lines.append(
        l.pick(
          "Against the previous roster: \(changed) seats change hands.", "与上一版值班表相比：\(changed) 个岗位换人。"))
    }
    for swap in swaps {
      lines.append(swapLine(swap))
    }
    switch judgement {
    case .simulated(let targets):
      let missed = targets.filter { !$0.met }
      lines.append(
        missed.isEmpty
          ? l.pick(
            "The roster's headcounts, fed back into the simulation, meet every target (\(targets.count)).",
            "按值班表的在岗人数回代仿真，全部 \(targets.count) 个目标达成。")
          : l.pick(
            "The roster's headcounts, fed back into the simulation, miss: \(missed.map(\.name).joined(separator: "; ")).",
            "按值班表的在岗人数回代仿真，未达成：\(missed.map(\.name).joined(separator: "；"))。"))
    case .certificate(let plan, let certificate, let evaluation):
      // The plan's own checks, re-run on its seeds with the roster's headcounts (the plan's).
      let report = PlanReport(
        problem: plan, recheck: evaluation, certificate: certificate, source: source, language: l)
      let total = evaluation.checks.count
      let basis = l.pick(
        "Judged as the plan's certificate (\(certificate.replications) replications from seed \(certificate.seed), every check day by day and surge by surge)",
        "按方案的验证方式评判（随机种子 \(certificate.seed)，重复 \(certificate.replications) 次，每项检查逐日、逐个到达量倍数判定）")
      let missed = evaluation.failing
      lines.append(
        missed.isEmpty
          ? basis + l.pick(": every check met (\(total)).", "：全部 \(total) 项检查达成。")
          : basis
            + l.pick(": \(missed.count) of \(total) checks missed:", "：\(total) 项检查中 \(missed.count) 项未达成：")
      )
      for check in missed.prefix(20) {
        lines.append("  " + report.scope(check, l) + l.pick(": ", "：") + report.finding(check, l))
      }
      if missed.count > 20 {
        lines.append("  " + l.pick("and \(missed.count - 20) more.", "另有 \(missed.count - 20) 项。"))
      }
    case nil: break
    }
    return lines
  }

  func swapLine(_ swap: DutySwap) -> String {
    let slot = problem.slots[swap.slot]
    let from = problem.people[swap.from]
    let to = problem.people[swap.to]
    let when =
      "\(l.date(Self.iso(slot.day))) \(problem.units[slot.unit].name) \(slot.leader ? l.pick("leader", "带班领导") : slot.shiftShown)"
    if let rule = swap.refused {
      return l.pick(
        "Swap refused: \(to.name) (\(to.id)) for \(from.name) (\(from.id)) on \(when) breaks: \(ruleName(rule)).",
        "换班未通过：\(to.name)（\(to.id)）替 \(from.name)（\(from.id)）\(when)，违反：\(ruleName(rule))。")
    }
    return l.pick(
      "Swap: \(to.name) (\(to.id)) takes \(from.name)'s (\(from.id)) \(when)\(swap.reason.isEmpty ? "" : " (\(swap.reason))").",
      "换班：\(to.name)（\(to.id)）替 \(from.name)（\(from.id)）\(when)\(swap.reason.isEmpty ? "" : "（\(swap.reason)）")。"
    )
  }

  // MARK: files

  /// `duty-roster.csv`: one row per person on a shift-day (phones masked).
  package func rosterCSV() -> String {
    let headers =
      l.code == .en
      ? [
        "date", "weekday", "day kind", "hard day", "tier", "unit", "shift", "start", "end", "role", "id",
        "name", "phone", "post",
      ]
      : ["日期", "星期", "日类型", "难值日", "层级", "单位", "班次", "开始", "结束", "角色", "编号", "姓名", "电话", "岗位类别"]
    var out = CSV.row(headers)
    for (s, slot) in problem.slots.enumerated() {
      let unit = problem.units[slot.unit]
      for p in roster.seats[s] {
        let person = problem.people[p]
        out += CSV.row([
          Self.iso(slot.day), weekday(slot.day), kindName(slot), hardName(slot.hardDay), unit.tierName,
          unit.name,
          slot.shiftShown, Self.clock(slot.start), Self.clock(slot.start + slot.length), roleName(slot),
          person.id,
          person.name, person.maskedPhone ?? "", postName(person.post),
        ])
      }
    }
    return out
  }

  /// The fairness table's rows: each person's duties, nights, hard days, hours, pay or time off.
  func fairnessRows() -> (headers: [String], rows: [[String]]) {
    let headers =
      l.code == .en
      ? [
        "id", "name", "unit", "post", "duties", "nights", "hard days", "statutory", "rest days", "workdays",
        "hours",
        "counted hours", "pay (days' wages)", "time off owed (days)", "time off from",
      ]
      : [
        "编号", "姓名", "单位", "岗位类别", "值班", "夜班", "难值日", "法定节假日", "休息日", "工作日", "时长(小时)", "计入工时", "加班工资(日工资倍数)",
        "应补休(天)", "补休起始",
      ]
    let from = Self.iso(roster.timeOffFrom)
    // Duties against a person's wishes, where anyone named wishes.
    let wishes = roster.hasWishes
    let rows = roster.shares.map { share -> [String] in
      let person = problem.people[share.person]
      return [
        person.id, person.name, person.unit, postName(person.post), String(share.duties),
        String(share.nights),
        String(share.hardDays), String(share.statutory), String(share.restDays), String(share.workdays),
        NumberText.decimal(share.hours, digits: 1), NumberText.decimal(share.countedHours, digits: 1),
        NumberText.decimal(share.payDays, digits: 1), String(share.timeOffDays),
        share.timeOffDays > 0 ? from : "",
      ] + (wishes ? [String(share.againstWishes)] : [])
    }
    return (headers + (wishes ? [l.pick("against wishes", "违背意愿")] : []), rows)
  }

  package func fairnessCSV() -> String {
    let (headers, rows) = fairnessRows()
    return CSV.row(headers) + rows.map(CSV.row).joined()
  }

  package func swapsCSV() -> String {
    let headers =
      l.code == .en
      ? ["date", "unit", "shift", "from", "from name", "to", "to name", "reason", "status"]
      : ["日期", "单位", "班次", "被替换人", "被替换人姓名", "替班人", "替班人姓名", "原因", "结果"]
    var out = CSV.row(headers)
    for swap in swaps {
      let slot = problem.slots[swap.slot]
      let from = problem.people[swap.from]
      let to = problem.people[swap.to]
      let status = swap.refused.map { l.pick("refused: ", "未通过：") + ruleName($0) } ?? l.pick("applied", "已换班")
      out += CSV.row([
        Self.iso(slot.day), problem.units[slot.unit].name, slot.leader ? roleName(slot) : slot.shiftShown,
        from.id,
        from.name, to.id, to.name, swap.reason, status,
      ])
    }
    return out
  }

  /// The posted roster as a document: per tier, a table by date (date, 带班领导, each shift's
  /// people with masked phones per unit), then the fairness table.
  func document() -> ReportDocument {
    var doc = ReportDocument(title: l.pick("Duty roster: ", "值班表：") + problem.scenarioName, language: l)
    doc.add(.heading(1, doc.title))
    doc.add(
      .meta([
        l.pick("Days: ", "日期：") + l.date(Self.iso(problem.days.lowerBound)) + l.pick(" to ", " 至 ")
          + l.date(Self.iso(problem.days.upperBound)),
        l.pick(
          "Phones are masked in what is posted (each person's own file has theirs whole).",
          "张贴版电话已隐去中间四位（个人日历文件中为完整号码）。"),
      ]))
    doc.add(.bullets(summaryLines()))
    let tiers = Array(Set(problem.units.map(\.tier))).sorted(by: >)
    for tier in tiers {
      let units = problem.units.indices.filter { problem.units[$0].tier == tier }
      let slots = problem.slots.indices.filter { units.contains(problem.slots[$0].unit) }
      let shifts = slots.reduce(into: [String]()) { list, s in
        let slot = problem.slots[s]
        if !slot.leader && !list.contains(slot.shiftShown) { list.append(slot.shiftShown) }
      }
      let hasLeader = slots.contains { problem.slots[$0].leader }
      doc.add(.heading(2, problem.units[units[0]].tierName))
      var headers = [l.pick("Date", "日期")]
      if hasLeader { headers.append(l.pick("Leader on duty", "带班领导")) }
      headers += shifts.map { l.pick("On duty: ", "值班人员：") + $0 }
      var rows: [[String]] = []
      for day in problem.days {
        let today = slots.filter { problem.slots[$0].day == day }
        guard !today.isEmpty else { continue }
        let first = problem.slots[today[0]]
        var row = [
          l.date(Self.iso(day)) + " " + weekday(day) + (first.hardDay.map { " " + hardName($0) } ?? "")
        ]
        func cell(_ pick: (DutySlot) -> Bool) -> String {
          today.filter { pick(problem.slots[$0]) }.map { s in
            (units.count > 1 ? problem.units[problem.slots[s].unit].name + " " : "") + names(s, phone: true)
          }.joined(separator: l.pick("; ", "；"))
        }
        if hasLeader { row.append(cell(\.leader)) }
        for shift in shifts { row.append(cell { !$0.leader && $0.shiftShown == shift }) }
        rows.append(row)
      }
      doc.add(.table(headers: headers, rows: rows, leftAligned: Set(headers.indices)))
    }
    doc.add(.heading(2, l.pick("Fairness, pay and time off", "公平性、加班工资与补休")))
    doc.add(
      .paragraph(
        l.pick(
          "Pay by day kind (Labour Law art. 44): statutory holiday ×\(NumberText.decimal(problem.rules.payStatutory, digits: 1)), rest day ×\(NumberText.decimal(problem.rules.payRestDay, digits: 1)), workday ×\(NumberText.decimal(problem.rules.payWorkday, digits: 1)); posts given time off instead are owed a day off (补休) per duty on a day off, from \(l.date(Self.iso(roster.timeOffFrom))).",
          "按日类型计加班工资（劳动法第四十四条）：法定节假日 ×\(NumberText.decimal(problem.rules.payStatutory, digits: 1))，休息日 ×\(NumberText.decimal(problem.rules.payRestDay, digits: 1))，工作日 ×\(NumberText.decimal(problem.rules.payWorkday, digits: 1))；安排补休的岗位每在休息日或节假日值班一次补休一天，自 \(l.date(Self.iso(roster.timeOffFrom))) 起可休。"
        )))
    let (headers, rows) = fairnessRows()
    doc.add(.table(headers: headers, rows: rows, leftAligned: [0, 1, 2, 3, 14]))
    return doc
  }

  /// The files of `--out`, by name.
  package func files() -> [(name: String, contents: String)] {
    let doc = document()
    let footer = l.generatedBy + " `\(commandLine)`"
    var files: [(name: String, contents: String)] = [
      ("duty-roster.csv", rosterCSV()),
      ("duty-roster.md", doc.markdown(footer: footer).replacingOccurrences(of: Self.star, with: "\\*")),
      ("duty-roster.html", doc.html(footer: footer).replacingOccurrences(of: Self.star, with: "*")),
      ("fairness.csv", fairnessCSV()),
    ]
    if !swaps.isEmpty { files.append(("swaps.csv", swapsCSV())) }
    return files + calendars()
  }

  /// Writes the files into `directory`, all or none.
  package func write(to directory: String, csv: CSVStyle = .plain) throws(AtomicFile.WriteError) {
    try AtomicFile.writeFolder(files().map { ($0.name, $0.contents) }, to: directory, csv: csv)
  }
}
