/// What `gridsim sweep` prints and writes: a table of the points with each target's estimate and
/// verdict, and `sweep.csv`.
public enum SweepReport {
  /// The table on stdout, and the cheapest point that meets every target.
  public static func text(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], name: String, source: String
  )
    -> String
  {
    var out = "gridsim sweep: \(name) (\(source))\n  \(points.count) points on common random numbers\n\n"
    var table = TextTable(headers: sweep.axes.map(\.key) + targets.map(\.name) + ["Staff-hours", "All met"])
    for p in points {
      table.rows.append(
        p.values
          + p.outcomes.map { o in
            Format.interval(o.estimate, o.target.measure.kind.unit, scale: o.target.bound.value)
              + (o.met ? "" : " ✗")
          } + [Format.count(p.staffHours), p.met ? "yes" : "no"])
    }
    table.leftAligned = Set(0..<sweep.axes.count)
    out += table.rendered()
    if let best = points.filter(\.met).min(by: { $0.staffHours < $1.staffHours }) {
      let point = zip(sweep.axes, best.values).map { "\($0.key)=\($1)" }.joined(separator: ", ")
      out +=
        "\nCheapest point that meets every target: \(point) (\(Format.count(best.staffHours)) staff-hours).\n"
    } else if !targets.isEmpty {
      out += "\nNo point meets every target.\n"
    }
    return out
  }

  /// One row per point: the varied values, staff-hours, all met, then per target its mean, the
  /// ends of its interval and whether it is met.
  public static func csv(_ sweep: Sweep, points: [SweepPoint], targets: [Target]) -> String {
    var out = CSV.row(
      sweep.axes.map(\.key) + ["staff_hours", "all_met"]
        + targets.flatMap { ["\($0.name) mean", "\($0.name) low", "\($0.name) high", "\($0.name) met"] })
    func number(_ v: Double?) -> String { v.map { NumberText.decimal($0, digits: 4) } ?? "" }
    for p in points {
      out += CSV.row(
        p.values + [number(p.staffHours), p.met ? "true" : "false"]
          + p.outcomes.flatMap { o in
            [
              number(o.estimate?.mean), number(o.estimate?.low), number(o.estimate?.high),
              o.met ? "true" : "false",
            ]
          })
    }
    return out
  }
}
