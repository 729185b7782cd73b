/// The CSV files of a report folder: plain numbers (means over the replications), column names
/// in the report's language, documented in `Reports/README.md`.
enum DataFiles {
  /// Column names in Chinese, by their English name.
  static let chineseHeaders: [String: String] = [
    "scenario": "方案", "date": "日期", "day_kind": "日类型", "window": "重点时段", "warm_up": "预热期", "tier": "层级",
    "arrivals": "到达", "handled": "办理", "backlog": "积压", "capacity": "处理能力", "utilization": "利用率",
    "response_on_time": "按时回复率", "resolution_on_time": "按时办结率", "name": "名称", "staff": "人员",
    "units": "单位数", "visits": "受理量", "closed": "办结", "wait_mean_hours": "平均等待_小时",
    "wait_p90_hours": "等待P90_小时", "time_at_tier_mean_hours": "平均停留_小时", "response_mean_hours": "平均回复_小时",
    "response_p90_hours": "回复P90_小时", "backlog_mean": "平均积压", "backlog_max": "最大积压", "open_at_end": "期末未结",
    "escalated_authority": "上报_超出权限", "escalated_referral": "上报_转办", "escalated_deadline": "上报_超时督办",
    "escalated_major": "上报_越级", "escalated_worsened": "上报_舆情恶化", "escalated_reopened": "上报_重办",
    "role": "角色", "role_busy": "角色人员忙碌",
  ]

  /// A header row in `l`: the English names, or their Chinese.
  static func header(_ names: [String], _ l: ReportLanguage) -> String {
    CSV.row(l.code == .en ? names : names.map { chineseHeaders[$0] ?? $0 })
  }

  /// A number for CSV: up to four decimals, no trailing zeros; empty when nil.
  static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    let rounded = (value * 10_000).rounded() / 10_000
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    var text = String(format2: rounded, digits: 4)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  static func hours(_ minutes: Estimate?) -> String { number(minutes.map { $0.mean / 60 }) }

  /// One row per scenario, day and tier.
  static func daily(_ sections: [ReportBundle.Section], _ l: ReportLanguage = .english) -> String {
    var out = header(
      [
        "scenario", "date", "day_kind", "window", "warm_up", "tier", "arrivals", "handled", "backlog",
        "capacity", "utilization", "response_on_time", "resolution_on_time",
      ], l)
    for section in sections {
      let s = section.summary
      for day in s.days {
        for (t, tier) in s.tiers.enumerated() {
          out += CSV.row([
            s.scenarioName, day.date, l.code == .en ? day.kind.rawValue : day.kind.chineseName,
            day.window ?? "", day.warmUp ? "1" : "0", tier.id,
            number(day.arrivals[t]), number(day.done[t]), number(day.backlog[t]), number(day.capacity[t]),
            number(day.utilization[t]), number(day.responseOnTime[t]), number(day.resolutionOnTime[t]),
          ])
        }
      }
    }
    return out
  }

  /// One row per scenario and tier.
  static func tiers(_ sections: [ReportBundle.Section], _ l: ReportLanguage = .english) -> String {
    var out = header(
      [
        "scenario", "tier", "name", "staff", "units", "utilization", "visits", "closed", "wait_mean_hours",
        "wait_p90_hours", "time_at_tier_mean_hours", "response_mean_hours", "response_p90_hours",
        "response_on_time", "resolution_on_time", "backlog_mean", "backlog_max", "open_at_end",
      ] + EscalationReason.allCases.map { "escalated_\($0.name)" } + ["role", "role_busy"], l)
    for section in sections {
      let s = section.summary
      for t in s.tiers {
        let g = t.all
        out += CSV.row(
          [
            s.scenarioName, t.id, t.name, String(t.staff), String(t.units), number(t.utilization?.mean),
            number(g.count(.visits)?.mean), number(g.count(.closed)?.mean), hours(g.duration(.wait).mean),
            hours(g.duration(.wait).p90), hours(g.duration(.timeAtTier).mean),
            hours(g.duration(.response).mean),
            hours(g.duration(.response).p90), number(g.responseOnTime?.mean),
            number(g.resolutionOnTime?.mean),
            number(t.backlogMean?.mean), number(t.backlogMax?.mean), number(t.openAtEnd?.mean),
          ] + EscalationReason.allCases.map { number(g.count(.escalated($0))?.mean) } + ["", ""])
        // Then a row per role of the tier: its share of the tier's on-duty time (in the utilization
        // column: over the roles, the tier's) and how busy its own people were; the rest empty.
        let blanks = Array(repeating: "", count: 12 + EscalationReason.allCases.count)
        for role in t.roles {
          out += CSV.row(
            [s.scenarioName, t.id, t.name, "", "", number(role.share?.mean)] + blanks + [
              role.id, number(role.busy?.mean),
            ])
        }
      }
    }
    return out
  }
}
