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
    /// What is judged: a scenario target, or one of the plan's own rules.
    public enum Rule: Sendable, Equatable {
      /// The scenario's target of this index.
      case target(Int)
      /// A tier's backlog is back to its level of the day before the window `plan.recovery`
      /// working days after it: judged on the paired difference (after minus before, replication
      /// by replication), missed when its whole 95% interval is above zero.
      case recovery(tier: Int)
      /// The share of what duty must take answered on time at a planned tier on a day (pooled
      /// over the replications) is at least `plan.dutyFloor`.
      case dutyFloor(tier: Int)
    }
    public var rule: Rule
    public var date: Int?
    public var surge: Int
    /// The judgement; for the plan's own rules, a target made for it (its estimate: the paired
    /// difference, or the pooled share; its margin: how far on the right side).
    public var outcome: TargetOutcome

    /// The scenario target's index, for a target.
    public var target: Int? {
      if case .target(let i) = rule { return i }
      return nil
    }
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
      /// The targets need more people on some day than a unit has after leave (``shortfalls``).
      case short
    }

    /// A unit (or a tier planned as one) on a date: the people on duty over its shifts that the
    /// targets need, against those it has.
    public struct Shortfall: Sendable, Equatable {
      public var group: Int
      public var needed: Int
      public var available: Int
      public var short: Int { needed - available }
    }
    public var verdict: Verdict
    /// Where the people who exist are too few (verdict ``Verdict/short``): per group of
    /// ``PlanProblem/groups``, the people the least plan found without that limit puts on duty.
    public var shortfalls: [Shortfall] = []
    /// The seeds the certification ran on (its last round), and its replications.
    public var certificationSeed: UInt64 = 0
    public var certificationReplications: Int = 0
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

  /// Simulates a candidate under every surge and judges every target and rule, on `replications`
  /// (the search's when nil).
  public func evaluate(
    _ plan: [Int], seed: UInt64, replications: Int? = nil, counter: inout Int
  ) async -> Evaluation {
    var checks: [Check] = []
    var utilization: [Int: [Double?]] = [:]
    let days = problem.days
    let n = replications ?? self.replications
    for k in problem.models.indices {
      let model = problem.model(surge: k, plan: plan)
      let results = await Experiment.run(model: model, replications: n, seed: seed, jobs: jobs)
      counter += n
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

  // MARK: the search

  /// Plans: bound, seed, repair, trim, certify, show minimality. Within the people who exist; when
  /// the targets need more, the same search without that limit says where and by how many.
  /// `progress` hears each stage as it ends, `tick` the number of evaluations so far (a terminal's
  /// status line).
  public func run(
    progress: (@Sendable (String) -> Void)? = nil, tick: (@Sendable (Int) -> Void)? = nil
  ) async -> Result {
    let clock = ContinuousClock.now
    var simulations = 0
    var evaluations = 0
    func evaluate(_ plan: [Int], seed: UInt64, replications: Int? = nil) async -> Evaluation {
      evaluations += 1
      tick?(evaluations)
      return await self.evaluate(plan, seed: seed, replications: replications, counter: &simulations)
    }
    func elapsed() -> Double {
      let d = ContinuousClock.now - clock
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    func result(
      _ verdict: Result.Verdict, _ plan: [Int], _ evaluation: Evaluation, minimality: [Int: String?] = [:],
      rounds: Int = 0, shortfalls: [Result.Shortfall] = []
    ) -> Result {
      Result(
        verdict: verdict, shortfalls: shortfalls, plan: plan, evaluation: evaluation, minimality: minimality,
        simulations: simulations, evaluations: evaluations, rounds: rounds, seconds: elapsed())
    }
    // Bounds that no plan can meet: more shifts at their least than a unit has people.
    let overBooked = problem.groups.indices.filter { g in
      problem.groups[g].members.reduce(0) { $0 + problem.lower[$1] } > problem.groups[g].available
    }
    if !overBooked.isEmpty {
      let plan = problem.lower
      let evaluation = await evaluate(plan, seed: seed)
      return result(
        .short, plan, evaluation,
        shortfalls: overBooked.map { g in
          Result.Shortfall(
            group: g, needed: problem.groups[g].members.reduce(0) { $0 + problem.lower[$1] },
            available: problem.groups[g].available)
        })
    }
    // The most: each shift at its maximum; where a unit's shifts share too few people, dealt in
    // the proportions of the roster now, else evenly.
    // A bound whose only misses are undecided (the mean meets, the interval does not clear) is
    // judged again on three times the replications.
    func judged(_ plan: [Int]) async -> Evaluation {
      let first = await evaluate(plan, seed: seed)
      guard !first.feasible, first.failing.allSatisfy(\.outcome.undecided) else { return first }
      return await evaluate(plan, seed: seed, replications: Swift.min(3 * replications, 300))
    }
    var top = capped(problem.upper, guide: problem.current)
    var atTop = await judged(top)
    let even = capped(problem.upper)
    if !atTop.feasible, even != top {
      let evaluation = await judged(even)
      if evaluation.feasible { (top, atTop) = (even, evaluation) }
    }
    progress?(
      "bound: every shift at its most (within the people on hand) \(atTop.feasible ? "meets" : "misses") the targets"
    )
    guard atTop.feasible else {
      guard !problem.isUnlimited else { return result(.infeasible, top, atTop) }
      // Would more people than exist meet them? Then the answer is who is short, and by how many.
      let unlimited = await withoutLimit(
        progress: progress, simulations: &simulations, evaluations: &evaluations)
      guard unlimited.verdict == .certified || unlimited.verdict == .notCertified else {
        return result(.infeasible, top, atTop)
      }
      let shortfalls = problem.groups.indices.compactMap { g -> Result.Shortfall? in
        let needed = problem.groups[g].members.reduce(0) { $0 + unlimited.plan[$1] }
        return needed > problem.groups[g].available
          ? Result.Shortfall(group: g, needed: needed, available: problem.groups[g].available) : nil
      }
      guard shortfalls.isEmpty else { return result(.short, top, atTop, shortfalls: shortfalls) }
      // The people on hand suffice, dealt otherwise than the bound dealt them: that plan is the answer.
      var found = unlimited
      found.simulations = simulations
      found.evaluations = evaluations
      found.seconds = elapsed()
      return found
    }
    var plan = seedPlan(top: top, load: atTop.utilization)
    var current = await evaluate(plan, seed: seed)
    progress?("seed: \(plan.reduce(0, +)) shift-people, \(current.feasible ? "meets" : "misses") the targets")
    var repairs = 0
    while !current.feasible {
      guard let next = await repair(plan, current, evaluate: { await evaluate($0, seed: seed) }) else {
        plan = top
        current = atTop
        break
      }
      plan = next.plan
      current = next.evaluation
      repairs += 1
    }
    progress?("repair: \(repairs) rounds, \(plan.reduce(0, +)) shift-people")
    (plan, current) = await trim(plan, current) { plan, replications in
      await evaluate(plan, seed: seed, replications: replications)
    }
    progress?("trim: \(plan.reduce(0, +)) shift-people after \(evaluations) evaluations")
    // Certify on fresh seeds; where the plan fails there, raise it and certify again. A round whose
    // only misses are undecided is judged again on three times the replications (the same seeds
    // first): sequential sampling, so that chance does not decide.
    var rounds = 0
    var certifiedOn = replications
    func certify(_ plan: [Int], _ seed: UInt64) async -> Evaluation {
      certifiedOn = replications
      let first = await evaluate(plan, seed: seed)
      guard !first.feasible, first.failing.allSatisfy(\.outcome.undecided) else { return first }
      certifiedOn = Swift.min(3 * replications, 300)
      return await evaluate(plan, seed: seed, replications: certifiedOn)
    }
    var certificate = await certify(plan, certificationSeed)
    rounds += 1
    while !certificate.feasible, rounds < 6 {
      let raised = raise(plan, for: certificate.failing)
      guard let next = raised.first else { break }
      plan = next
      certificate = await certify(plan, certificationSeed &+ UInt64(rounds))
      rounds += 1
    }
    progress?("certify: \(certificate.feasible ? "every target met" : "targets missed") on fresh seeds")
    guard certificate.feasible else { return result(.notCertified, plan, certificate, rounds: rounds) }
    // Minimality, on the certification's seeds: one person fewer misses outright.
    let finalSeed = certificationSeed &+ UInt64(rounds - 1)
    var minimality: [Int: String?] = [:]
    let decisions = problem.decisions
    for i in decisions.indices where plan[i] > problem.lower[i] {
      var fewer = plan
      fewer[i] -= 1
      let trial = await evaluate(fewer, seed: finalSeed, replications: certifiedOn)
      let decisive = trial.failing.filter { Self.missesOutright($0.outcome) }
      let evidence = (decisive.first { $0.date == decisions[i].date } ?? decisive.first).map(describe)
      minimality.updateValue(evidence, forKey: i)
    }
    progress?("minimality: shown for \(minimality.values.filter { $0 != nil }.count) of \(minimality.count)")
    var out = result(.certified, plan, certificate, minimality: minimality, rounds: rounds)
    out.certificationSeed = finalSeed
    out.certificationReplications = certifiedOn
    return out
  }

  /// A check's target (or rule) and day, as the minimality column names it.
  func describe(_ check: Check) -> String {
    let scenario = problem.models[0].scenario
    let date = check.date.map { " on " + LocalDateTime(minutes: Int64($0) * 1440).dateDescription } ?? ""
    switch check.rule {
    case .target(let i): return scenario.targets[i].name + date
    case .recovery(let t): return "\(scenario.tiers[t].name) recovery" + date
    case .dutyFloor(let t): return "\(scenario.tiers[t].name) duty on time" + date
    }
  }

  /// True when the whole 95% interval is on the wrong side of the bound: the miss is not down to
  /// chance (on common random numbers, against a plan whose interval cleared it).
  static func missesOutright(_ outcome: TargetOutcome) -> Bool {
    guard let e = outcome.estimate else { return true }
    switch outcome.target.bound {
    case .atLeast(let v): return e.high < v
    case .atMost(let v): return e.low > v
    }
  }

  /// The plan with each group's shifts summing to at most its people on hand: where the shifts'
  /// asks add up to more, each shift gets its minimum, then its share of the rest in proportion to
  /// `guide` above its minimum (when given), then the rest is dealt in turn.
  func capped(_ plan: [Int], guide: [Double]? = nil) -> [Int] {
    var out = plan
    for group in problem.groups {
      let members = group.members
      guard members.reduce(0, { $0 + plan[$1] }) > group.available else { continue }
      for i in members { out[i] = problem.lower[i] }
      var left = group.available - members.reduce(0) { $0 + out[$1] }
      if let guide, left > 0 {
        let weights = members.map { Swift.max(0, guide[$0] - Double(problem.lower[$0])) }
        let total = weights.reduce(0, +)
        let share = left
        for (k, i) in members.enumerated() where total > 0 {
          let add = Swift.min(plan[i] - out[i], Int(Double(share) * weights[k] / total))
          out[i] += add
          left -= add
        }
      }
      var dealt = true
      while left > 0, dealt {
        dealt = false
        for i in members where left > 0 && out[i] < plan[i] {
          out[i] += 1
          left -= 1
          dealt = true
        }
      }
    }
    return out
  }

  /// Seed: the load at the maximum, plus square-root safety staff, within the people on hand.
  func seedPlan(top: [Int], load: [Int: [Double?]]) -> [Int] {
    let plan = top.indices.map { i -> Int in
      let d = problem.decisions[i]
      let u = load[d.tier]?[d.day - problem.days.lowerBound].flatMap { $0 } ?? 1
      let people = u * Double(top[i])
      return Swift.min(top[i], Swift.max(problem.lower[i], Int((people + people.squareRoot()).rounded(.up))))
    }
    return capped(plan)
  }

  /// The least plan found without the limit of the people on hand (its bounds uncapped).
  func withoutLimit(
    progress: (@Sendable (String) -> Void)?, simulations: inout Int, evaluations: inout Int
  ) async -> Result {
    let unlimited = Planner(problem: problem.unlimited(), jobs: jobs)
    var relay: (@Sendable (String) -> Void)?
    if let progress {
      relay = { @Sendable stage in progress("without the limit of people on hand: " + stage) }
    }
    let found: Result = await unlimited.run(progress: relay)
    simulations += found.simulations
    evaluations += found.evaluations
    return found
  }

  /// One repair step: the candidates of ``raise(_:for:)``; with more than one (a failing target
  /// that names no planned tier), each is simulated on the same seeds and the one that improves the
  /// failing checks most per unit of cost is taken. Nil when nothing can be added.
  func repair(
    _ plan: [Int], _ current: Evaluation, evaluate: ([Int]) async -> Evaluation
  ) async -> (plan: [Int], evaluation: Evaluation)? {
    let candidates = raise(plan, for: current.failing)
    guard let first = candidates.first else { return nil }
    guard candidates.count > 1 else { return (first, await evaluate(first)) }
    /// How far the checks that fail now are below their bounds (scaled), summed.
    func shortfall(_ e: Evaluation) -> Double {
      let failing = Set(current.failing.map { "\($0.rule)|\($0.date ?? -1)|\($0.surge)" })
      return e.checks.filter { failing.contains("\($0.rule)|\($0.date ?? -1)|\($0.surge)") }.reduce(0) {
        let m = Swift.min(0, $1.outcome.margin ?? -1)
        return $0 - m / Swift.max(abs($1.outcome.target.bound.value), 0.01)
      }
    }
    let before = shortfall(current)
    var best: (score: Double, plan: [Int], evaluation: Evaluation)?
    for candidate in candidates {
      let evaluation = await evaluate(candidate)
      let added = problem.cost(candidate.map(Double.init)) - problem.cost(plan.map(Double.init))
      let gain = (before - shortfall(evaluation)) / Swift.max(added, 1e-9)
      let score = evaluation.feasible ? Double.infinity : gain
      if best.map({ score > $0.score }) ?? true { best = (score, candidate, evaluation) }
    }
    return best.map { ($0.plan, $0.evaluation) }
  }

  /// Candidate raises for the failing checks: one person more on each shift of the days and tiers
  /// they name, within the bounds and the people on hand (where a day's shifts are full, the day
  /// before: its backlog). A check that names no planned tier gives one candidate per planned tier.
  /// Empty when nothing can be added.
  func raise(_ plan: [Int], for failing: [Check]) -> [[Int]] {
    let model = problem.models[0]
    let planned = problem.rosters.keys.sorted()
    let firstDay = model.scenario.period.start.dayNumber
    var fixed = Set<Int>()
    var open: [[Int: Set<Int>]] = []
    /// The decisions of a tier on some days that can take one more.
    func room(tier: Int, days: [Int]) -> Set<Int> {
      var out = Set<Int>()
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
        out.formUnion(candidates)
      }
      return out
    }
    for check in failing {
      let days: [Int]
      let named: Int?
      switch check.rule {
      case .target(let i):
        let target = model.scenario.targets[i]
        named = target.measure.tier.flatMap { id in model.scenario.tiers.firstIndex { $0.id == id } }
        days = check.date.map { [$0 - firstDay] } ?? Array(problem.days)
      case .recovery(let t):
        named = t
        days = Array(problem.days)
      case .dutyFloor(let t):
        named = t
        days = check.date.map { [$0 - firstDay] } ?? Array(problem.days)
      }
      if let named, planned.contains(named) {
        fixed.formUnion(room(tier: named, days: days))
      } else {
        var options: [Int: Set<Int>] = [:]
        for t in planned {
          let r = room(tier: t, days: days)
          if !r.isEmpty { options[t] = r }
        }
        if !options.isEmpty { open.append(options) }
      }
    }
    /// Adds one to each decision, within each group's people on hand.
    func applied(_ raise: Set<Int>) -> [Int]? {
      var out = plan
      var changed = false
      for i in raise.sorted() {
        let g = problem.groups[problem.group[i]]
        if g.members.reduce(0, { $0 + out[$1] }) < g.available {
          out[i] += 1
          changed = true
        }
      }
      return changed ? out : nil
    }
    // The unnamed checks' options, by tier: one candidate per tier (all of them take it).
    let tiers = Set(open.flatMap(\.keys)).sorted()
    if tiers.count <= 1 {
      let all = fixed.union(open.flatMap(\.values).reduce(into: Set<Int>()) { $0.formUnion($1) })
      return applied(all).map { [$0] } ?? []
    }
    return tiers.compactMap { t in
      applied(fixed.union(open.compactMap { $0[t] }.reduce(into: Set<Int>()) { $0.formUnion($1) }))
    }
  }

  /// Trim: remove one person at a time, in order of estimated slack (the least busy tier-days
  /// first), keeping each cut that still meets every target. A cut whose only misses are undecided
  /// (the mean meets, the interval does not clear) is judged again on three times the
  /// replications before it is refused, so noise does not lock the search.
  func trim(
    _ start: [Int], _ evaluation: Evaluation, evaluate: ([Int], Int?) async -> Evaluation
  ) async -> ([Int], Evaluation) {
    var plan = start
    var current = evaluation
    var trimmed = true
    while trimmed {
      trimmed = false
      for i in trimOrder(plan, load: current.utilization) where plan[i] > problem.lower[i] {
        plan[i] -= 1
        var trial = await evaluate(plan, nil)
        if !trial.feasible, trial.failing.allSatisfy(\.outcome.undecided) {
          trial = await evaluate(plan, Swift.min(3 * replications, 300))
        }
        if trial.feasible {
          current = trial
          trimmed = true
        } else {
          plan[i] += 1
        }
      }
    }
    return (plan, current)
  }

  /// Decisions in the order to try cuts: the least busy tier-days first; within one, the cut that
  /// saves the most (units × hours × cost per staff-hour × the day's weight), then the most people.
  func trimOrder(_ plan: [Int], load: [Int: [Double?]]) -> [Int] {
    func busy(_ i: Int) -> Double {
      let d = problem.decisions[i]
      return load[d.tier]?[d.day - problem.days.lowerBound] ?? nil ?? 0
    }
    func saving(_ i: Int) -> Double {
      var one = [Double](repeating: 0, count: plan.count)
      one[i] = 1
      return problem.cost(one)
    }
    return problem.decisions.indices.sorted { a, b in
      (busy(a), -saving(a), -plan[a], a) < (busy(b), -saving(b), -plan[b], b)
    }
  }
}
