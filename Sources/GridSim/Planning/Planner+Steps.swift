/// The steps of the search (``Planner/run(progress:tick:)``): the bound within the people on hand,
/// the seed, a repair, a trim and the order of its cuts.
extension Planner {
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
    neighbours: Bool, progress: (@Sendable (String) -> Void)?, simulations: inout Int, evaluations: inout Int
  ) async -> Result {
    let unlimited = Planner(problem: problem.unlimited(), jobs: jobs, snapshots: snapshots.time > 0)
    var relay: (@Sendable (String) -> Void)?
    if let progress {
      relay = { @Sendable stage in progress("without the limit of people on hand: " + stage) }
    }
    let found: Result = await unlimited.run(neighbours: neighbours, progress: relay)
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

  /// Shrink: tier by tier, the tier whose room above its lower bounds costs the most first, its
  /// decisions scaled toward their lower bounds together by bisection on the share of the room they
  /// keep (the lower bounds themselves first), keeping the least share that still meets every
  /// target: a few evaluations where the trim takes one per person. The dearest tier goes first
  /// because the others are still at their seed then and carry what they can of its work. The trim
  /// then goes on from there, decision by decision.
  func shrink(
    _ start: [Int], _ evaluation: Evaluation, evaluate: ([Int], Int?, Evaluation?) async -> Evaluation
  ) async -> ([Int], Evaluation) {
    var best = (start, evaluation)
    let tiers = Dictionary(grouping: problem.decisions.indices) { problem.decisions[$0].tier }
    func room(_ members: [Int]) -> Double {
      var extra = [Double](repeating: 0, count: start.count)
      for i in members { extra[i] = Double(start[i] - problem.lower[i]) }
      return problem.cost(extra)
    }
    let order = tiers.keys.sorted { (-room(tiers[$0]!), $0) < (-room(tiers[$1]!), $1) }
    for tier in order {
      let members = tiers[tier]!
      let from = best.0
      func scaled(_ share: Double) -> [Int] {
        var out = from
        for i in members {
          out[i] = problem.lower[i] + Int((share * Double(from[i] - problem.lower[i])).rounded(.up))
        }
        return out
      }
      var low = 0.0
      var high = 1.0
      var share = 0.0
      for _ in 0..<6 {
        let candidate = scaled(share)
        guard candidate != best.0, share == 0 || candidate != scaled(low) else { break }
        let trial = await judgedTrial(candidate, evaluate: evaluate)
        if trial.feasible {
          best = (candidate, trial)
          high = share
        } else {
          low = share
        }
        if share == 0, trial.feasible { break }
        share = (low + high) / 2
      }
    }
    return best
  }

  /// A candidate judged as the trim judges it: one whose only misses are undecided (the mean
  /// meets, the interval does not clear) is judged again on three times the replications.
  func judgedTrial(
    _ plan: [Int], evaluate: ([Int], Int?, Evaluation?) async -> Evaluation
  ) async -> Evaluation {
    let trial = await evaluate(plan, nil, nil)
    guard !trial.feasible, trial.failing.allSatisfy(\.outcome.undecided) else { return trial }
    return await evaluate(plan, Swift.min(3 * replications, 300), trial)
  }

  /// Trim: remove one person at a time, in the order of ``trimOrder(_:load:)``, keeping each cut
  /// that still meets every target, pass after pass until none holds. A cut whose only misses are
  /// undecided (the mean meets, the interval does not clear) is judged again on three times the
  /// replications before it is refused, so noise does not lock the search. A cut refused is not
  /// tried again in a later pass: the plan only loses people meanwhile, and fewer people elsewhere
  /// do not make it pass (the minimality check tries every cut again on the certification's seeds).
  func trim(
    _ start: [Int], _ evaluation: Evaluation, evaluate: ([Int], Int?, Evaluation?) async -> Evaluation,
    refused refusal: ((Int, Check) -> Void)? = nil
  ) async -> ([Int], Evaluation) {
    var plan = start
    var current = evaluation
    var refused = Set<Int>()
    var trimmed = true
    while trimmed {
      trimmed = false
      for i in trimOrder(plan, load: current.utilization)
      where plan[i] > problem.lower[i] && !refused.contains(i) {
        plan[i] -= 1
        let trial = await judgedTrial(plan, evaluate: evaluate)
        if trial.feasible {
          current = trial
          trimmed = true
        } else {
          plan[i] += 1
          refused.insert(i)
          if let check = culprit(trial.failing, date: problem.decisions[i].date) { refusal?(i, check) }
        }
      }
    }
    return (plan, current)
  }

  /// Local search, after the trim: moves one person from a shift-day to a cheaper one of the same
  /// unit (another shift of the same date, or the same shift on the next or the previous date),
  /// keeping each move that still meets every target. The moves saving most are tried first; each
  /// is tried once, at most `limit` of them. What the trim cannot take away is often cheaper
  /// elsewhere: a night's person on the day shift, a holiday's on the working day after.
  func move(
    _ start: [Int], _ evaluation: Evaluation, limit: Int,
    evaluate: ([Int], Int?, Evaluation?) async -> Evaluation
  ) async -> (plan: [Int], evaluation: Evaluation, tried: Int, taken: Int) {
    var plan = start
    var current = evaluation
    var tried = Set<[Int]>()
    var taken = 0
    let prices = self.prices()
    while tried.count < limit {
      let decisions = problem.decisions
      var moves: [(saving: Double, from: Int, to: Int)] = []
      for i in decisions.indices where plan[i] > problem.lower[i] {
        for j in decisions.indices where j != i && plan[j] < problem.upper[j] {
          let (a, b) = (decisions[i], decisions[j])
          guard a.tier == b.tier, a.unit == b.unit,
            (a.date == b.date && a.shift != b.shift) || (a.shift == b.shift && abs(a.date - b.date) == 1),
            prices[i] - prices[j] > 1e-9
          else { continue }
          moves.append((prices[i] - prices[j], i, j))
        }
      }
      moves.sort { ($0.saving, -$0.from, -$0.to) > ($1.saving, -$1.from, -$1.to) }
      var moved = false
      for m in moves {
        var candidate = plan
        candidate[m.from] -= 1
        candidate[m.to] += 1
        guard !tried.contains(candidate), capped(candidate) == candidate else { continue }
        guard tried.count < limit else { break }
        tried.insert(candidate)
        let trial = await judgedTrial(candidate, evaluate: evaluate)
        if trial.feasible {
          (plan, current) = (candidate, trial)
          taken += 1
          moved = true
          break
        }
      }
      if !moved { break }
    }
    return (plan, current, tried.count, taken)
  }

  /// Decisions in the order to try cuts: the most saving expected first, that is what a cut saves
  /// (units × hours × cost per staff-hour × the day's weight) times the share of the tier-day's
  /// time its people were idle; then the most people.
  func trimOrder(_ plan: [Int], load: [Int: [Double?]]) -> [Int] {
    func busy(_ i: Int) -> Double {
      let d = problem.decisions[i]
      return load[d.tier]?[d.day - problem.days.lowerBound] ?? nil ?? 0
    }
    let saving = prices()
    return problem.decisions.indices.sorted { a, b in
      let (x, y) = (saving[a] * (1 - Swift.min(1, busy(a))), saving[b] * (1 - Swift.min(1, busy(b))))
      return (-x, -plan[a], a) < (-y, -plan[b], b)
    }
  }
}

extension Planner {
  /// The cost of one person more at each decision (its units × hours × the tier's cost × the day
  /// kind's weight).
  func prices() -> [Double] {
    problem.decisions.indices.map { i in
      var one = [Double](repeating: 0, count: problem.decisions.count)
      one[i] = 1
      return problem.cost(one)
    }
  }

  /// The plan's neighbours: the removals of the minimality check (those that met every check),
  /// and every move of one person from a shift-day to a cheaper one of the same unit (any shift,
  /// any day of the window), within the bounds and the people on hand, each judged by `evaluate`
  /// (the certification's seeds and replications), the most saving first, at most
  /// ``neighbourLimit``. Moves from a shift-day where one fewer passes are left out: the removal
  /// saves more.
  func neighbours(
    of plan: [Int], minimality: [Int: Fewer], evaluate: ([[Int]]) async -> [Evaluation]
  ) async -> Neighbourhood {
    let prices = self.prices()
    let decisions = problem.decisions
    var passing = minimality.keys.sorted().compactMap { i in
      minimality[i] == .passes ? Neighbourhood.Change(from: i, to: nil, saving: prices[i]) : nil
    }
    var moves: [(change: Neighbourhood.Change, plan: [Int])] = []
    // A move from where one fewer already passes saves less than that removal: not judged.
    for i in decisions.indices where plan[i] > problem.lower[i] && minimality[i] != .passes {
      for j in decisions.indices where j != i && plan[j] < problem.upper[j] {
        guard decisions[i].tier == decisions[j].tier, decisions[i].unit == decisions[j].unit,
          prices[i] - prices[j] > 1e-9
        else { continue }
        var candidate = plan
        candidate[i] -= 1
        candidate[j] += 1
        guard capped(candidate) == candidate else { continue }
        moves.append((Neighbourhood.Change(from: i, to: j, saving: prices[i] - prices[j]), candidate))
      }
    }
    moves.sort { a, b in
      (a.change.saving, -a.change.from, -(a.change.to ?? 0)) > (
        b.change.saving, -b.change.from, -(b.change.to ?? 0)
      )
    }
    let judged = moves.prefix(Self.neighbourLimit)
    for (move, evaluation) in zip(judged, await evaluate(judged.map(\.plan))) where evaluation.feasible {
      passing.append(move.change)
    }
    passing.sort { ($0.saving, -$0.from, -($0.to ?? -1)) > ($1.saving, -$1.from, -($1.to ?? -1)) }
    return Neighbourhood(
      tried: minimality.count + judged.count, passing: passing, skipped: moves.count - judged.count)
  }
}

extension Planner {
  /// The `--verbose` line for a cut the trim refused: the shift-day, the check that refused it, its
  /// estimate and its bound.
  func refusal(_ i: Int, _ check: Check) -> String {
    let d = problem.decisions[i]
    let scenario = problem.models[0].scenario
    let shift = problem.rosters[d.tier]!.shifts[d.shift].name
    let unit = d.unit.map { " " + problem.models[0].unitNames[$0] } ?? ""
    let date = LocalDateTime(minutes: Int64(d.date) * 1440).dateDescription
    let figure = check.outcome.estimate.map {
      String(format: "mean %.3g, 95%% interval %.3g to %.3g", $0.mean, $0.low, $0.high)
    }
    let bound: String =
      switch check.outcome.target.bound {
      case .atLeast(let v): String(format: "at least %.3g", v)
      case .atMost(let v): String(format: "at most %.3g", v)
      }
    return
      "trim: one fewer on \(scenario.tiers[d.tier].name)\(unit) \(shift) \(date) refused: \(problem.describe(check)) (\(figure ?? "not observed"); \(bound))"
  }

  /// What a trial of one person fewer at a shift-day dated `date` shows: a miss outright (the
  /// check ``culprit(_:date:)`` names), a miss within noise, or every check met.
  func fewer(_ trial: Evaluation, date: Int) -> Fewer {
    if let check = culprit(trial.failing, date: date), Self.missesOutright(check.outcome) {
      return .misses(check)
    }
    return trial.feasible ? .passes : .withinNoise
  }

  /// The failing check to name for a change at a shift-day dated `date`: one that misses outright
  /// on that date, else on any date, else any failing check on that date, else the first.
  func culprit(_ failing: [Check], date: Int) -> Check? {
    let decisive = failing.filter { Self.missesOutright($0.outcome) }
    return decisive.first { $0.date == date } ?? decisive.first ?? failing.first { $0.date == date }
      ?? failing.first
  }
}
