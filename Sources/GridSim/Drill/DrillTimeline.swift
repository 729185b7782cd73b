/// A drill's injects in release order with the actions each expects and their due times, from
/// the scenario's policy, working calendar, channels and organization (or as the pack states
/// them), given what the team did: nothing for the controller's script, a team log for scoring.
///
/// Every rule comes from the compiled model's rule book (``Model``'s entry tier, authority,
/// skip-level reports, detection and deadlines), the same the engine follows; the timeline only
/// chains them along what the team did.
///
/// What the policy expects of an inject, in order (each only where the policy sets a deadline):
/// 1. `detect`, on a channel with monitoring rounds (not on a 24-hour-watch day): due at the next
///    round; the tier's clock starts when it is seen.
/// 2. `report`, when a skip-level rule matches its category and severity and names a tier above
///    the one it enters: due `within` of detection.
/// 3. At each tier from the one it enters (the scenario's `entry` rules): `respond` by the tier's
///    response deadline; then `reply` by its resolution deadline when the tier may close the item
///    (its `authority`), else `escalate` by it (by the response deadline when it has no
///    resolution deadline), and the next tier's clock starts when it was passed up.
///
/// Each later step starts from what the team did: the next tier's deadlines run from the team's
/// escalation (or, when the log has none, from the escalation's due time, the latest it could
/// have been). A team that passes up an item its tier could close is followed up the chain: the
/// tier's `reply` becomes `escalate`, with the same due time.
///
/// A pack's stated actions (`expect`) with `within` (counted from the inject's release) replace the
/// policy's for the same action and tier, or add to them.
package struct DrillTimeline: Sendable {
  /// One expected action with its due time.
  package struct Expectation: Sendable {
    package var inject: String
    package var action: DrillAction
    /// The tier expected to do it.
    package var tier: Int
    /// When the clock started.
    package var start: LocalDateTime
    package var due: LocalDateTime
    /// Nil for `detect` (due at a monitoring round).
    package var deadline: DeadlineSpec?
    /// Where the deadline comes from.
    package var basis: Basis
    /// When the clock started and when it falls due, in simulation minutes of the timeline's
    /// model (``start`` and ``due`` to the minute).
    var startTime: Double
    var dueTime: Double
  }

  /// Where an expected action's deadline comes from, for the script and the score's improvement
  /// table.
  package enum Basis: Sendable {
    /// The channel's monitoring rounds.
    case monitoring(channel: String)
    /// A skip-level reporting rule (`policy.skipLevel`).
    case skipLevel(within: TimeSpan)
    /// The tier's response or resolution deadline for the category (`key` is `response` or
    /// `resolution`), from the clock named.
    case policy(key: String, clock: DeadlineClock)
    /// Stated in the pack.
    case stated
  }

  /// One inject as released.
  package struct Release: Sendable {
    /// Index into the pack's injects.
    package var inject: Int
    /// When it is (or would be) released.
    package var time: LocalDateTime
    /// True for a contingency (or an inject that follows one): released only if triggered.
    package var conditional: Bool
    /// False for a conditional inject that was not triggered (always false in the script).
    package var fired: Bool
    /// The grid it appears in, and the units above it, by tier.
    package var units: [String]
    package var tierEntered: Int
    package var expectations: [Expectation]
    /// Unanswered opinion worsens at this time (the policy's `worsening`), if it applies.
    package var worsensAt: LocalDateTime?
  }

  /// A stated action the policy gives no deadline for (when it has no `within`).
  package struct Problem: Sendable {
    package var inject: String
    package var message: String
    package var fix: String
  }

  /// What a team did, as the timeline asks it: when the team did `action` of `inject` (at `tier`
  /// when given), first at or after `notBefore`, by one of `units` (the inject's grid and the units
  /// above it); simulation minutes of the timeline's model.
  typealias Actions =
    @Sendable (
      _ inject: String, _ action: DrillAction, _ tier: Int?, _ notBefore: Double, _ units: [String]
    ) -> Double?

  package private(set) var releases: [Release] = []
  /// Stated actions without a deadline (found only without a log: the reader reports them).
  package private(set) var problems: [Problem] = []
  /// The rule book the timeline asks: the scenario compiled over the drill's days.
  let model: Model

  /// The timeline of `pack` against `scenario`, following `log` where given.
  package init(pack: DrillPack, scenario: Scenario, log: TeamLog?) {
    let model = Self.model(pack: pack, scenario: scenario, log: log)
    let origin = scenario.period.start.minutes
    var actions: Actions?
    if let log {
      actions = {
        (inject: String, action: DrillAction, tier: Int?, notBefore: Double, units: [String]) -> Double? in
        let earliest = LocalDateTime(minutes: origin).adding(minutes: notBefore.rounded(.up))
        guard
          let row = log.first(inject: inject, action: action, tier: tier, notBefore: earliest, units: units)
        else { return nil }
        return Double(log.rows[row].time.minutes - origin)
      }
    }
    self.init(pack: pack, model: model, actions: actions)
  }

  /// The timeline of `pack` against the rule book `model` (a drill's scenario compiled by
  /// ``model(pack:scenario:log:)``, or any model of the scenario), following `actions` where given.
  init(pack: DrillPack, model: Model, actions: Actions?) {
    self.model = model
    var builder = Builder(pack: pack, model: model, actions: actions)
    for i in pack.injects.indices { _ = builder.release(i) }
    releases = builder.done.compactMap { $0 }.sorted { ($0.time, $0.inject) < ($1.time, $1.inject) }
    problems = builder.problems
  }

  /// The scenario compiled for a drill: its period runs on past the last row of `log` and the
  /// days the pack's own deadlines need, so that every due time is in its working-time tables.
  /// - Complexity: O(the scenario's compilation over those days).
  static func model(pack: DrillPack, scenario: Scenario, log: TeamLog?) -> Model {
    var s = scenario
    let specs = pack.injects.flatMap { ($0.expect ?? []).compactMap(\.within) }
    let hours = scenario.tiers.map { $0.officeHours ?? scenario.calendar.officeHours }
    let needed = WorkTime.daysNeeded(
      for: specs, hours: hours.isEmpty ? [scenario.calendar.officeHours] : hours)
    let lastRow = log?.rows.map(\.time).max() ?? scenario.period.start
    // Rows far past the period (a wrong year) are judged as late; what they would start is not
    // worked out beyond a year.
    let last = min(max(lastRow.dayNumber, scenario.period.end.dayNumber), scenario.period.end.dayNumber + 366)
    s.period.end = LocalDateTime(minutes: Int64(last + 1 + needed) * 1440)
    // The drill's own injects are not the rule book's business.
    s.demand.injects = []
    return Model(s)
  }

  /// Office minutes of `tier`'s hours from `a` to `b` (negative when `b` is earlier).
  package func workingMinutes(from a: LocalDateTime, to b: LocalDateTime, tier: Int) -> Double {
    model.workingMinutes(from: minutes(a), to: minutes(b), tier: tier)
  }

  /// A date-time as simulation minutes of the timeline's model.
  func minutes(_ t: LocalDateTime) -> Double { Double(t.minutes - model.scenario.period.start.minutes) }

  /// The release time of every inject that does not wait on a contingency (`at`, or a chain of
  /// `after` from one): a log's times are checked against them.
  static func earliestTimes(_ pack: DrillPack) -> [String: LocalDateTime] {
    var result: [String: LocalDateTime] = [:]
    let byID = Dictionary(pack.injects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for inject in pack.injects {
      var offset = 0.0
      var current = inject
      for _ in 0...pack.injects.count {
        if case .at(let t) = current.timing {
          result[inject.id] = t.adding(minutes: offset)
          break
        }
        guard case .after(let span, let follows) = current.timing, let parent = byID[follows] else { break }
        offset += span.minutes
        current = parent
      }
    }
    return result
  }

  /// Works injects out one at a time (a contingency after the inject it waits on).
  private struct Builder {
    let pack: DrillPack
    let model: Model
    let actions: Actions?
    let origin: LocalDateTime
    let tree: UnitTree
    var done: [Release?]
    var state: [Int] = []
    var problems: [Problem] = []

    init(pack: DrillPack, model: Model, actions: Actions?) {
      self.pack = pack
      self.model = model
      self.actions = actions
      origin = model.scenario.period.start
      tree = model.scenario.unitTree
      done = Array(repeating: nil, count: pack.injects.count)
      state = Array(repeating: 0, count: pack.injects.count)
    }

    func time(_ m: Double) -> LocalDateTime { origin.adding(minutes: m) }
    func minutes(_ t: LocalDateTime) -> Double { Double(t.minutes - origin.minutes) }

    /// When a deadline started at `start` falls due at `tier`, if within the model's tables.
    func due(_ spec: DeadlineSpec, from start: Double, tier: Int) -> Double? {
      let t = model.due(spec, from: start, tier: min(tier, max(0, model.tierCount - 1)))
      return t.isFinite ? t : nil
    }

    /// The time the team did it, if it says: its first action at or after the inject's release.
    func actual(_ inject: Int, _ action: DrillAction, tier: Int?, released: Double) -> Double? {
      guard let actions else { return nil }
      return actions(
        pack.injects[inject].id, action, tier, released, tree.chainNames(leaf: pack.injects[inject].grid))
    }

    /// The release of inject `i` (nil while it is being worked out: a cycle, which the reader
    /// refuses).
    mutating func release(_ i: Int) -> Release? {
      if state[i] == 2 { return done[i] }
      if state[i] == 1 { return nil }
      state[i] = 1
      defer { state[i] = 2 }
      let inject = pack.injects[i]
      var at: Double?
      var conditional = false
      var fired = true
      switch inject.timing {
      case .at(let t): at = minutes(t)
      case .after(let span, let follows):
        guard let p = pack.injects.firstIndex(where: { $0.id == follows }), let parent = release(p) else {
          return nil
        }
        at = minutes(parent.time) + span.minutes
        conditional = parent.conditional
        fired = parent.fired
      case .onTrigger: at = nil
      }
      if let c = inject.condition {
        guard let p = pack.injects.firstIndex(where: { $0.id == c.inject }), let parent = release(p) else {
          return nil
        }
        let fireAt: Double
        if let by = c.by {
          fireAt = minutes(parent.time) + by.minutes
        } else if let e = parent.expectations.first(where: { $0.action == c.action }) {
          fireAt = e.dueTime
        } else {
          return nil
        }
        // Released when triggered, or at its own time if that is later.
        at = max(at ?? fireAt, fireAt)
        conditional = true
        let doneInTime =
          actual(p, c.action, tier: nil, released: minutes(parent.time)).map { $0 <= fireAt } ?? false
        fired = fired && parent.fired && !doneInTime
      }
      guard let at else { return nil }
      if conditional, actions == nil { fired = false }
      let release = derive(i, at: at, conditional: conditional, fired: fired)
      done[i] = release
      return release
    }

    private mutating func derive(_ i: Int, at t0: Double, conditional: Bool, fired: Bool) -> Release {
      let inject = pack.injects[i]
      let id = inject.id
      let scenario = model.scenario
      let tiers = model.tierCount
      let category = scenario.demand.categories.firstIndex { $0.id == inject.category } ?? 0
      let severity = scenario.demand.severities.firstIndex { $0.id == inject.severity } ?? 0
      let entry = model.entryTier(category: category, severity: severity)
      let units = tree.chainNames(leaf: inject.grid)
      let released = time(t0)
      // Outside the model's days (a release the reader refuses): nothing can be worked out.
      guard t0 >= 0, t0 < model.horizon else {
        return Release(
          inject: i, time: released, conditional: conditional, fired: fired, units: units, tierEntered: entry,
          expectations: [], worsensAt: nil)
      }
      func expectation(
        _ action: DrillAction, _ tier: Int, start: Double, due: Double, _ deadline: DeadlineSpec?,
        _ basis: Basis
      ) -> Expectation {
        Expectation(
          inject: id, action: action, tier: tier, start: time(start), due: time(due), deadline: deadline,
          basis: basis, startTime: start, dueTime: due)
      }
      var derived: [Expectation] = []
      // The pack's stated due times (from the release) stand in for the policy's when the chain
      // needs them: a stated escalation starts the next tier's clock at its due time.
      var stated: [String: Double] = [:]
      for e in inject.expect ?? [] {
        if let within = e.within, let d = due(within, from: t0, tier: e.tier ?? entry) {
          stated["\(e.action.rawValue)@\(e.tier ?? entry)"] = d
        }
      }
      var detected = t0
      if let name = inject.channel,
        let channel = scenario.demand.channels.firstIndex(where: { $0.id == name }),
        model.waitsForRound(channel: channel, day: model.day(of: t0))
      {
        let round = model.detectionTime(channel: channel, day: model.day(of: t0), at: t0)
        if round.isFinite {
          derived.append(expectation(.detect, entry, start: t0, due: round, nil, .monitoring(channel: name)))
          detected = actual(i, .detect, tier: nil, released: t0) ?? stated["detect@\(entry)"] ?? round
        }
      }
      if let r = model.skipLevelReport(category: category, severity: severity), r.tier > entry {
        let within = TimeSpan(minutes: r.within)
        derived.append(
          expectation(
            .report, r.tier, start: detected, due: detected + r.within, .elapsed(within),
            .skipLevel(within: within)))
      }
      var k = entry
      var arrival = detected
      while k < tiers {
        let rule = model.deadlines(tier: k, category: category)
        let start =
          switch rule.clock {
          case .arrival: arrival
          case .appearance: t0
          case .detection: detected
          }
        var respondDue: Double?
        if let spec = rule.response, let d = due(spec, from: start, tier: k) {
          respondDue = d
          derived.append(
            expectation(.respond, k, start: start, due: d, spec, .policy(key: "response", clock: rule.clock)))
        }
        let resolution = rule.resolution.flatMap { spec in due(spec, from: start, tier: k).map { (spec, $0) }
        }
        let passedUp = actual(i, .escalate, tier: k, released: t0)
        let closes =
          k == tiers - 1
          || (model.mayClose(tier: k, category: category, severity: severity) && passedUp == nil
            && stated["escalate@\(k)"] == nil)
        if closes {
          if let (spec, d) = resolution {
            derived.append(
              expectation(
                .reply, k, start: start, due: d, spec, .policy(key: "resolution", clock: rule.clock)))
          }
          break
        }
        let escalation: (DeadlineSpec, Double, String)? =
          resolution.map { ($0.0, $0.1, "resolution") }
          ?? zip2(rule.response, respondDue).map { ($0.0, $0.1, "response") }
        if let (spec, d, key) = escalation {
          derived.append(
            expectation(.escalate, k, start: start, due: d, spec, .policy(key: key, clock: rule.clock)))
        }
        arrival = passedUp ?? stated["escalate@\(k)"] ?? escalation?.1 ?? respondDue ?? arrival
        k += 1
      }
      // Stated actions with `within` take the place of the policy's for the same action and tier,
      // or add to them; without `within`, they say the policy's must be there.
      var expectations = derived
      for e in inject.expect ?? [] {
        let tier = e.tier ?? derived.first { $0.action == e.action }?.tier ?? entry
        let same = expectations.firstIndex { $0.action == e.action && $0.tier == tier }
        if let within = e.within {
          guard let d = due(within, from: t0, tier: tier) else { continue }
          let stated = expectation(e.action, tier, start: t0, due: d, within, .stated)
          if let same { expectations[same] = stated } else { expectations.append(stated) }
        } else if same == nil, actions == nil {
          let tierID = scenario.tiers.indices.contains(tier) ? scenario.tiers[tier].id : "?"
          problems.append(
            Problem(
              inject: id,
              message:
                "the policy sets no deadline for '\(e.action.rawValue)' at tier '\(tierID)' for this inject, and none is stated",
              fix: "add within: \"4 h\" to it"))
        }
      }
      let worsensAt = model.worseningWindow(category: category).map { time(t0 + $0) }
      return Release(
        inject: i, time: released, conditional: conditional, fired: fired, units: units, tierEntered: entry,
        expectations: expectations, worsensAt: worsensAt)
    }
  }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
