/// How the planner judges a candidate: simulated under every surge on common random numbers, every
/// target judged as `check` does (and day by day), then the plan's own rules.
extension Planner {

  /// Simulates a candidate under every surge and judges every target and rule, on `replications`
  /// (the search's when nil). With `stopWhen`, the surges run heaviest first and the evaluation
  /// ends at the first surge with a missed check it holds true for: the candidate fails whatever
  /// the others say, and its checks are those of the surges run (the trim's and the minimality's
  /// shortcut). With `reusing`, an evaluation of the same plan on the same seed, the replications
  /// it ran are taken as they are and only the rest are run (the same results: a replication's run
  /// depends on its plan, surge, seed and number only).
  package func evaluate(
    _ plan: [Int], seed: UInt64, replications: Int? = nil, stopWhen: ((TargetOutcome) -> Bool)? = nil,
    reusing previous: Evaluation? = nil, counter: inout Int
  ) async -> Evaluation {
    var checks: [Check] = []
    var utilization: [Int: [Double?]] = [:]
    var work: [Int: Double] = [:]
    let days = problem.days
    let span = days.lowerBound...Swift.max(days.upperBound - 1, problem.recovery?.after ?? 0)
    let n = replications ?? self.replications
    let order =
      stopWhen != nil
      ? problem.models.indices.sorted { (-problem.spec.surges[$0], $0) < (-problem.spec.surges[$1], $1) }
      : Array(problem.models.indices)
    var runs: [Int: [ReplicationResult]] = [:]
    for k in order {
      let model = problem.model(surge: k, plan: plan)
      let kept = Array((previous?.runs[k] ?? []).prefix(n))
      let results =
        kept
        + (await Experiment.map(replications: kept.count..<n, jobs: jobs) { [snapshots] r in
          snapshots.result(model: model, surge: k, seed: seed, replication: r)
        })
      counter += n - kept.count
      runs[k] = results
      checks += judge(results, model: model, surge: k)
      for t in problem.rosters.keys {
        let values = days.map { d in
          Estimate.nonNegative(results.map { $0.utilization(tier: t, days: [d]) })?.mean
        }
        let previous = utilization[t] ?? values
        utilization[t] = zip(previous, values).map { a, b in
          switch (a, b) {
          case (let a?, let b?): Swift.max(a, b)
          default: a ?? b
          }
        }
      }
      for t in problem.rosters.keys {
        let busy = Estimate.nonNegative(
          results.map { r in span.reduce(0.0) { $0 + (r.dailyBusy.rows > $1 ? r.dailyBusy[$1, t] : 0) } / 60 }
        )
        work[t] = Swift.max(work[t] ?? 0, busy?.low ?? 0)
      }
      if let stopWhen, checks.contains(where: { !$0.outcome.met && stopWhen($0.outcome) }) { break }
    }
    return Evaluation(checks: checks, utilization: utilization, work: work, runs: runs)
  }

  /// Every target over its own reading and, with the `day` judge, for the items of each window day
  /// it covers (days that observed nothing of it are not judged; see ``Measure/readsPerDay``); then
  /// the plan's own rules: every tier recovers, and duty answers its share on time each day.
  func judge(_ results: [ReplicationResult], model: Model, surge: Int) -> [Check] {
    var checks: [Check] = []
    let firstDay = model.scenario.period.start.dayNumber
    for (i, target) in model.scenario.targets.enumerated() {
      checks.append(
        Check(rule: .target(i), date: nil, surge: surge, outcome: target.evaluate(results, model: model)))
      // Measures of staff and load over time (utilization, backlog) are judged over their own
      // reading only: day by day they reward staff kept on duty to do nothing (idle night staff
      // lower a day's utilization, an evening shift empties the pile counted at midnight).
      guard problem.spec.judge == .day, target.measure.readsPerDay,
        let location = target.measure.location(in: model)
      else { continue }
      let covered = location.segment == nil ? Array(problem.days) : location.days
      for d in covered where problem.days.contains(d) {
        guard let estimate = target.measure.estimate(results, day: d, model: model) else { continue }
        checks.append(
          Check(rule: .target(i), date: firstDay + d, surge: surge, outcome: target.judge(estimate)))
      }
    }
    checks += rules(results, model: model, surge: surge)
    return checks
  }

  /// The plan's own rules (``Check/Rule/recovery(tier:)``, ``Check/Rule/dutyFloor(tier:)``).
  func rules(_ results: [ReplicationResult], model: Model, surge: Int) -> [Check] {
    var checks: [Check] = []
    let scenario = model.scenario
    let firstDay = scenario.period.start.dayNumber
    // Recovery is judged under the expected arrivals: a surge scales the whole period, and an
    // organization overloaded all year never recovers, whatever the window's staffing.
    if surge == 0, let (before, after) = problem.recovery {
      for (t, tier) in scenario.tiers.enumerated() {
        let differences = results.map { r -> Double? in
          guard after < r.dailyBacklog.rows else { return nil }
          return Double(r.dailyBacklog[after, t] - r.dailyBacklog[before, t])
        }
        guard let estimate = Estimate(differences) else { continue }
        let target = Target(
          name: tier.name, measure: Measure(.backlogMean, tier: tier.id), bound: .atMost(0), judge: .interval)
        let outcome = TargetOutcome(
          target: target, estimate: estimate, margin: -estimate.low, met: estimate.low <= 0,
          undecided: false)
        checks.append(Check(rule: .recovery(tier: t), date: firstDay + after, surge: surge, outcome: outcome))
      }
    }
    guard model.hasDutyShifts else { return checks }
    for t in problem.rosters.keys.sorted() where problem.rosters[t]!.shifts.contains(where: \.duty) {
      let tier = scenario.tiers[t]
      for d in problem.days {
        var met = 0
        var missed = 0
        for r in results where d < r.dailyOnTime.rows {
          met += r.dailyOnTime[d, t].dutyResponseMet
          missed += r.dailyOnTime[d, t].dutyResponseMissed
        }
        guard met + missed > 0 else { continue }
        let share = Double(met) / Double(met + missed)
        let floor = problem.spec.dutyFloor
        let target = Target(
          name: tier.name, measure: Measure(.responseOnTime, tier: tier.id), bound: .atLeast(floor),
          judge: .mean)
        let outcome = TargetOutcome(
          target: target, estimate: Estimate(mean: share, low: share, high: share, n: results.count),
          margin: share - floor, met: share >= floor, undecided: false)
        checks.append(Check(rule: .dutyFloor(tier: t), date: firstDay + d, surge: surge, outcome: outcome))
      }
    }
    return checks
  }
}
