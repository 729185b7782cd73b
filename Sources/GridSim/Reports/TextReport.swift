/// The readable summary `gridsim run` prints: the whole system first, then a table per concern.
public enum TextReport {
  /// Renders a summary as plain text.
  public static func render(_ summary: Summary, source: String? = nil) -> String {
    var out = ""
    let runs =
      summary.replications == 1
      ? "1 replication" : "\(summary.replications) replications (± is the 95% interval)"
    out += "gridsim run: \(summary.scenarioName)" + (source.map { " (\($0))" } ?? "") + "\n"
    out +=
      "  \(summary.start) to \(summary.end), warm-up \(summary.warmUp); \(runs), seed \(summary.seed)\n\n"

    let o = summary.overall
    let open = summary.tiers.reduce(0.0) { $0 + ($1.openAtEnd?.mean ?? 0) }
    out +=
      "Items: \(Format.count(o.count(.appeared))) appeared, \(Format.count(o.count(.closed))) closed, \(Format.count(open)) open at the end\n"
    out += "Response time (detection to first response): " + durationLine(o.duration(.response)) + "\n"
    out += "Resolution time (detection to closure):      " + durationLine(o.duration(.resolution)) + "\n"
    out +=
      "On time: response \(Format.percent(o.responseOnTime)), resolution \(Format.percent(o.resolutionOnTime))\n\n"

    var tiers = TextTable(headers: [
      "Tier", "Staff", "Utilization", "Visits", "Wait mean", "Wait p90", "At tier mean", "Response on time",
      "Resolution on time", "Backlog/day",
    ])
    for t in summary.tiers {
      tiers.rows.append([
        label(t), String(t.staff), Format.percent(t.utilization), Format.count(t.all.count(.visits)),
        Format.duration(t.all.duration(.wait).mean), Format.duration(t.all.duration(.wait).p90),
        Format.duration(t.all.duration(.timeAtTier).mean), Format.percent(t.all.responseOnTime),
        Format.percent(t.all.resolutionOnTime), Format.count(t.backlogMean),
      ])
    }
    out += tiers.rendered() + "\n"
    // Where a tier's bottleneck is: the utilization of each of its roles.
    for t in summary.tiers where !t.roles.isEmpty {
      out +=
        "Utilization by role at \(label(t)): "
        + t.roles.map { "\($0.id) \(Format.percent($0.utilization))" }.joined(separator: ", ") + "\n"
    }
    if summary.tiers.contains(where: { !$0.roles.isEmpty }) { out += "\n" }

    var escalations = TextTable(headers: [
      "Passed up from", "Authority", "Referral", "Deadline", "Major (skip-level)", "Worsened", "Reopened",
      "Closed here",
    ])
    for t in summary.tiers {
      escalations.rows.append(
        [label(t)] + EscalationReason.allCases.map { Format.count(t.all.count(.escalated($0))) } + [
          Format.count(t.all.count(.closed))
        ])
    }
    out += escalations.rendered() + "\n"

    func figures(_ header: String, _ rows: [(id: String, name: String)], _ groups: [Summary.Figures])
      -> String
    {
      var table = TextTable(headers: [
        header, "Items", "Response mean", "Response p90", "Resolution mean", "Resolution p90",
        "Response on time", "Resolution on time",
      ])
      for (row, g) in zip(rows, groups) {
        table.rows.append([
          row.name == row.id ? row.id : "\(row.name) (\(row.id))", Format.count(g.count(.appeared)),
          Format.duration(g.duration(.response).mean), Format.duration(g.duration(.response).p90),
          Format.duration(g.duration(.resolution).mean), Format.duration(g.duration(.resolution).p90),
          Format.percent(g.responseOnTime), Format.percent(g.resolutionOnTime),
        ])
      }
      return table.rendered()
    }
    out += figures("Category", summary.categories, summary.overallByCategory)
    if !summary.severities.isEmpty {
      out += "\n" + figures("Severity", summary.severities, summary.overallBySeverity)
    }
    if summary.usesWorkflow { out += "\n" + workflow(summary) }
    if summary.slices.count > 1 {
      var slices = TextTable(headers: [
        "Days appeared", "Days", "Items", "Response mean", "Response p90", "Response on time",
        "Resolution on time", "Utilization " + summary.tiers.map(\.id).joined(separator: "/"),
      ])
      for s in summary.slices {
        let o = s.overall
        slices.rows.append([
          s.isWindow ? "window \(s.name)" : s.name, String(s.measuredDays), Format.count(o.count(.appeared)),
          Format.duration(o.duration(.response).mean), Format.duration(o.duration(.response).p90),
          Format.percent(o.responseOnTime), Format.percent(o.resolutionOnTime),
          s.utilization.map { $0.map { String(format2: $0.mean * 100, digits: 0) + "%" } ?? "-" }.joined(
            separator: " / "),
        ])
      }
      out += "\nBy the day items appeared (measured days only):\n" + slices.rendered()
    }
    if summary.channels.contains(where: { $0.monitoring != nil }) {
      var channels = TextTable(headers: [
        "Channel", "Checked", "Items", "Detection mean", "p90", "max", "Response mean", "p90",
      ])
      for c in summary.channels {
        channels.rows.append([
          c.name == c.id ? c.id : "\(c.name) (\(c.id))", c.monitoring ?? "continuously",
          Format.count(c.detection.count), Format.duration(c.detection.mean),
          Format.duration(c.detection.p90), Format.duration(c.detection.max),
          Format.duration(c.response.mean), Format.duration(c.response.p90),
        ])
      }
      out +=
        "\nBy channel (detection: appearance to being seen; response: seen to first answer; clock time):\n"
        + channels.rendered()
    }
    if !summary.targets.isEmpty {
      out += "\nTargets (judged as 'gridsim check' does):\n" + TargetReport.table(summary.targets)
    }
    return out
  }

  /// The workflow's measures: the three rates, the sources' three measures, then per tier, per
  /// category and per window, and the named units.
  static func workflow(_ summary: Summary) -> String {
    let o = summary.overall
    var out = ""
    if let name = summary.policy.name {
      out += "Policy: \(name)" + (summary.policy.source.map { " (source: \($0))" } ?? "") + "\n"
    }
    out +=
      "Rates: response \(Format.percent(o.responseOnTime)), resolution \(Format.percent(o.resolutionRate)) (closed of appeared), satisfaction \(Format.percent(o.satisfaction))\n"
    out +=
      "Measures: timely \(Format.percent(o.responseOnTime)), well received \(Format.percent(o.satisfaction)), kept from worsening \(Format.percent(o.keptFromWorsening))\n\n"
    var tiers = TextTable(headers: [
      "Workflow at", "Extensions", "Reminders", "Named", "Satisfied", "Unsatisfied", "Reopened", "Forked",
      "Reports on time",
    ])
    for t in summary.tiers {
      let g = t.all
      tiers.rows.append(
        [label(t)]
          + [Counter.extensions, .reminders, .named, .satisfied, .unsatisfied, .reopened, .forked].map {
            Format.count(g.count($0))
          } + [Format.percent(g.reportOnTime)])
    }
    out += tiers.rendered() + "\n"
    // Where a tier's bottleneck is: the utilization of each of its roles.
    for t in summary.tiers where !t.roles.isEmpty {
      out +=
        "Utilization by role at \(label(t)): "
        + t.roles.map { "\($0.id) \(Format.percent($0.utilization))" }.joined(separator: ", ") + "\n"
    }
    if summary.tiers.contains(where: { !$0.roles.isEmpty }) { out += "\n" }
    var categories = TextTable(headers: [
      "Category", "Satisfaction", "Reopened", "Extensions", "Named", "Kept from worsening", "Worsened",
      "Follow-ups", "Reports on time",
    ])
    for (i, c) in summary.categories.enumerated() {
      let g = summary.overallByCategory[i]
      categories.rows.append([
        c.name == c.id ? c.id : "\(c.name) (\(c.id))", Format.percent(g.satisfaction),
        Format.count(g.count(.reopened)),
        Format.count(g.count(.extensions)), Format.count(g.count(.named)),
        Format.percent(g.keptFromWorsening),
        Format.count(g.count(.worsened)), Format.count(g.count(.followUps)), Format.percent(g.reportOnTime),
      ])
    }
    out += categories.rendered()
    let windows = summary.slices.filter(\.isWindow)
    if !windows.isEmpty {
      var table = TextTable(headers: [
        "Window", "Satisfaction", "Reopened", "Extensions", "Named", "Kept from worsening", "Reports on time",
      ])
      for s in windows {
        let g = s.overall
        table.rows.append([
          s.name, Format.percent(g.satisfaction), Format.count(g.count(.reopened)),
          Format.count(g.count(.extensions)),
          Format.count(g.count(.named)), Format.percent(g.keptFromWorsening), Format.percent(g.reportOnTime),
        ])
      }
      out += "\n" + table.rendered()
    }
    if summary.namedUnits.isEmpty {
      out += "\nNamed units (通报): none missed a deadline without reply or extension.\n"
    } else {
      var named = TextTable(headers: [
        "Named unit (通报)", "Tier", "Misses per replication", "Replications named",
      ])
      for n in summary.namedUnits.prefix(10) {
        named.rows.append([
          n.unit, n.tier, String(format2: n.perReplication, digits: 1),
          String(format2: n.replicationShare * 100, digits: 0) + "%",
        ])
      }
      out += "\n" + named.rendered()
      if summary.namedUnits.count > 10 { out += "  … and \(summary.namedUnits.count - 10) more units\n" }
    }
    return out
  }

  private static func label(_ tier: Summary.Tier) -> String {
    tier.name == tier.id ? tier.id : "\(tier.name) (\(tier.id))"
  }

  private static func durationLine(_ d: Summary.Duration) -> String {
    "mean \(Format.duration(d.mean)), p50 \(Format.duration(d.p50)), p90 \(Format.duration(d.p90)), p95 \(Format.duration(d.p95)), max \(Format.duration(d.max))"
  }
}
