/// `ledger.csv`: one row per item of a replication with its stage times, documented in
/// `Reports/README.md`. Times are local, to the minute; a blank means it did not happen.
public enum LedgerCSV {
  public static func render(_ ledger: Ledger, model: Model) -> String {
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
    var out = CSV.row(
      [
        "item", "measured", "category", "severity", "channel", "grid", "appeared", "detected", "closed",
        "closed_at", "response_deadline_missed", "resolution_deadline_missed", "reopened", "follow_up",
      ] + scenario.tiers.flatMap { tier in perTier.map { "\(tier.id)_\($0)" } })
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
          time(v.responded), time(v.left), v.outcome?.rawValue ?? "",
          time(v.responseDue), time(v.resolutionDue),
        ]
      }
      out += CSV.row(fields)
    }
    return out
  }
}
