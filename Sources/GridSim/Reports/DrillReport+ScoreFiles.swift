/// The score's files: score.json, score.csv and the improvement plan (HSEEP) as CSV.
extension DrillReport {
  /// `score.json`: English words whatever the report's language.
  package func scoreJSON(_ score: DrillScore, source: String) -> JSONNode {
    let english = DrillReport(pack: pack, scenario: scenario, language: .en)
    func time(_ t: LocalDateTime?) -> JSONNode { t.map { .string($0.description) } ?? .null }
    // Times that never came (infinity) are null.
    func minutes(_ v: Double?) -> JSONNode { JSONNode.number(v) }
    let outcomes: [JSONNode] = score.outcomes.map { o in
      var members: [(String, JSONNode)] = [
        ("inject", .string(o.expectation.inject)), ("action", .string(o.expectation.action.rawValue)),
        ("tier", .string(scenario.tiers[o.expectation.tier].id)), ("start", time(o.expectation.start)),
        ("due", time(o.expectation.due)),
        ("deadline", o.expectation.deadline.map { .string($0.description) } ?? .null),
        ("actual", time(o.actual)), ("status", .string(o.status.rawValue)),
        ("lateMinutes", minutes(o.lateCalendar)), ("lateWorkingMinutes", minutes(o.lateWorking)),
        ("allowedMinutes", minutes(o.allowed)), ("workingClock", .bool(o.workingClock)),
        ("points", .int(o.points)),
        ("objectives", .array(o.objectives.map { .string($0) })),
        ("logLine", o.row.map { .int(score.log.rows[$0].line) } ?? .null),
      ]
      if let sim = o.simulated, !sim.isEmpty {
        members.append(
          (
            "simulated",
            .object([
              ("replications", .int(sim.count)), ("p50Minutes", minutes(Quantile.nearestRank(sim, 0.5))),
              ("p90Minutes", minutes(Quantile.nearestRank(sim, 0.9))),
              ("shareAtOrBeforeTeam", .number(o.simulatedShareFaster)),
              ("fasterThanShare", .number(o.fasterThanShare)),
            ])
          ))
      }
      return .object(members)
    }
    func times(_ list: [DrillScore.ResponseTimes]) -> JSONNode {
      .array(
        list.map {
          .object([
            ("label", .string($0.label)), ("count", .int($0.count)), ("medianMinutes", minutes($0.median)),
            ("p90Minutes", minutes($0.p90)),
          ])
        })
    }
    return .object([
      ("pack", .string(pack.name)), ("source", .string(source)), ("scenario", .string(scenario.name)),
      ("log", .string(score.log.path)), ("score", .number(score.score)),
      ("ends", time(score.ends)), ("blankLogLines", .array(score.log.blankLines.map { .int($0) })),
      ("totalLateMinutes", .number(score.totalLateness)),
      ("rating", .string(score.rating.code)),
      ("passed", score.passed.map { .bool($0) } ?? .null),
      ("failures", .array(score.failures.map { .string(english.failure($0)) })),
      (
        "objectives",
        .array(
          score.objectives.map { o in
            .object([
              ("id", .string(o.objective.id)), ("text", .string(o.objective.text)),
              ("rule", o.objective.rule.map { .string($0) } ?? .null), ("score", .number(o.score)),
              ("rating", o.rating.map { .string($0.code) } ?? .null),
            ])
          })
      ),
      ("actions", .array(outcomes)),
      ("responseByTier", times(score.byTier)), ("responseByRole", times(score.byRole)),
      (
        "worsening",
        .array(
          score.worsening.map {
            .object([("inject", .string($0.inject)), ("by", time($0.by)), ("kept", .bool($0.kept))])
          })
      ),
      (
        "notCounted",
        .array(
          score.unexpected.map {
            .object([
              ("line", .int(score.log.rows[$0.row].line)),
              ("reason", .string(english.reason($0.reason, score.log.rows[$0.row]))),
            ])
          })
      ),
      ("simulatedReplications", .int(score.replications)),
      ("rule", .string(english.scoringRule)),
    ])
  }

  /// `score.csv`: one row per expected action.
  package func scoreCSV(_ score: DrillScore) -> String {
    var out = CSV.row([
      "inject", "action", "tier", "due", "actual", "status", "late_minutes", "late_working_minutes", "points",
      "objectives", "policy_p50_minutes", "policy_p90_minutes", "faster_than_percent",
    ])
    func number(_ v: Double?) -> String { v.map { String(format2: $0, digits: 1) } ?? "" }
    for o in score.outcomes {
      let sim = o.simulated.flatMap { $0.isEmpty ? nil : $0 }
      out += CSV.row([
        o.expectation.inject, o.expectation.action.rawValue, scenario.tiers[o.expectation.tier].id,
        o.expectation.due.description, o.actual?.description ?? "", o.status.rawValue, number(o.lateCalendar),
        number(o.lateWorking), o.scored ? String(o.points) : "", o.objectives.joined(separator: " "),
        number(sim.map { Quantile.nearestRank($0, 0.5) }), number(sim.map { Quantile.nearestRank($0, 0.9) }),
        o.fasterThanPercent.map(String.init) ?? "",
      ])
    }
    return out
  }

  /// The improvement plan (HSEEP's AAR/IP): one row per scored action late or not done, with the
  /// tier that owed it as the responsible unit and the corrective action, dates and contact left
  /// for the debrief.
  func improvementPlan(_ score: DrillScore) -> [[String]] {
    let issues = improvementRows(score)
    let outcomes = score.outcomes.filter { $0.status == .late || $0.status == .missing }
    return zip(outcomes, issues).enumerated().map { n, pair in
      let (o, issue) = pair
      let owner = pack.roles.first { $0.tier == o.expectation.tier }?.name ?? tierName(o.expectation.tier)
      return [
        String(n + 1), o.objectives.joined(separator: " "), issue[0], issue[1], issue[2], issue[3], issue[4],
        "",
        owner, "", "", "",
      ]
    }
  }

  /// `improvement-plan.csv`: the plan to fill in, headers in the report's language.
  package func improvementPlanCSV(_ score: DrillScore) -> String {
    CSV.row(improvementPlanHeaders.map(\.key)) + improvementPlan(score).map(CSV.row).joined()
  }

  /// The files `drill score --out DIR` writes.
  package func scoreFiles(_ score: DrillScore, source: String) -> [(name: String, text: String)] {
    let doc = scoreDocument(score)
    let footer = "gridsim drill score"
    return [
      ("score.json", scoreJSON(score, source: source).rendered()), ("score.csv", scoreCSV(score)),
      ("score.md", doc.markdown(footer: footer)), ("score.html", doc.html(footer: footer)),
      ("improvement-plan.csv", improvementPlanCSV(score)),
    ]
  }
}
