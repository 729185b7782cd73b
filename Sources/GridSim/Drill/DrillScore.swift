/// A team's log scored against a drill's expected actions.
///
/// Each expected action of a released inject is matched with the team's first row for it (same
/// inject and action; for `respond`, `escalate`, `reply`, `close` and `callback` also the same
/// tier). It earns points by how late it was, against the time its deadline allowed (measured on
/// the deadline's own clock: office time for working-time deadlines, calendar time otherwise):
///
/// | done                                  | points |
/// |---------------------------------------|--------|
/// | on time                               | 100    |
/// | late by at most 25% of the time allowed | 75   |
/// | late by at most 100%                  | 50     |
/// | later                                 | 25     |
/// | not done                              | 0      |
///
/// An objective's score is the mean of its actions' points; its rating (HSEEP P/S/M/U, GB/T 46792
/// 选择项结论) is P when all were on time, S when all were done and none was late by more than 25%,
/// M when at least half were done, U otherwise. The overall score and rating follow the same rules
/// over every expected action once, whether an objective tests it or not.
///
/// A row counts only at or after its inject's release, and only by the inject's grid, a unit above
/// it, or a unit named by its tier; other rows are listed as not counted, with the reason.
///
/// When the drill has an end (the pack's `ends`), an expected action due after it is "beyond the
/// drill": listed with what the team did, and left out of every score and rating, done or not.
///
/// Against the simulated policy, a team is "faster than" the share of runs that took longer than
/// it did; a run that took exactly as long is not beaten (a tie counts as not faster), and a run
/// that never did the action took longer than any team that did.
package struct DrillScore: Sendable {
  package enum Status: String, Sendable {
    case onTime = "on time"
    case late
    case missing
    /// Due after the drill's end: not scored.
    case beyond = "beyond the drill"
  }

  /// One expected action and what the team did.
  package struct Outcome: Sendable {
    package var expectation: DrillTimeline.Expectation
    /// When the inject was released.
    package var released: LocalDateTime
    package var actual: LocalDateTime?
    /// The log row that did it (an index into the log's rows).
    package var row: Int?
    package var status: Status
    /// Minutes late (negative: early), in calendar time and in office time of the tier.
    package var lateCalendar: Double?
    package var lateWorking: Double?
    /// Minutes the deadline allowed, on its own clock.
    package var allowed: Double
    /// True when the deadline counts office time.
    package var workingClock: Bool
    package var points: Int
    /// Ids of the objectives it counts for.
    package var objectives: [String]
    /// The simulated policy's times for the same action (minutes from the inject's release),
    /// sorted; nil when not simulated.
    package var simulated: [Double]?

    /// The share of simulated runs that did it at or before the team's time (from release).
    package var simulatedShareFaster: Double? {
      guard let simulated, !simulated.isEmpty, let actual else { return nil }
      let team = Double(actual.minutes - released.minutes)
      return Double(simulated.filter { $0 <= team }.count) / Double(simulated.count)
    }

    /// The share of simulated runs the team was faster than: runs that took strictly longer than
    /// the team (from release; a run that never did it took longer). A tie is not beaten. Nil
    /// when not simulated or not done.
    package var fasterThanShare: Double? {
      guard let simulated, !simulated.isEmpty, let actual else { return nil }
      let team = Double(actual.minutes - released.minutes)
      return Double(simulated.filter { $0 > team }.count) / Double(simulated.count)
    }

    /// ``fasterThanShare`` in whole percent (rounded half up).
    package var fasterThanPercent: Int? { fasterThanShare.map { Int(($0 * 100).rounded()) } }

    /// Counts towards the score (not beyond the drill's end).
    package var scored: Bool { status != .beyond }

    /// Minutes late on the deadline's own clock (office time for working-time deadlines), 0 when
    /// on time; nil when not done.
    package var lateOnClock: Double? {
      guard actual != nil else { return nil }
      return max(0, (workingClock ? lateWorking : lateCalendar) ?? 0)
    }
  }

  package struct ObjectiveResult: Sendable {
    package var objective: DrillPack.Objective
    /// Indices into `outcomes`.
    package var outcomes: [Int]
    /// Nil when none of its actions was expected (its contingency did not fire).
    package var score: Double?
    package var rating: DrillRating?
  }

  /// Response times (minutes from release to the first response) of a tier or a role.
  package struct ResponseTimes: Sendable {
    package var label: String
    package var count: Int
    package var median: Double
    package var p90: Double
  }

  /// A log row that matched no expected action, and why.
  package struct Unexpected: Sendable {
    package var row: Int
    package var reason: Reason
  }

  package enum Reason: Sendable, Equatable {
    /// Its inject was a contingency whose trigger was not met.
    case notReleased
    /// Before its inject was released.
    case beforeRelease
    /// By a unit that is not the inject's grid or above it.
    case otherUnit
    /// A later row of an action already done (the first one counts).
    case repeated
    /// Expected of another tier.
    case wrongTier(expected: Int, done: Int)
    /// The pack expects no such action of the inject.
    case notExpected
  }

  /// Why the pass criteria were missed.
  package enum Failure: Sendable, Equatable {
    case scoreBelow(score: Double, minimum: Double)
    case objectiveBelow(objective: String, rating: DrillRating, minimum: DrillRating)
  }

  /// Opinion that worsens unless answered in time: whether the team kept it from worsening.
  package struct Worsening: Sendable {
    package var inject: String
    package var by: LocalDateTime
    package var kept: Bool
  }

  package var pack: DrillPack
  package var timeline: DrillTimeline
  package var log: TeamLog
  package var outcomes: [Outcome]
  package var objectives: [ObjectiveResult]
  package var score: Double
  package var rating: DrillRating
  package var unexpected: [Unexpected]
  package var byTier: [ResponseTimes]
  package var byRole: [ResponseTimes]
  package var worsening: [Worsening]
  /// Nil when the pack sets no pass criteria.
  package var passed: Bool?
  /// Why it did not pass.
  package var failures: [Failure]
  /// Replications of the simulated policy (0: not simulated).
  package var replications = 0
  /// The drill's end, when it has one: actions due after it are not scored.
  package var ends: LocalDateTime?

  /// Indices into `outcomes` of the actions due after the drill's end.
  package var beyond: [Int] { outcomes.indices.filter { outcomes[$0].status == .beyond } }

  /// Minutes late, summed over the scored actions done late, each on its deadline's own clock.
  package var totalLateness: Double {
    outcomes.filter(\.scored).compactMap(\.lateOnClock).reduce(0, +)
  }

  /// Scores `log` for `pack` against `scenario`.
  package init(pack: DrillPack, scenario: Scenario, log: TeamLog) {
    self.pack = pack
    self.log = log
    let timeline = DrillTimeline(pack: pack, scenario: scenario, log: log)
    self.timeline = timeline
    var used = Set<Int>()
    var outcomes: [Outcome] = []
    for release in timeline.releases where release.fired {
      let inject = pack.injects[release.inject]
      for e in release.expectations {
        let anyTier = e.action == .detect || e.action == .report
        let row = log.first(
          inject: inject.id, action: e.action, tier: anyTier ? nil : e.tier, notBefore: release.time,
          units: release.units)
        if let row { used.insert(row) }
        let actual = row.map { log.rows[$0].time }
        let working = e.deadline?.usesWorkingTime ?? false
        let allowed =
          working
          ? timeline.workingMinutes(from: e.start, to: e.due, tier: e.tier)
          : Double(e.due.minutes - e.start.minutes)
        var status = Status.missing
        var points = 0
        var lateCalendar: Double?
        var lateWorking: Double?
        if let actual {
          lateCalendar = Double(actual.minutes - e.due.minutes)
          lateWorking = timeline.workingMinutes(from: e.due, to: actual, tier: e.tier)
          let late = working ? lateWorking! : lateCalendar!
          if actual <= e.due {
            status = .onTime
            points = 100
          } else {
            status = .late
            points = Self.latePoints(late: late, allowed: allowed)
          }
        }
        if let ends = pack.ends, e.due > ends {
          status = .beyond
          points = 0
        }
        let objectives = pack.objectives.filter { o in
          o.tests.contains { $0.names(inject: inject.id, action: e.action, tier: scenario.tiers[e.tier].id) }
        }.map(\.id)
        outcomes.append(
          Outcome(
            expectation: e, released: release.time, actual: actual, row: row, status: status,
            lateCalendar: lateCalendar, lateWorking: lateWorking, allowed: allowed, workingClock: working,
            points: points, objectives: objectives))
      }
    }
    self.outcomes = outcomes
    ends = pack.ends
    objectives = pack.objectives.map { o in
      let mine = outcomes.indices.filter { outcomes[$0].objectives.contains(o.id) }
      let picked = mine.map { outcomes[$0] }.filter(\.scored)
      return ObjectiveResult(
        objective: o, outcomes: mine, score: Self.mean(picked.map(\.points)), rating: Self.rating(picked))
    }
    // Overall, every expected action counts once, tested by an objective or not.
    let scored = outcomes.filter(\.scored)
    score = Self.mean(scored.map(\.points)) ?? 0
    rating = Self.rating(scored) ?? .performed
    // Rows that did nothing expected: say why, so that nothing in the log is lost.
    let fired = Set(timeline.releases.filter(\.fired).map { pack.injects[$0.inject].id })
    unexpected = log.rows.indices.filter { !used.contains($0) }.map { i in
      let r = log.rows[i]
      let reason: Reason
      let release = timeline.releases.first { pack.injects[$0.inject].id == r.inject && $0.fired }
      if let release, r.time < release.time {
        reason = .beforeRelease
      } else if let release, !release.units.contains(r.unit), !log.tierLabels.contains(r.unit) {
        reason = .otherUnit
      } else if !fired.contains(r.inject) {
        reason = .notReleased
      } else if outcomes.contains(where: {
        $0.expectation.inject == r.inject && $0.expectation.action == r.action && $0.row != nil
          && log.rows[$0.row!].tier == r.tier
      }) {
        reason = .repeated
      } else if let e = outcomes.first(where: {
        $0.expectation.inject == r.inject && $0.expectation.action == r.action
      }) {
        reason = .wrongTier(expected: e.expectation.tier, done: r.tier)
      } else {
        reason = .notExpected
      }
      return Unexpected(row: i, reason: reason)
    }
    // Response times from release, by tier and by role.
    let responses = outcomes.filter { $0.expectation.action == .respond && $0.actual != nil }
    byTier = scenario.tiers.indices.compactMap { k in
      Self.times(
        scenario.tiers[k].name,
        responses.filter { $0.expectation.tier == k }.map { Double($0.actual!.minutes - $0.released.minutes) }
      )
    }
    var roles: [String] = []
    for o in responses { if let r = log.rows[o.row!].role, !roles.contains(r) { roles.append(r) } }
    // Roles named as their tiers are would repeat the tiers' lines.
    byRole = roles.compactMap { role in
      let name = pack.roles.first { $0.id == role }?.name ?? role
      if scenario.tiers.contains(where: { $0.name == name || $0.id == name }) { return nil }
      return Self.times(
        name,
        responses.filter { log.rows[$0.row!].role == role }.map {
          Double($0.actual!.minutes - $0.released.minutes)
        })
    }
    worsening = timeline.releases.filter(\.fired).compactMap { release in
      guard let by = release.worsensAt else { return nil }
      let id = pack.injects[release.inject].id
      let first = log.rows.filter { $0.inject == id && $0.action == .respond }.map(\.time).min()
      return Worsening(inject: id, by: by, kept: first.map { $0 <= by } ?? false)
    }
    var failures: [Failure] = []
    if let pass = pack.pass {
      if let min = pass.score, score < min { failures.append(.scoreBelow(score: score, minimum: min)) }
      if let worst = pass.rating {
        let ratings =
          objectives.isEmpty
          ? [("", rating)] : objectives.compactMap { o in o.rating.map { (o.objective.id, $0) } }
        for (id, r) in ratings where r > worst {
          failures.append(.objectiveBelow(objective: id, rating: r, minimum: worst))
        }
      }
      passed = failures.isEmpty
    }
    self.failures = failures
  }

  /// Adds the simulated policy's times for each outcome (``DrillSimulation``).
  package mutating func compare(with simulation: DrillSimulation) {
    replications = simulation.replications
    for i in outcomes.indices {
      let e = outcomes[i].expectation
      outcomes[i].simulated =
        simulation.times[DrillSimulation.Key(inject: e.inject, action: e.action, tier: e.tier)]
    }
  }

  /// The points of an action done `late` minutes after its due time, when its deadline allowed
  /// `allowed` minutes (both on the deadline's own clock): 75 up to a quarter of the time allowed
  /// late, 50 up to all of it, 25 later. Compared in whole minutes' worth (to a thousandth of a
  /// minute), so that office time summed over several days does not tip an exact quarter over.
  static func latePoints(late: Double, allowed: Double) -> Int {
    guard allowed > 0 else { return 25 }
    let l = (late * 1000).rounded()
    let a = (allowed * 1000).rounded()
    return l * 4 <= a ? 75 : l <= a ? 50 : 25
  }

  /// A score as shown: whole numbers without decimals, else one decimal.
  static func formatted(_ v: Double) -> String { String(format2: v, digits: 1) }

  static func mean(_ points: [Int]) -> Double? {
    points.isEmpty ? nil : Double(points.reduce(0, +)) / Double(points.count)
  }

  /// The rating of a set of outcomes (nil when empty).
  static func rating(_ outcomes: [Outcome]) -> DrillRating? {
    guard !outcomes.isEmpty else { return nil }
    if outcomes.allSatisfy({ $0.status == .onTime }) { return .performed }
    if outcomes.allSatisfy({ $0.points >= 75 }) { return .someChallenges }
    if outcomes.filter({ $0.status != .missing }).count * 2 >= outcomes.count { return .majorChallenges }
    return .unable
  }

  /// The median and 90th percentile (nearest rank) of some times.
  static func times(_ label: String, _ values: [Double]) -> ResponseTimes? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return ResponseTimes(
      label: label, count: sorted.count, median: Quantile.nearestRank(sorted, 0.5),
      p90: Quantile.nearestRank(sorted, 0.9))
  }

}
