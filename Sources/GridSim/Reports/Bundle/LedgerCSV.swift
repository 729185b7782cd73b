/// `ledger.csv`: one row per item of a replication with its stage times, documented in
/// `Reports/README.md`. Times are local, to the minute; a blank means it did not happen.
public enum LedgerCSV {
  public static func render(_ ledger: Ledger, model: Model) -> String {
    let scenario = model.scenario
    let start = scenario.period.start
    func time(_ minutes: Double?) -> String {
      guard let minutes, minutes.isFinite else { return "" }
      return start.adding(minutes: minutes.rounded()).description.replacingOccurrences(of: "T", with: " ")
    }
    let perTier = [
      "unit", "arrived", "started", "responded", "left", "outcome", "response_due", "resolution_due",
    ]
    var out = CSV.row(
      [
        "item", "measured", "category", "severity", "channel", "grid", "appeared", "detected", "closed",
        "closed_at", "response_deadline_missed", "resolution_deadline_missed",
      ] + scenario.tiers.flatMap { tier in perTier.map { "\(tier.id)_\($0)" } })
    let channels = scenario.demand.channels
    for (i, e) in ledger.entries.enumerated() {
      var fields = [
        String(i + 1), e.counted ? "1" : "0", scenario.demand.categories[e.category].id,
        scenario.demand.severities[e.severity].id, e.channel < channels.count ? channels[e.channel].id : "",
        model.unitNames[model.unit(leaf: e.leaf)], time(e.appeared), time(e.detected), time(e.closed),
        e.closed != nil ? scenario.tiers[e.visits.last?.tier ?? 0].id : "",
        e.responseMissed ? "1" : "0", e.resolutionMissed ? "1" : "0",
      ]
      for t in scenario.tiers.indices {
        guard let v = e.visits.first(where: { $0.tier == t }) else {
          fields += Array(repeating: "", count: perTier.count)
          continue
        }
        fields += [
          model.unitNames[model.unit(leaf: e.leaf, tier: t)], time(v.arrived), time(v.started),
          time(v.responded), time(v.left), v.outcome?.rawValue ?? "",
          time(v.responseDue), time(v.resolutionDue),
        ]
      }
      out += CSV.row(fields)
    }
    return out
  }
}
