/// The readable summary `gridsim run` prints: the whole system first, then a table per concern, in
/// English or Chinese.
public enum TextReport {
  /// Renders a summary as plain text in `language`, as `gridsim run` prints it; `source` is the
  /// scenario file's path shown in the first line.
  public static func render(_ summary: Summary, source: String? = nil, language: ReportLanguage = .english)
    -> String
  {
    let l = language
    var out = ""
    let n = summary.replications
    let runs =
      n == 1
      ? l.pick("1 replication", "重复 1 次")
      : l.pick("\(n) replications (± is the 95% interval)", "重复 \(n) 次（± 为 95% 置信区间）")
    out += l.pick("gridsim run: ", "gridsim 运行：") + summary.scenarioName
    out += (source.map { l.pick(" (\($0))", "（\($0)）") } ?? "") + "\n"
    out +=
      l.pick(
        "  \(summary.start) to \(summary.end), warm-up \(summary.warmUp); \(runs), seed \(summary.seed)\n\n",
        "  \(summary.start) 至 \(summary.end)，预热 \(l.duration(summary.warmUp.minutes))；\(runs)，随机种子 \(summary.seed)\n\n"
      )

    let o = summary.overall
    let open = summary.tiers.reduce(0.0) { $0 + ($1.openAtEnd?.mean ?? 0) }
    let (appeared, closed, left) = (
      Format.count(o.count(.appeared)), Format.count(o.count(.closed)), Format.count(open)
    )
    out += l.pick(
      "Items: \(appeared) appeared, \(closed) closed, \(left) open at the end\n",
      "事项：出现 \(appeared) 件，办结 \(closed) 件，期末未结 \(left) 件\n")
    out +=
      l.pick("Response time (detection to first response): ", "回复时间（发现到首次回复）：")
      + durationLine(o.duration(.response), l) + "\n"
    out +=
      l.pick("Resolution time (detection to closure):      ", "办结时间（发现到办结）：    ")
      + durationLine(o.duration(.resolution), l) + "\n"
    out += l.pick(
      "On time: response \(l.percent(o.responseOnTime)), resolution \(l.percent(o.resolutionOnTime))\n\n",
      "按时率：回复 \(l.percent(o.responseOnTime))，办结 \(l.percent(o.resolutionOnTime))\n\n")

    var tiers = TextTable(headers: [
      l.pick("Tier", "层级"), l.pick("Staff", "人员"), l.pick("Utilization", "利用率"), l.pick("Visits", "受理量"),
      l.pick("Wait mean", "平均等待"), l.pick("Wait p90", "等待 P90"), l.pick("At tier mean", "平均停留"),
      l.pick("Response on time", "按时回复率"), l.pick("Resolution on time", "按时办结率"),
      l.pick("Backlog/day", "日均积压"),
    ])
    for t in summary.tiers {
      tiers.rows.append([
        label(t, l), String(t.staff), l.percent(t.utilization), Format.count(t.all.count(.visits)),
        l.duration(t.all.duration(.wait).mean), l.duration(t.all.duration(.wait).p90),
        l.duration(t.all.duration(.timeAtTier).mean), l.percent(t.all.responseOnTime),
        l.percent(t.all.resolutionOnTime), Format.count(t.backlogMean),
      ])
    }
    out += tiers.rendered() + "\n"
    if summary.hasDutyShifts {
      let waited = summary.tiers.map { "\(label($0, l)) \(Format.count($0.all.count(.waitedForOffice)))" }
      out +=
        l.pick(
          "Waited for the office (duty staff took only what duty takes): ", "等待上班办理（值班人员只接办值班范围内的事项）：")
        + waited.joined(separator: l.pick(", ", "，")) + l.pick(" visits per replication\n\n", " 件次/每次重复\n\n")
    }
    out += roles(summary, l)

    var escalations = TextTable(headers: [
      l.pick("Passed up from", "上报自"), l.pick("Authority", "超出权限"), l.pick("Referral", "转办"),
      l.pick("Deadline", "超时督办"), l.pick("Major (skip-level)", "重大（越级）"), l.pick("Worsened", "舆情恶化"),
      l.pick("Reopened", "不满意重办"), l.pick("Closed here", "在此办结"),
    ])
    for t in summary.tiers {
      escalations.rows.append(
        [label(t, l)] + EscalationReason.allCases.map { Format.count(t.all.count(.escalated($0))) } + [
          Format.count(t.all.count(.closed))
        ])
    }
    out += escalations.rendered() + "\n"

    func figures(_ header: String, _ rows: [(id: String, name: String)], _ groups: [Summary.Figures])
      -> String
    {
      var table = TextTable(headers: [
        header, l.pick("Items", "件数"), l.pick("Response mean", "平均回复"), l.pick("Response p90", "回复 P90"),
        l.pick("Resolution mean", "平均办结"), l.pick("Resolution p90", "办结 P90"),
        l.pick("Response on time", "按时回复率"), l.pick("Resolution on time", "按时办结率"),
      ])
      for (row, g) in zip(rows, groups) {
        table.rows.append([
          named(row.id, row.name), Format.count(g.count(.appeared)),
          l.duration(g.duration(.response).mean), l.duration(g.duration(.response).p90),
          l.duration(g.duration(.resolution).mean), l.duration(g.duration(.resolution).p90),
          l.percent(g.responseOnTime), l.percent(g.resolutionOnTime),
        ])
      }
      return table.rendered()
    }
    out += figures(l.pick("Category", "类别"), summary.categories, summary.overallByCategory)
    if !summary.severities.isEmpty {
      out += "\n" + figures(l.pick("Severity", "严重程度"), summary.severities, summary.overallBySeverity)
    }
    if summary.usesWorkflow { out += "\n" + workflow(summary, l) }
    if summary.slices.count > 1 {
      var slices = TextTable(headers: [
        l.pick("Days appeared", "出现日期"), l.pick("Days", "天数"), l.pick("Items", "件数"),
        l.pick("Response mean", "平均回复"), l.pick("Response p90", "回复 P90"),
        l.pick("Response on time", "按时回复率"), l.pick("Resolution on time", "按时办结率"),
        l.pick("Utilization ", "利用率 ") + summary.tiers.map { l.pick($0.id, $0.name) }.joined(separator: "/"),
      ])
      for s in summary.slices {
        let o = s.overall
        slices.rows.append([
          s.isWindow
            ? l.pick("window \(s.name)", "重点时段 \(l.window(s.name))") : l.pick(s.name, l.slice(s.name)),
          String(s.measuredDays), Format.count(o.count(.appeared)),
          l.duration(o.duration(.response).mean), l.duration(o.duration(.response).p90),
          l.percent(o.responseOnTime), l.percent(o.resolutionOnTime),
          s.utilization.map { $0.map { String(format2: $0.mean * 100, digits: 0) + "%" } ?? "-" }.joined(
            separator: " / "),
        ])
      }
      out +=
        l.pick("\nBy the day items appeared (measured days only):\n", "\n按事项出现日期（仅统计期内）：\n")
        + slices.rendered()
    }
    if summary.channels.contains(where: { $0.monitoring != nil }) {
      var channels = TextTable(headers: [
        l.pick("Channel", "渠道"), l.pick("Checked", "巡查时间"), l.pick("Items", "件数"),
        l.pick("Detection mean", "平均发现时延"), "p90", l.pick("max", "最大"), l.pick("Response mean", "平均回复"),
        "p90",
      ])
      for c in summary.channels {
        channels.rows.append([
          named(c.id, c.name),
          l.code == .en
            ? c.monitoring ?? "continuously"
            : c.checks.map { checks in
              Summary.describe(checks) { $0.chineseName }.replacingOccurrences(of: "none", with: "无")
                .replacingOccurrences(of: "; ", with: "；")
            } ?? "实时",
          Format.count(c.detection.count), l.duration(c.detection.mean),
          l.duration(c.detection.p90), l.duration(c.detection.max),
          l.duration(c.response.mean), l.duration(c.response.p90),
        ])
      }
      out +=
        l.pick(
          "\nBy channel (detection: appearance to being seen; response: seen to first answer; clock time):\n",
          "\n按渠道（发现时延：出现到被发现；回复：发现到首次答复；按日历时间）：\n")
        + channels.rendered()
    }
    if !summary.targets.isEmpty {
      out +=
        l.pick("\nTargets (judged as 'gridsim check' does):\n", "\n目标（按 gridsim check 的方式判定）：\n")
        + TargetReport.table(summary.targets, language: l)
    }
    return out
  }

  /// Where each tier's time went, per role: each role's share of the tier's on-duty time (over the
  /// roles, the tier's utilization) and how busy its own people were (a saturated small role
  /// shows there). Empty for scenarios without roles.
  static func roles(_ summary: Summary, _ l: ReportLanguage) -> String {
    let tiers = summary.tiers.filter { !$0.roles.isEmpty }
    guard !tiers.isEmpty else { return "" }
    var table = TextTable(headers: [
      l.pick("Tier", "层级"), l.pick("Role", "角色"), l.pick("Share of the tier's on-duty time", "占层级在岗时间"),
      l.pick("Its people busy", "本角色人员忙碌"),
    ])
    for t in tiers {
      for (i, role) in t.roles.enumerated() {
        table.rows.append([i == 0 ? label(t, l) : "", role.id, l.percent(role.share), l.percent(role.busy)])
      }
      table.rows.append(["", l.pick("all roles", "全部角色"), l.percent(t.utilization), ""])
    }
    table.leftAligned = [0, 1]
    return table.rendered()
      + l.pick(
        "(A role's people are its own staff, or where a unit has fewer people than roles, all of them, who take the roles in turn.)\n\n",
        "（本角色人员指该角色自己的人员；单位人数少于角色数时，全体人员轮流承担各角色。）\n\n")
  }

  /// The workflow's measures: the three rates, the sources' three measures, then per tier, per
  /// category and per window, and the named units.
  static func workflow(_ summary: Summary, _ l: ReportLanguage) -> String {
    let o = summary.overall
    var out = ""
    if let name = summary.policy.name {
      out +=
        l.pick("Policy: ", "政策：") + name
        + (summary.policy.source.map { l.pick(" (source: \($0))", "（来源：\($0)）") } ?? "") + "\n"
    }
    let (response, resolution, satisfaction, kept) = (
      l.percent(o.responseOnTime), l.percent(o.resolutionRate), l.percent(o.satisfaction),
      l.percent(o.keptFromWorsening)
    )
    out += l.pick(
      "Rates: response \(response), resolution \(resolution) (closed of appeared), satisfaction \(satisfaction)\n",
      "三率：回复率 \(response)，解决率 \(resolution)（办结占出现），满意率 \(satisfaction)\n")
    out += l.pick(
      "Measures: timely \(response), well received \(satisfaction), kept from worsening \(kept)\n\n",
      "三项标准：及时 \(response)，满意 \(satisfaction)，未恶化 \(kept)\n\n")
    var tiers = TextTable(headers: [
      l.pick("Workflow at", "层级流程"), l.pick("Extensions", "延期"), l.pick("Reminders", "督办提醒"),
      l.pick("Named", "通报"), l.pick("Satisfied", "满意"), l.pick("Unsatisfied", "不满意"),
      l.pick("Reopened", "重办"),
      l.pick("Forked", "多部门"), l.pick("Reports on time", "越级上报及时率"),
    ])
    for t in summary.tiers {
      let g = t.all
      tiers.rows.append(
        [label(t, l)]
          + [Counter.extensions, .reminders, .named, .satisfied, .unsatisfied, .reopened, .forked].map {
            Format.count(g.count($0))
          } + [l.percent(g.reportOnTime)])
    }
    out += tiers.rendered() + "\n"
    var categories = TextTable(headers: [
      l.pick("Category", "类别"), l.pick("Satisfaction", "满意率"), l.pick("Reopened", "重办"),
      l.pick("Extensions", "延期"), l.pick("Named", "通报"), l.pick("Kept from worsening", "未恶化率"),
      l.pick("Worsened", "恶化"), l.pick("Follow-ups", "跟帖"), l.pick("Reports on time", "越级上报及时率"),
    ])
    for (i, c) in summary.categories.enumerated() {
      let g = summary.overallByCategory[i]
      categories.rows.append([
        named(c.id, c.name), l.percent(g.satisfaction), Format.count(g.count(.reopened)),
        Format.count(g.count(.extensions)), Format.count(g.count(.named)), l.percent(g.keptFromWorsening),
        Format.count(g.count(.worsened)), Format.count(g.count(.followUps)), l.percent(g.reportOnTime),
      ])
    }
    out += categories.rendered()
    let windows = summary.slices.filter(\.isWindow)
    if !windows.isEmpty {
      var table = TextTable(headers: [
        l.pick("Window", "重点时段"), l.pick("Satisfaction", "满意率"), l.pick("Reopened", "重办"),
        l.pick("Extensions", "延期"), l.pick("Named", "通报"), l.pick("Kept from worsening", "未恶化率"),
        l.pick("Reports on time", "越级上报及时率"),
      ])
      for s in windows {
        let g = s.overall
        table.rows.append([
          l.window(s.name), l.percent(g.satisfaction), Format.count(g.count(.reopened)),
          Format.count(g.count(.extensions)), Format.count(g.count(.named)), l.percent(g.keptFromWorsening),
          l.percent(g.reportOnTime),
        ])
      }
      out += "\n" + table.rendered()
    }
    if summary.namedUnits.isEmpty {
      out += l.pick(
        "\nNamed units (通报): none missed a deadline without reply or extension.\n",
        "\n通报：没有单位在无答复、无延期的情况下超时。\n")
    } else {
      var named = TextTable(headers: [
        l.pick("Named unit (通报)", "通报单位"), l.pick("Tier", "层级"), l.pick("Misses per replication", "每次重复超时次数"),
        l.pick("Replications named", "被通报的重复占比"),
      ])
      for n in summary.namedUnits.prefix(10) {
        named.rows.append([
          n.unit, n.tier, String(format2: n.perReplication, digits: 1),
          String(format2: n.replicationShare * 100, digits: 0) + "%",
        ])
      }
      out += "\n" + named.rendered()
      let more = summary.namedUnits.count - 10
      if more > 0 { out += l.pick("  … and \(more) more units\n", "  …… 另有 \(more) 个单位\n") }
    }
    return out
  }

  /// `网格员 (grid)`, or the id alone when the name is the id.
  static func named(_ id: String, _ name: String) -> String { name == id ? id : "\(name) (\(id))" }

  private static func label(_ tier: Summary.Tier, _ l: ReportLanguage) -> String { named(tier.id, tier.name) }

  private static func durationLine(_ d: Summary.Duration, _ l: ReportLanguage) -> String {
    l.pick(
      "mean \(l.duration(d.mean)), p50 \(l.duration(d.p50)), p90 \(l.duration(d.p90)), p95 \(l.duration(d.p95)), max \(l.duration(d.max))",
      "平均 \(l.duration(d.mean))，P50 \(l.duration(d.p50))，P90 \(l.duration(d.p90))，P95 \(l.duration(d.p95))，最大 \(l.duration(d.max))"
    )
  }
}
