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
///    shift of that day at the tier it names (where it names none, the planned tier whose raise
///    improves the failing checks most per unit of cost), and again.
/// 4. **Shrink, then trim**: tier by tier (the dearest first), scale the shifts toward their lower
///    bounds together by bisection; then remove one person at a time where it saves the most for
///    the idle time there, keeping each cut when every target still holds, until no cut holds. A
///    candidate is dropped at the first surge where it misses on the mean; one whose only misses
///    are undecided is judged again on three times the replications (keeping the runs it had).
/// 5. **Move**: one person at a time to a cheaper shift-day of the same unit, while every target
///    holds (at most ``moveLimit`` tries).
/// 6. **Certify** on seeds the search never used, with the scenario's replications, judging every
///    target and rule as `check --plan` does; then show minimality: for each shift-day above its
///    lower bound, what one person fewer does there on the same seeds (``Fewer``).
/// 7. With `neighbours`, judge every one-person change of the plan on those seeds
///    (``Neighbourhood``).
///
/// Every candidate's replications go on from a snapshot of the days before the window
/// (``Snapshots``): the candidates are the same until then, so the results are the same bit for
/// bit, in about half the time on the holiday scenarios. The minimality check's and the
/// neighbours' candidates go on from the plan's own run at the first day they change, and every
/// run makes only what the checks read (``PlanProblem/scope``).
package struct Planner: Sendable {
  /// A target judged for the plan: over its own reading (day nil) or for the items of one day, under
  /// one surge.
  package struct Check: Sendable, Equatable {
    /// What is judged: a scenario target, or one of the plan's own rules.
    package enum Rule: Sendable, Equatable {
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
    package var rule: Rule
    package var date: Int?
    package var surge: Int
    /// The judgement; for the plan's own rules, a target made for it (its estimate: the paired
    /// difference, or the pooled share; its margin: how far on the right side).
    package var outcome: TargetOutcome

    /// The scenario target's index, for a target.
    package var target: Int? {
      if case .target(let i) = rule { return i }
      return nil
    }
  }

  /// A candidate's checks and the load it put on each planned tier and day.
  package struct Evaluation: Sendable {
    package var checks: [Check]
    /// Utilization per tier and window day (the highest over the surges); nil where nobody was on duty.
    package var utilization: [Int: [Double?]]
    /// Per planned tier, the busy staff-hours of its people from the window's first day through
    /// the day recovery is judged (the window's last without a recovery rule): the lower end of
    /// the 95% interval, the highest over the surges.
    package var work: [Int: Double] = [:]
    /// The replications' results per surge run, in replication order: a judgement of the same
    /// plan on the same seeds with more replications goes on from them (``evaluate``'s `reusing`).
    package var runs: [Int: [ReplicationResult]] = [:]
    package var feasible: Bool { checks.allSatisfy(\.outcome.met) }
    package var failing: [Check] { checks.filter { !$0.outcome.met } }
  }

  /// What one person fewer at a shift-day does, judged on the certification's seeds and
  /// replications.
  package enum Fewer: Sendable, Equatable {
    /// A check misses outright, its whole 95% interval on the wrong side (that check, on the day
    /// nearest the shift-day): the plan is minimal there.
    case misses(Check)
    /// A check misses, but its interval reaches the bound: minimality is not shown there.
    case withinNoise
    /// Every check is met: one fewer would have been certified on these seeds too.
    case passes
  }

  /// The plan's neighbours (`gridsim plan --neighbours`): one person fewer at a shift-day, or
  /// moved to a cheaper shift-day of the same unit, each judged on the certification's seeds,
  /// replications, surges and checks (once: an undecided miss is not judged again on more).
  package struct Neighbourhood: Sendable, Equatable {
    /// One neighbour: a person taken from decision `from` and, unless `to` is nil, put on `to`;
    /// `saving` in the plan's cost (staff-hours weighed by tier and day kind).
    package struct Change: Sendable, Equatable {
      package var from: Int
      package var to: Int?
      package var saving: Double
    }
    /// Neighbours judged, and of them those that meet every check, the most saving first.
    package var tried: Int
    package var passing: [Change]
    /// Moves not judged because of ``Planner/neighbourLimit`` (the least saving).
    package var skipped: Int
  }

  /// What the planner found.
  package struct Result: Sendable {
    package enum Verdict: Sendable, Equatable {
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
    package struct Shortfall: Sendable, Equatable {
      package var group: Int
      package var needed: Int
      package var available: Int
      package var short: Int { needed - available }
    }
    package var verdict: Verdict
    /// Where the people who exist are too few (verdict ``Verdict/short``): per group of
    /// ``PlanProblem/groups``, the people the least plan found without that limit puts on duty.
    package var shortfalls: [Shortfall] = []
    /// The seeds the certification ran on (its last round), and its replications.
    package var certificationSeed: UInt64 = 0
    package var certificationReplications: Int = 0
    /// People per unit per decision.
    package var plan: [Int]
    /// The certification (or, when infeasible, the evaluation at the maximum).
    package var evaluation: Evaluation
    /// Per decision above its lower bound: what one person fewer there does on the
    /// certification's seeds and replications.
    package var minimality: [Int: Fewer]
    /// With `neighbours`: every one-person removal and move to a cheaper shift-day of the same
    /// unit, judged on the certification's seeds; nil when not asked or not certified.
    package var neighbourhood: Neighbourhood?
    /// Simulations run (one per candidate and replication: the shared run of the plan a batch of
    /// candidates goes on from, ``evaluate(_:branchingFrom:seed:replications:stopWhen:batch:counter:)``,
    /// made up to the last day one of them changes, is not one), evaluations, and certification
    /// rounds.
    package var simulations: Int
    /// Of them, those that went on from a snapshot (``Snapshots``: of the days before the window,
    /// or of the plan's run up to a candidate's first change) rather than from the start.
    package var fromSnapshots = 0
    package var evaluations: Int
    package var rounds: Int
    package var seconds: Double
    /// The local search's one-person moves: tried, and kept.
    package var movesTried = 0
    package var movesTaken = 0
    /// Per planned tier, the work its items need (``Evaluation/work``, measured with every shift
    /// at its most, where nothing waits for want of people); empty when not measured.
    package var work: [Int: Double] = [:]
  }

  package let problem: PlanProblem
  package let jobs: Int
  /// Replications per evaluation in the search (the scenario's).
  package let replications: Int
  package let seed: UInt64
  /// Each replication run once up to the first planned day, for every candidate to go on from.
  let snapshots: Snapshots

  /// A planner for `problem` running `jobs` replications at once; without `snapshots`, every run
  /// starts from the period's start (the same results, slower: `gridsim bench --plan` times both).
  package init(problem: PlanProblem, jobs: Int, snapshots: Bool = true) {
    self.snapshots = Snapshots(problem: problem, enabled: snapshots)
    self.problem = problem
    self.jobs = max(1, jobs)
    let scenario = problem.models[0].scenario
    replications = max(2, scenario.replications)
    seed = scenario.seed
  }

  /// The most one-person moves the local search tries (``move(_:_:limit:evaluate:)``).
  package static let moveLimit = 12

  /// The most moves `--neighbours` judges (the most saving first).
  package static let neighbourLimit = 400

  /// The certification's seeds: never used by the search.
  package var certificationSeed: UInt64 { seed &+ 0x9E37_79B9_7F4A_7C15 }

  // MARK: the search

  /// Plans: bound, seed, repair, trim, certify, show minimality, and with `neighbours` judge every
  /// one-person move of the plan. Within the people who exist; when the targets need more, the same
  /// search without that limit says where and by how many. `progress` hears each stage as it ends,
  /// `tick` the number of evaluations so far (a terminal's status line).
  package func run(
    neighbours: Bool = false, progress: (@Sendable (String) -> Void)? = nil,
    tick: (@Sendable (Int) -> Void)? = nil
  ) async -> Result {
    let clock = ContinuousClock.now
    var simulations = 0
    var evaluations = 0
    func evaluate(
      _ plan: [Int], seed: UInt64, replications: Int? = nil, stopWhen: ((TargetOutcome) -> Bool)? = nil,
      reusing previous: Evaluation? = nil
    ) async -> Evaluation {
      evaluations += 1
      tick?(evaluations)
      return await self.evaluate(
        plan, seed: seed, replications: replications, stopWhen: stopWhen, reusing: previous,
        counter: &simulations)
    }
    func evaluate(
      _ candidates: [[Int]], branchingFrom base: [Int], seed: UInt64, replications: Int,
      stopWhen: ((TargetOutcome) -> Bool)? = nil
    ) async -> [Evaluation] {
      evaluations += candidates.count
      tick?(evaluations)
      return await self.evaluate(
        candidates, branchingFrom: base, seed: seed, replications: replications, stopWhen: stopWhen,
        counter: &simulations)
    }
    func elapsed() -> Double {
      let d = ContinuousClock.now - clock
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    func result(
      _ verdict: Result.Verdict, _ plan: [Int], _ evaluation: Evaluation, minimality: [Int: Fewer] = [:],
      rounds: Int = 0, shortfalls: [Result.Shortfall] = []
    ) -> Result {
      Result(
        verdict: verdict, shortfalls: shortfalls, plan: plan, evaluation: evaluation, minimality: minimality,
        neighbourhood: nil, simulations: simulations, fromSnapshots: snapshots.usage.copies,
        evaluations: evaluations,
        rounds: rounds, seconds: elapsed())
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
      return await evaluate(plan, seed: seed, replications: Swift.min(3 * replications, 300), reusing: first)
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
        neighbours: neighbours, progress: progress, simulations: &simulations, evaluations: &evaluations)
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
      found.fromSnapshots += snapshots.usage.copies
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
    // A cut that misses a check on its mean under one surge fails: the others need not run.
    let cut = { (plan: [Int], replications: Int?, previous: Evaluation?) async -> Evaluation in
      await evaluate(
        plan, seed: seed, replications: replications, stopWhen: { !$0.undecided }, reusing: previous)
    }
    (plan, current) = await shrink(plan, current, evaluate: cut)
    progress?(
      "shrink: \(plan.reduce(0, +)) shift-people after \(evaluations) evaluations, \(simulations) simulations"
    )
    (plan, current) = await trim(plan, current, evaluate: cut) { i, check in
      progress?(refusal(i, check))
    }
    progress?(
      "trim: \(plan.reduce(0, +)) shift-people after \(evaluations) evaluations, \(simulations) simulations")
    let moved = await move(plan, current, limit: Self.moveLimit, evaluate: cut)
    (plan, current) = (moved.plan, moved.evaluation)
    progress?(
      "move: \(moved.taken) of \(moved.tried) one-person moves kept, \(plan.reduce(0, +)) shift-people"
    )
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
      return await evaluate(plan, seed: seed, replications: certifiedOn, reusing: first)
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
    progress?(
      "certify: \(certificate.feasible ? "every target met" : "targets missed") on fresh seeds (\(simulations) simulations so far)"
    )
    guard certificate.feasible else { return result(.notCertified, plan, certificate, rounds: rounds) }
    // Minimality, on the certification's seeds: one person fewer misses outright.
    let finalSeed = certificationSeed &+ UInt64(rounds - 1)
    let decisions = problem.decisions
    let above = decisions.indices.filter { plan[$0] > problem.lower[$0] }
    let trials = await evaluate(
      above.map { i in plan.enumerated().map { $0.offset == i ? $0.element - 1 : $0.element } },
      branchingFrom: plan, seed: finalSeed, replications: certifiedOn, stopWhen: Self.missesOutright)
    var minimality: [Int: Fewer] = [:]
    for (i, trial) in zip(above, trials) { minimality[i] = self.fewer(trial, date: decisions[i].date) }
    let shown = minimality.values.filter { if case .misses = $0 { true } else { false } }.count
    progress?("minimality: shown for \(shown) of \(minimality.count)")
    var neighbourhood: Neighbourhood?
    if neighbours {
      neighbourhood = await self.neighbours(of: plan, minimality: minimality) { candidates in
        await evaluate(
          candidates, branchingFrom: plan, seed: finalSeed, replications: certifiedOn, stopWhen: { _ in true }
        )
      }
      progress?(
        "neighbours: \(neighbourhood!.passing.count) of \(neighbourhood!.tried) meet every check on the certification's seeds"
      )
    }
    var out = result(.certified, plan, certificate, minimality: minimality, rounds: rounds)
    out.neighbourhood = neighbourhood
    out.certificationSeed = finalSeed
    out.certificationReplications = certifiedOn
    (out.movesTried, out.movesTaken) = (moved.tried, moved.taken)
    out.work = atTop.work
    return out
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

}
