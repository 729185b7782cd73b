/// The versioned JSON summary (`--format json`), documented in `Reports/README.md`.
///
/// Durations are in hours, in objects whose key ends in `Hours`; shares are 0-1; every estimate is
/// `{"mean", "low", "high"}` with the 95% interval across replications.
public enum SummaryJSON {
  /// The schema name and version written at the top of every summary.
  package static let schema = "gridsim-summary"
  package static let version = 2

  /// Builds the document (`schema: "gridsim-summary"`, `version: 2`, as `gridsim run --format
  /// json` prints it); `source` is the scenario file's path as the reader should see it.
  public static func document(_ summary: Summary, source: String? = nil) -> JSONNode {
    var scenario: [(String, JSONNode)] = [("name", .string(summary.scenarioName))]
    if let source { scenario.append(("file", .string(source))) }
    scenario += [
      ("start", .string(summary.start.description)), ("end", .string(summary.end.description)),
      ("warmUpHours", .number(summary.warmUp.minutes / 60)), ("replications", .int(summary.replications)),
      ("seed", .int(Int(summary.seed))),
    ]
    let tiers: [JSONNode] = summary.tiers.map { t in
      .object(
        [
          ("id", .string(t.id)), ("name", .string(t.name)), ("staff", .int(t.staff)),
          ("units", .int(t.units)),
          ("utilization", estimate(t.utilization)),
          (
            "roles",
            .array(
              t.roles.map {
                .object([("id", .string($0.id)), ("share", estimate($0.share)), ("busy", estimate($0.busy))])
              })
          ),
          ("openAtEnd", estimate(t.openAtEnd)),
          ("backlogEndOfDay", .object([("mean", estimate(t.backlogMean)), ("max", estimate(t.backlogMax))])),
          ("responseDeadline", deadline(t.responseDeadline)),
        ] + group(t.all, tier: true)
          + [
            (
              "byCategory",
              .array(zip(summary.categories, t.byCategory).map { category($0.0, $0.1, tier: true) })
            )
          ])
    }
    let days: [JSONNode] = summary.days.map { d in
      .object([
        ("date", .string(d.date)), ("kind", .string(d.kind.rawValue)),
        ("window", d.window.map { .string($0) } ?? .null), ("warmUp", .bool(d.warmUp)),
        ("arrivals", .array(d.arrivals.map { .number($0) })), ("done", .array(d.done.map { .number($0) })),
        ("backlog", .array(d.backlog.map { .number($0) })),
        ("utilization", .array(d.utilization.map { .number($0) })),
        ("capacity", .array(d.capacity.map { .number($0) })),
        ("responseOnTime", .array(d.responseOnTime.map { .number($0) })),
        ("resolutionOnTime", .array(d.resolutionOnTime.map { .number($0) })),
      ])
    }
    var top: [(String, JSONNode)] = [
      ("schema", .string(schema)), ("version", .int(version)), ("scenario", .object(scenario)),
      ("events", .int(summary.events)),
      (
        "overall",
        .object(
          group(summary.overall, tier: false) + [
            (
              "byCategory",
              .array(
                zip(summary.categories, summary.overallByCategory).map { category($0.0, $0.1, tier: false) })
            ),
            (
              "bySeverity",
              .array(
                zip(summary.severities, summary.overallBySeverity).map { category($0.0, $0.1, tier: false) })
            ),
          ])
      ),
      ("tiers", .array(tiers)),
      ("daily", .object([("tiers", .array(summary.tiers.map { .string($0.id) })), ("days", .array(days))])),
    ]
    let tierIDs = summary.tiers.map(\.id)
    top.append(
      (
        "slices",
        .array(
          summary.slices.map { s in
            .object(
              [
                ("name", .string(s.name)), ("kind", .string(s.isWindow ? "window" : "dayKind")),
                ("days", .int(s.days)), ("measuredDays", .int(s.measuredDays)),
              ] + group(s.overall, tier: false)
                + [
                  ("utilization", .object(zip(tierIDs, s.utilization).map { ($0, estimate($1)) })),
                  ("backlogEndOfDay", .object(zip(tierIDs, s.backlogMean).map { ($0, estimate($1)) })),
                ])
          })
      ))
    if summary.channels.contains(where: { $0.monitoring != nil }) {
      top.append(
        (
          "channels",
          .array(
            summary.channels.map { c in
              .object([
                ("id", .string(c.id)), ("name", .string(c.name)),
                ("monitoring", c.monitoring.map { .string($0) } ?? .string("continuous")),
                ("detectionHours", duration(c.detection)),
                ("responseHours", duration(c.response)),
              ])
            })
        ))
    }
    if summary.usesWorkflow {
      let p = summary.policy
      top.append(
        (
          "policy",
          .object([
            ("preset", p.preset.map { .string($0) } ?? .null), ("name", p.name.map { .string($0) } ?? .null),
            ("source", p.source.map { .string($0) } ?? .null),
          ])
        ))
      top.append(
        (
          "namedUnits",
          .array(
            summary.namedUnits.map { n in
              .object([
                ("unit", .string(n.unit)), ("tier", .string(n.tier)),
                ("perReplication", .number(n.perReplication)),
                ("replicationShare", .number(n.replicationShare)),
              ])
            })
        ))
    }
    if !summary.targets.isEmpty { top.append(("targets", .array(summary.targets.map(target)))) }
    return .object(top)
  }

  /// A judged target. Durations are in hours, shares 0-1, as everywhere in the summary.
  package static func target(_ o: TargetOutcome) -> JSONNode {
    let t = o.target
    let unit = t.measure.kind.unit
    let factor = unit == .minutes ? 1.0 / 60 : 1
    let (side, value) =
      switch t.bound {
      case .atLeast(let v): ("atLeast", v)
      case .atMost(let v): ("atMost", v)
      }
    return .object([
      ("name", .string(t.name)), ("metric", .string(t.measure.kind.name)),
      ("tier", t.measure.tier.map { .string($0) } ?? .null),
      ("category", t.measure.category.map { .string($0) } ?? .null),
      ("window", t.measure.window.map { .string($0) } ?? .null),
      ("unit", .string(unit == .share ? "share" : unit == .minutes ? "hours" : "items")),
      ("bound", .object([(side, .number(value * factor))])), ("judge", .string(t.judge.rawValue)),
      ("estimate", estimate(o.estimate?.scaled(by: factor))),
      ("margin", o.margin.map { .number($0 * factor) } ?? .null),
      ("met", .bool(o.met)),
    ])
  }

  /// A comparison: each measure in both scenarios with the paired difference, and the targets.
  package static func comparison(_ c: Comparison) -> JSONNode {
    func measure(_ m: Measure) -> JSONNode {
      .object([
        ("metric", .string(m.kind.name)), ("tier", m.tier.map { .string($0) } ?? .null),
        ("category", m.category.map { .string($0) } ?? .null),
        ("window", m.window.map { .string($0) } ?? .null),
      ])
    }
    return .object([
      (
        "measures",
        .array(
          c.rows.map { row in
            let unit = row.measure.kind.unit
            let factor = unit == .minutes ? 1.0 / 60 : 1
            return .object([
              ("measure", measure(row.measure)),
              ("unit", .string(unit == .share ? "share" : unit == .minutes ? "hours" : "items")),
              ("base", estimate(row.base?.scaled(by: factor))),
              ("changed", estimate(row.changed?.scaled(by: factor))),
              ("difference", estimate(row.difference?.scaled(by: factor))),
              ("significant", .bool(row.significant)),
              (
                "verdict",
                .string(row.worse ? "worse" : row.better ? "better" : row.significant ? "changed" : "same")
              ),
            ])
          })
      ),
      (
        "targets",
        .array(
          c.targets.map { t in
            .object([
              ("base", target(t.base)), ("changed", target(t.changed)),
              ("flippedToMiss", .bool(t.flippedToMiss)),
            ])
          })
      ),
    ])
  }

  private static func deadline(_ mark: DeadlineMark?) -> JSONNode {
    guard let mark else { return .null }
    return .object([
      ("rule", .string(mark.spec.description)), ("shortestHours", .number(mark.shortest / 60)),
      ("typicalHours", .number(mark.typical / 60)), ("longestHours", .number(mark.longest / 60)),
    ])
  }

  private static func category(_ c: (id: String, name: String), _ g: Summary.Figures, tier: Bool) -> JSONNode
  {
    .object([("id", .string(c.id)), ("name", .string(c.name))] + group(g, tier: tier))
  }

  private static func group(_ g: Summary.Figures, tier: Bool) -> [(String, JSONNode)] {
    var counts: [(String, JSONNode)] = []
    if !tier { counts.append(("appeared", estimate(g.count(.appeared)))) }
    counts += [("visits", estimate(g.count(.visits))), ("closed", estimate(g.count(.closed)))]
    let metrics: [Metric] =
      tier
      ? [.wait, .response, .resolution, .timeInSystem, .timeAtTier]
      : [.wait, .response, .resolution, .timeInSystem]
    var result: [(String, JSONNode)] = [("counts", .object(counts))]
    result.append(("durationsHours", .object(metrics.map { ($0.key, duration(g.duration($0))) })))
    result.append(
      (
        "onTime",
        .object([("response", estimate(g.responseOnTime)), ("resolution", estimate(g.resolutionOnTime))])
      ))
    let workflowCounts: [(String, Counter)] = [
      ("extensions", .extensions), ("reminders", .reminders), ("named", .named), ("satisfied", .satisfied),
      ("unsatisfied", .unsatisfied), ("reopened", .reopened), ("kept", .kept), ("worsened", .worsened),
      ("followUps", .followUps), ("reportsOnTime", .reportMet), ("reportsLate", .reportMissed),
      ("forked", .forked),
    ]
    var rates: [(String, JSONNode)] = [
      ("satisfaction", estimate(g.satisfaction)), ("keptFromWorsening", estimate(g.keptFromWorsening)),
      ("reportOnTime", estimate(g.reportOnTime)),
    ]
    if !tier { rates.append(("resolutionRate", estimate(g.resolutionRate))) }
    result.append(
      (
        "workflow",
        .object(
          [("counts", .object(workflowCounts.map { ($0.0, estimate(g.count($0.1))) }))] + [
            ("rates", .object(rates))
          ])
      ))
    if tier {
      result.append(
        (
          "escalationsUp",
          .object(EscalationReason.allCases.map { ($0.name, estimate(g.count(.escalated($0)))) })
        ))
    }
    return result
  }

  private static func duration(_ d: Summary.Duration) -> JSONNode {
    func hours(_ e: Estimate?) -> JSONNode { estimate(e?.scaled(by: 1.0 / 60)) }
    return .object([
      ("count", estimate(d.count)), ("mean", hours(d.mean)), ("p50", hours(d.p50)), ("p90", hours(d.p90)),
      ("p95", hours(d.p95)), ("max", hours(d.max)),
    ])
  }

  private static func estimate(_ e: Estimate?) -> JSONNode {
    guard let e else { return .null }
    return .object([("mean", .number(e.mean)), ("low", .number(e.low)), ("high", .number(e.high))])
  }
}
