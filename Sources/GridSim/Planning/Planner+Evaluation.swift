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
    let n = replications ?? self.replications
    var evaluation = Evaluation(checks: [], utilization: [:])
    for k in surgeOrder(stopping: stopWhen != nil) {
      let model = problem.model(surge: k, plan: plan)
      let kept = Array((previous?.runs[k] ?? []).prefix(n))
      let results =
        kept
        + (await Experiment.map(replications: kept.count..<n, jobs: jobs) { [snapshots] r in
          snapshots.result(model: model, surge: k, seed: seed, replication: r)
        })
      counter += n - kept.count
      add(results, model: model, surge: k, to: &evaluation)
      if stops(evaluation, stopWhen) { break }
    }
    return evaluation
  }

  /// The evaluations ``evaluate(_:seed:replications:stopWhen:reusing:counter:)`` gives each of
  /// `candidates` (without their runs), made as branches of `base`'s runs: on each replication,
  /// `base` is run once and every candidate goes on from it at the start of the first day it
  /// differs on (``Snapshots/results(base:branches:surge:seed:replication:)``): for the
  /// minimality check and the neighbours, whose candidates each change the plan at one or two
  /// shift-days and so share most of every run. Judged `batch` candidates at a time (the results
  /// of a batch are held together).
  package func evaluate(
    _ candidates: [[Int]], branchingFrom base: [Int], seed: UInt64, replications n: Int,
    stopWhen: ((TargetOutcome) -> Bool)? = nil, batch: Int = 16, counter: inout Int
  ) async -> [Evaluation] {
    let offset = problem.models[0].startMinuteOfDay
    let times = candidates.map { plan -> Double in
      let day = problem.decisions.indices.filter { plan[$0] != base[$0] }.map { problem.decisions[$0].day }
        .min()
      return Double((day ?? problem.days.lowerBound) * 1440 - offset)
    }
    var evaluations = [Evaluation](
      repeating: Evaluation(checks: [], utilization: [:]), count: candidates.count)
    for first in stride(from: 0, to: candidates.count, by: Swift.max(1, batch)) {
      var active = Array(first..<Swift.min(candidates.count, first + Swift.max(1, batch)))
      for k in surgeOrder(stopping: stopWhen != nil) where !active.isEmpty {
        let baseModel = problem.model(surge: k, plan: base)
        let branches = active.map { (model: problem.model(surge: k, plan: candidates[$0]), time: times[$0]) }
        let runs = await Experiment.map(replications: 0..<n, jobs: jobs) { [snapshots] r in
          snapshots.results(base: baseModel, branches: branches, surge: k, seed: seed, replication: r)
        }
        counter += n * active.count
        for (b, c) in active.enumerated() {
          add(runs.map { $0[b] }, model: branches[b].model, surge: k, to: &evaluations[c])
          evaluations[c].runs = [:]
        }
        active.removeAll { stops(evaluations[$0], stopWhen) }
      }
    }
    return evaluations
  }

  /// The surges in the order they are run: as given, or with `stopping` the heaviest first (a
  /// candidate's evaluation may then end at the first surge with a miss).
  private func surgeOrder(stopping: Bool) -> [Int] {
    stopping
      ? problem.models.indices.sorted { (-problem.spec.surges[$0], $0) < (-problem.spec.surges[$1], $1) }
      : Array(problem.models.indices)
  }

  /// True when `evaluation` has a missed check `stopWhen` holds true for: its other surges need not run.
  private func stops(_ evaluation: Evaluation, _ stopWhen: ((TargetOutcome) -> Bool)?) -> Bool {
    guard let stopWhen else { return false }
    return evaluation.checks.contains { !$0.outcome.met && stopWhen($0.outcome) }
  }

  /// Adds one surge's results (of `model`, a candidate's) to `evaluation`: its checks, the highest
  /// utilization per tier and window day so far, and the work.
  private func add(
    _ results: [ReplicationResult], model: Model, surge k: Int, to evaluation: inout Evaluation
  ) {
    let days = problem.days
    let span = days.lowerBound...Swift.max(days.upperBound - 1, problem.recovery?.after ?? 0)
    evaluation.runs[k] = results
    evaluation.checks += judge(results, model: model, surge: k)
    for t in problem.rosters.keys {
      let values = days.map { d in
        Estimate.nonNegative(results.map { $0.utilization(tier: t, days: [d]) })?.mean
      }
      let previous = evaluation.utilization[t] ?? values
      evaluation.utilization[t] = zip(previous, values).map { a, b in
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
      evaluation.work[t] = Swift.max(evaluation.work[t] ?? 0, busy?.low ?? 0)
    }
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
