/// The CSV files of a report folder: plain numbers (means over the replications) and English
/// column names in every report language, documented in `Reports/README.md`.
enum DataFiles {
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
  static func daily(_ sections: [ReportBundle.Section]) -> String {
    var out = CSV.row([
      "scenario", "date", "day_kind", "window", "warm_up", "tier", "arrivals", "handled", "backlog",
      "capacity",
      "utilization", "response_on_time", "resolution_on_time",
    ])
    for section in sections {
      let s = section.summary
      for day in s.days {
        for (t, tier) in s.tiers.enumerated() {
          out += CSV.row([
            s.scenarioName, day.date, day.kind.rawValue, day.window ?? "", day.warmUp ? "1" : "0", tier.id,
            number(day.arrivals[t]), number(day.done[t]), number(day.backlog[t]), number(day.capacity[t]),
            number(day.utilization[t]), number(day.responseOnTime[t]), number(day.resolutionOnTime[t]),
          ])
        }
      }
    }
    return out
  }

  /// One row per scenario and tier.
  static func tiers(_ sections: [ReportBundle.Section]) -> String {
    var out = CSV.row(
      [
        "scenario", "tier", "name", "staff", "units", "utilization", "visits", "closed", "wait_mean_hours",
        "wait_p90_hours", "time_at_tier_mean_hours", "response_mean_hours", "response_p90_hours",
        "response_on_time", "resolution_on_time", "backlog_mean", "backlog_max", "open_at_end",
      ] + EscalationReason.allCases.map { "escalated_\($0.name)" } + ["role"])
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
          ] + EscalationReason.allCases.map { number(g.count(.escalated($0))?.mean) } + [""])
        // Then a row per role of the tier: its utilization, the other columns empty.
        let blanks = Array(repeating: "", count: 12 + EscalationReason.allCases.count)
        for role in t.roles {
          out += CSV.row(
            [s.scenarioName, t.id, t.name, "", "", number(role.utilization?.mean)] + blanks + [role.id])
        }
      }
    }
    return out
  }
}
