/// `ledger.csv`: one row per item of a replication with its stage times, documented in
/// `Reports/README.md`. Times are local, to the minute; a blank means it did not happen. In
/// Chinese its columns and outcomes are the words work-order platforms use, which ``WorkOrderLog``
/// reads back (a ledger is a log for `gridsim fit`).
package enum LedgerCSV {
  /// The columns in Chinese, by their English name.
  static let chinese: [String: String] = [
    "item": "工单编号", "measured": "计入统计", "category": "诉求类别", "severity": "严重程度", "channel": "来源渠道",
    "grid": "所属网格", "appeared": "发现时间", "detected": "受理时间", "closed": "办结时间", "closed_at": "办结层级",
    "response_deadline_missed": "回复超时", "resolution_deadline_missed": "办结超时", "reopened": "重办次数",
    "follow_up": "追加",
  ]
  /// A tier's columns in Chinese (after the tier's name), by their English name.
  static let chineseTier: [String: String] = [
    "unit": "单位", "visits": "受理次数", "arrived": "到达时间", "started": "签收时间", "responded": "首次回复时间",
    "left": "离开时间", "outcome": "去向", "response_due": "回复时限", "resolution_due": "办结时限",
  ]
  /// How an item left a tier, in Chinese.
  static let chineseOutcome: [Ledger.Outcome: String] = [
    .closed: "办结", .authority: "超出权限", .referral: "转办", .deadline: "超时督办", .worsened: "舆情升级",
    .reopened: "重办",
  ]

  package static func render(_ ledger: Ledger, model: Model, language l: ReportLanguage = .english) -> String
  {
    let zh = l.code == .zh
    let scenario = model.scenario
    // Millions of times are written: dates and clock times come from tables, not a formatter.
    let start = scenario.period.start
    let firstDay = start.dayNumber
    var dates: [Int: String] = [:]
    let clock = (0..<1440).map { m in
      (m / 60 < 10 ? "0" : "") + String(m / 60) + (m % 60 < 10 ? ":0" : ":") + String(m % 60)
    }
    func time(_ minutes: Double?) -> String {
      guard let minutes, minutes.isFinite else { return "" }
      let local = Int(minutes.rounded()) + start.minuteOfDay
      let day = local >= 0 ? local / 1440 : (local - 1439) / 1440
      let date: String
      if let known = dates[day] {
        date = known
      } else {
        date = LocalDateTime(minutes: Int64(firstDay + day) * 1440).dateDescription
        dates[day] = date
      }
      return date + " " + clock[local - day * 1440]
    }
    let perTier = [
      "unit", "visits", "arrived", "started", "responded", "left", "outcome", "response_due",
      "resolution_due",
    ]
    let columns = [
      "item", "measured", "category", "severity", "channel", "grid", "appeared", "detected", "closed",
      "closed_at", "response_deadline_missed", "resolution_deadline_missed", "reopened", "follow_up",
    ]
    var out = CSV.row(
      (zh ? columns.map { chinese[$0] ?? $0 } : columns)
        + scenario.tiers.flatMap { tier in
          perTier.map { zh ? tier.name + (chineseTier[$0] ?? $0) : "\(tier.id)_\($0)" }
        })
    let channels = scenario.demand.channels
    for (i, e) in ledger.entries.enumerated() {
      var fields = [
        String(i + 1), e.counted ? "1" : "0", scenario.demand.categories[e.category].id,
        scenario.demand.severities[e.severity].id, e.channel < channels.count ? channels[e.channel].id : "",
        model.unitNames[model.unit(leaf: e.leaf)], time(e.appeared), time(e.detected), time(e.closed),
        e.closed != nil ? scenario.tiers[e.visits.last?.tier ?? 0].id : "",
        e.responseMissed ? "1" : "0", e.resolutionMissed ? "1" : "0",
        String(e.visits.count(where: { $0.outcome == .reopened })), e.followUp ? "1" : "0",
      ]
      for t in scenario.tiers.indices {
        // The first visit to the tier; a reopened item's later visits are counted in T_visits.
        let visits = e.visits.filter { $0.tier == t }
        guard let v = visits.first else {
          fields += Array(repeating: "", count: perTier.count)
          continue
        }
        fields += [
          model.unitNames[model.unit(leaf: e.leaf, tier: t)], String(visits.count), time(v.arrived),
          time(v.started),
          time(v.responded), time(v.left),
          v.outcome.map { zh ? chineseOutcome[$0] ?? $0.rawValue : $0.rawValue } ?? "",
          time(v.responseDue), time(v.resolutionDue),
        ]
      }
      out += CSV.row(fields)
    }
    return out
  }
}
