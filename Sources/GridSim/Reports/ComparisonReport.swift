/// How `gridsim compare` shows a comparison: measures side by side with paired differences, what
/// got worse, and the targets in both.
public enum ComparisonReport {
  /// Renders a comparison as plain text.
  public static func render(
    _ c: Comparison, base: (name: String, source: String), changed: (name: String, source: String),
    replications: Int, seed: UInt64
  ) -> String {
    var out = "gridsim compare\n"
    out += "  base:    \(base.name) (\(base.source))\n"
    out += "  changed: \(changed.name) (\(changed.source))\n"
    out +=
      "  \(replications) replication\(replications == 1 ? "" : "s") each, seed \(seed), common random numbers: differences are changed − base, paired by replication, with 95% intervals\n"
    if let unpaired = c.unpaired { out += "  WARNING: \(unpaired).\n" }
    out += "\n"
    var table = TextTable(headers: ["Measure", "Base", "Changed", "Difference (95% interval)", ""])
    for row in c.rows {
      let unit = row.measure.kind.unit
      let scale = row.base?.mean ?? row.changed?.mean
      var difference = "-"
      if let d = row.difference {
        difference = Format.difference(d.mean, unit, scale: scale)
        if d.halfWidth > 0 {
          difference +=
            " (\(Format.difference(d.low, unit, scale: scale)) to \(Format.difference(d.high, unit, scale: scale)))"
        }
      }
      let verdict = row.worse ? "worse" : row.better ? "better" : row.significant ? "changed" : ""
      table.rows.append([
        row.measure.description, row.base.map { Format.measure($0.mean, unit, scale: scale) } ?? "-",
        row.changed.map { Format.measure($0.mean, unit, scale: scale) } ?? "-", difference, verdict,
      ])
    }
    table.leftAligned = [0, 4]
    out += table.rendered() + "\n"
    let worse = c.rows.filter(\.worse)
    if worse.isEmpty {
      out += "Nothing got significantly worse.\n"
    } else {
      out += "Significantly worse: " + worse.map(\.measure.description).joined(separator: ", ") + ".\n"
    }
    if !c.targets.isEmpty {
      out += "\nTargets (from the base scenario):\n"
      var targets = TextTable(headers: ["Target", "Bound", "Base", "Changed", "Result"])
      for t in c.targets {
        let unit = t.base.target.measure.kind.unit
        let scale = t.base.target.bound.value
        let result =
          t.flippedToMiss
          ? "met → MISSED" : !t.base.met && t.changed.met ? "missed → met" : t.changed.met ? "met" : "MISSED"
        targets.rows.append([
          t.base.target.name, TargetReport.bound(t.base.target),
          Format.interval(t.base.estimate, unit, scale: scale),
          Format.interval(t.changed.estimate, unit, scale: scale), result,
        ])
      }
      targets.leftAligned = [0, 4]
      out += targets.rendered()
      let flipped = c.targets.filter(\.flippedToMiss)
      out +=
        flipped.isEmpty
        ? "\nNo target went from met to missed.\n"
        : "\n\(flipped.count) target\(flipped.count == 1 ? "" : "s") went from met to missed: "
          + flipped.map(\.base.target.name).joined(separator: ", ") + ".\n"
    }
    return out
  }
}
