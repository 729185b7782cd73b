import Foundation

/// `gridsim plan`: the least staffing of the planned tiers, shift by shift and day by day, that
/// meets every target of the scenario, and its certificate.
///
/// The method (the anchors are the iterative staffing literature: Feldman, Mandelbaum, Massey and
/// Whitt 2008; Defraeye and Van Nieuwenhuyse's ISA(τ); Atlason, Epelman and Henderson 2004):
/// 1. **Bound**: every decision at its maximum. If the targets fail even then, no plan within the
///    bounds meets them: the failing targets are the answer.
/// 2. **Seed**: at the maximum, the staff busy at a tier on a day approximate the infinite-server
///    load m(t) of the modified-offered-load method; each shift starts at m + √m (square-root
///    staffing), within the bounds.
/// 3. **Repair**: simulate the whole network at once on common random numbers (understaffing the
///    grid pushes work up to the village); where a target fails on a day, add one person to each
///    shift of that day at the tier it names (or the busiest planned tier), and again.
/// 4. **Trim**: remove one person where the tier is least busy, keep the cut when every target
///    still holds, until no cut holds.
/// 5. **Certify** on seeds the search never used, with the scenario's replications, judging every
///    target as `check` does; then show minimality: for each shift-day above its lower bound, one
///    person fewer misses a target (named), or minimality was not shown there.
public struct Planner: Sendable {
  /// A target judged for the plan: over its own reading (day nil) or for the items of one day, under
  /// one surge.
  public struct Check: Sendable {
    public var target: Int
    public var date: Int?
    public var surge: Int
    public var outcome: TargetOutcome
  }

  /// A candidate's checks and the load it put on each planned tier and day.
  public struct Evaluation: Sendable {
    public var checks: [Check]
    /// Utilization per tier and window day (the highest over the surges); nil where nobody was on duty.
    public var utilization: [Int: [Double?]]
    public var feasible: Bool { checks.allSatisfy(\.outcome.met) }
    public var failing: [Check] { checks.filter { !$0.outcome.met } }
  }

  /// What the planner found.
  public struct Result: Sendable {
    public enum Verdict: Sendable, Equatable {
      /// A plan met every target on fresh seeds.
      case certified
      /// No plan within the bounds meets the targets: every decision at its maximum fails these.
      case infeasible
      /// The search's plan failed on fresh seeds, even after raising it where it failed.
      case notCertified
    }
    public var verdict: Verdict
    /// People per unit per decision.
    public var plan: [Int]
    /// The certification (or, when infeasible, the evaluation at the maximum).
    public var evaluation: Evaluation
    /// Per decision above its lower bound: the target one person fewer misses on the
    /// certification's seeds (its name and date), or nil when minimality was not shown there.
    public var minimality: [Int: String?]
    /// Simulations run (one per replication), evaluations, and certification rounds.
    public var simulations: Int
    public var evaluations: Int
    public var rounds: Int
    public var seconds: Double
  }

  public let problem: PlanProblem
  public let jobs: Int
  /// Replications per evaluation in the search (the scenario's).
  public let replications: Int
  public let seed: UInt64

  public init(problem: PlanProblem, jobs: Int) {
    self.problem = problem
    self.jobs = max(1, jobs)
    let scenario = problem.models[0].scenario
    replications = max(2, scenario.replications)
    seed = scenario.seed
  }

  /// The certification's seeds: never used by the search.
  public var certificationSeed: UInt64 { seed &+ 0x9E37_79B9_7F4A_7C15 }

  // MARK: evaluation

  /// Simulates a candidate under every surge and judges every target.
  public func evaluate(_ plan: [Int], seed: UInt64, counter: inout Int) async -> Evaluation {
    var checks: [Check] = []
    var utilization: [Int: [Double?]] = [:]
    let days = problem.days
    for k in problem.models.indices {
      let model = problem.model(surge: k, plan: plan)
      let results = await Experiment.run(model: model, replications: replications, seed: seed, jobs: jobs)
      counter += replications
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
    }
    return Evaluation(checks: checks, utilization: utilization)
  }

  /// Every target over its own reading and, with the `day` judge, for the items of each window day
  /// it covers (days that observed nothing of it are not judged; see ``Measure/readsPerDay``).
  func judge(_ results: [ReplicationResult], model: Model, surge: Int) -> [Check] {
    var checks: [Check] = []
    let firstDay = model.scenario.period.start.dayNumber
    for (i, target) in model.scenario.targets.enumerated() {
      checks.append(
        Check(target: i, date: nil, surge: surge, outcome: target.evaluate(results, model: model)))
      // Measures of staff and load over time (utilization, backlog) are judged over their own
      // reading only: day by day they reward staff kept on duty to do nothing (idle night staff
      // lower a day's utilization, an evening shift empties the pile counted at midnight).
      guard problem.spec.judge == .day, target.measure.readsPerDay,
        let location = target.measure.location(in: model)
      else { continue }
      let covered = location.segment == nil ? Array(problem.days) : location.days
      for d in covered where problem.days.contains(d) {
        guard let estimate = target.measure.estimate(results, day: d, model: model) else { continue }
        checks.append(Check(target: i, date: firstDay + d, surge: surge, outcome: target.judge(estimate)))
      }
    }
    return checks
  }

  // MARK: the search

  /// Plans: bound, seed, repair, trim, certify, show minimality.
  public func run(progress: (@Sendable (String) -> Void)? = nil) async -> Result {
    let clock = ContinuousClock.now
    var simulations = 0
    var evaluations = 0
    func evaluate(_ plan: [Int], seed: UInt64) async -> Evaluation {
      evaluations += 1
      return await self.evaluate(plan, seed: seed, counter: &simulations)
    }
    func elapsed() -> Double {
      let d = ContinuousClock.now - clock
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    let n = problem.decisions.count
    let top = problem.upper
    let atTop = await evaluate(top, seed: seed)
    progress?("bound: every shift at its maximum \(atTop.feasible ? "meets" : "misses") the targets")
    guard atTop.feasible else {
      return Result(
        verdict: .infeasible, plan: top, evaluation: atTop, minimality: [:], simulations: simulations,
        evaluations: evaluations, rounds: 0, seconds: elapsed())
    }
    // Seed: the load at the maximum, plus square-root safety staff.
    var plan = (0..<n).map { i -> Int in
      let d = problem.decisions[i]
      let u = atTop.utilization[d.tier]?[d.day - problem.days.lowerBound].flatMap { $0 } ?? 1
      let load = u * Double(top[i])
      return Swift.min(top[i], Swift.max(problem.lower[i], Int((load + load.squareRoot()).rounded(.up))))
    }
    var current = await evaluate(plan, seed: seed)
    progress?("seed: \(plan.reduce(0, +)) shift-people, \(current.feasible ? "meets" : "misses") the targets")
    // Repair: add where a target fails, until every target holds.
    var repairs = 0
    while !current.feasible {
      guard raise(&plan, for: current.failing, load: current.utilization) else {
        plan = top
        current = atTop
        break
      }
      repairs += 1
      current = await evaluate(plan, seed: seed)
    }
    progress?("repair: \(repairs) rounds, \(plan.reduce(0, +)) shift-people")
    // Trim: one person at a time where the tier is least busy.
    var trimmed = true
    while trimmed {
      trimmed = false
      for i in trimOrder(plan, load: current.utilization) where plan[i] > problem.lower[i] {
        plan[i] -= 1
        let trial = await evaluate(plan, seed: seed)
        if trial.feasible {
          current = trial
          trimmed = true
        } else {
          plan[i] += 1
        }
      }
    }
    progress?("trim: \(plan.reduce(0, +)) shift-people after \(evaluations) evaluations")
    // Certify on fresh seeds; where the plan fails there, raise it and certify again.
    var rounds = 0
    var certificate = await evaluate(plan, seed: certificationSeed)
    rounds += 1
    while !certificate.feasible, rounds < 6 {
      guard raise(&plan, for: certificate.failing, load: certificate.utilization) else { break }
      certificate = await evaluate(plan, seed: certificationSeed &+ UInt64(rounds))
      rounds += 1
    }
    progress?("certify: \(certificate.feasible ? "every target met" : "targets missed") on fresh seeds")
    guard certificate.feasible else {
      return Result(
        verdict: .notCertified, plan: plan, evaluation: certificate, minimality: [:],
        simulations: simulations,
        evaluations: evaluations, rounds: rounds, seconds: elapsed())
    }
    // Minimality, on the certification's seeds.
    let finalSeed = certificationSeed &+ UInt64(rounds - 1)
    var minimality: [Int: String?] = [:]
    let targets = problem.models[0].scenario.targets
    let decisions = problem.decisions
    for i in 0..<n where plan[i] > problem.lower[i] {
      var fewer = plan
      fewer[i] -= 1
      let trial = await evaluate(fewer, seed: finalSeed)
      let failing = trial.failing
      let evidence = (failing.first { $0.date == decisions[i].date } ?? failing.first).map { check in
        targets[check.target].name
          + (check.date.map { " on " + LocalDateTime(minutes: Int64($0) * 1440).dateDescription } ?? "")
      }
      minimality.updateValue(evidence, forKey: i)
    }
    progress?("minimality: shown for \(minimality.values.filter { $0 != nil }.count) of \(minimality.count)")
    return Result(
      verdict: .certified, plan: plan, evaluation: certificate, minimality: minimality,
      simulations: simulations,
      evaluations: evaluations, rounds: rounds, seconds: elapsed())
  }

  /// Adds one person to each shift of the days and tiers where targets fail; false when nothing
  /// could be added.
  func raise(_ plan: inout [Int], for failing: [Check], load: [Int: [Double?]]) -> Bool {
    let model = problem.models[0]
    let planned = problem.rosters.keys.sorted()
    let firstDay = model.scenario.period.start.dayNumber
    var raised = Set<Int>()
    for check in failing {
      let target = model.scenario.targets[check.target]
      let named = target.measure.tier.flatMap { id in model.scenario.tiers.firstIndex { $0.id == id } }
      let days = check.date.map { [$0 - firstDay] } ?? Array(problem.days)
      // The tier the target names, if planned; else the busiest planned tier over those days.
      let busiest = planned.max { a, b in
        func busy(_ t: Int) -> Double {
          days.compactMap { load[t]?[$0 - problem.days.lowerBound] ?? nil }.max() ?? 0
        }
        return busy(a) < busy(b)
      }
      guard let tier = named.flatMap({ planned.contains($0) ? $0 : nil }) ?? busiest else { continue }
      // That day's shifts; where they are all at their maximum, the day before (its backlog).
      for day in days {
        var candidates = problem.decisions.indices.filter {
          problem.decisions[$0].tier == tier && problem.decisions[$0].day == day
            && plan[$0] < problem.upper[$0]
        }
        if candidates.isEmpty {
          candidates = problem.decisions.indices.filter {
            problem.decisions[$0].tier == tier && problem.decisions[$0].day == day - 1
              && plan[$0] < problem.upper[$0]
          }
        }
        raised.formUnion(candidates)
      }
    }
    for i in raised { plan[i] += 1 }
    return !raised.isEmpty
  }

  /// Decisions in the order to try cuts: the least busy tier-days first; within one, the cut that
  /// saves the most (units × hours × cost per staff-hour), then the most people.
  func trimOrder(_ plan: [Int], load: [Int: [Double?]]) -> [Int] {
    let tiers = problem.models[0].scenario.tiers
    func busy(_ i: Int) -> Double {
      let d = problem.decisions[i]
      return load[d.tier]?[d.day - problem.days.lowerBound] ?? nil ?? 0
    }
    func saving(_ i: Int) -> Double {
      Double(problem.units(i)) * problem.hours(i)
        * (problem.spec.cost[tiers[problem.decisions[i].tier].id] ?? 1)
    }
    return problem.decisions.indices.sorted { a, b in
      (busy(a), -saving(a), -plan[a], a) < (busy(b), -saving(b), -plan[b], b)
    }
  }
}
