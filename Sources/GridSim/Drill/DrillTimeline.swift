/// A drill's injects in release order with the actions each expects and their due times, from
/// the scenario's policy, working calendar, channels and organization (or as the pack states
/// them), given what the team did: nothing for the controller's script, a team log for scoring.
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
public struct DrillTimeline: Sendable {
  /// One expected action with its due time.
  public struct Expectation: Sendable {
    public var inject: String
    public var action: DrillAction
    /// The tier expected to do it.
    public var tier: Int
    /// When the clock started.
    public var start: LocalDateTime
    public var due: LocalDateTime
    /// Nil for `detect` (due at a monitoring round).
    public var deadline: DeadlineSpec?
    /// Where the deadline comes from.
    public var basis: Basis
  }

  /// Where an expected action's deadline comes from, for the script and the score's improvement
  /// table.
  public enum Basis: Sendable {
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
  public struct Release: Sendable {
    /// Index into the pack's injects.
    public var inject: Int
    /// When it is (or would be) released.
    public var time: LocalDateTime
    /// True for a contingency (or an inject that follows one): released only if triggered.
    public var conditional: Bool
    /// False for a conditional inject that was not triggered (always false in the script).
    public var fired: Bool
    /// The grid it appears in, and the units above it, by tier.
    public var units: [String]
    public var tierEntered: Int
    public var expectations: [Expectation]
    /// Unanswered opinion worsens at this time (the policy's `worsening`), if it applies.
    public var worsensAt: LocalDateTime?
  }

  /// A stated action the policy gives no deadline for (when it has no `within`).
  public struct Problem: Sendable {
    public var inject: String
    public var message: String
    public var fix: String
  }

  public private(set) var releases: [Release] = []
  /// Stated actions without a deadline (found only without a log: the reader reports them).
  public private(set) var problems: [Problem] = []
  /// The working calendar over the drill's days, one schedule per tier's office hours.
  private let table: WorkTime
  private let origin: Int64

  /// The timeline of `pack` against `scenario`, following `log` where given.
  public init(pack: DrillPack, scenario: Scenario, log: TeamLog?) {
    var builder = Builder(pack: pack, scenario: scenario, log: log)
    for i in pack.injects.indices { _ = builder.release(i) }
    releases = builder.done.compactMap { $0 }.sorted { ($0.time, $0.inject) < ($1.time, $1.inject) }
    problems = builder.problems
    table = builder.table
    origin = builder.origin
  }

  /// Office minutes of `tier`'s hours from `a` to `b` (negative when `b` is earlier).
  public func workingMinutes(from a: LocalDateTime, to b: LocalDateTime, tier: Int) -> Double {
    table.workingMinutes(from: Double(a.minutes - origin), to: Double(b.minutes - origin), schedule: tier)
  }

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
    let scenario: Scenario
    let log: TeamLog?
    let table: WorkTime
    let origin: Int64
    var done: [Release?]
    var state: [Int] = []
    var problems: [Problem] = []
    let leafUnits: [[String]]

    init(pack: DrillPack, scenario: Scenario, log: TeamLog?) {
      self.pack = pack
      self.scenario = scenario
      self.log = log
      done = Array(repeating: nil, count: pack.injects.count)
      state = Array(repeating: 0, count: pack.injects.count)
      let times =
        DrillTimeline.earliestTimes(pack).values.map(\.dayNumber) + (log?.rows.map(\.time.dayNumber) ?? [])
      let first = (times.min() ?? scenario.period.start.dayNumber) - 1
      let last = times.max() ?? first
      var specs: [DeadlineSpec] = []
      for tier in scenario.tiers {
        for rule in [tier.rule] + Array(tier.categoryRules.values) {
          specs += [rule.responseDeadline, rule.resolutionDeadline].compactMap { $0 }
        }
      }
      for rule in [scenario.policy.rule] + Array(scenario.policy.categoryRules.values) {
        specs += [rule.responseDeadline, rule.resolutionDeadline].compactMap { $0 }
      }
      for inject in pack.injects { specs += (inject.expect ?? []).compactMap(\.within) }
      let hours = scenario.tiers.map { $0.officeHours ?? scenario.calendar.officeHours }
      let needed = WorkTime.daysNeeded(
        for: specs, hours: hours.isEmpty ? [scenario.calendar.officeHours] : hours)
      let count = min(3660, last - first + 2 + needed * max(1, scenario.tiers.count) + pack.injects.count)
      table = WorkTime(
        calendar: scenario.calendar.days, hours: hours.isEmpty ? [scenario.calendar.officeHours] : hours,
        sameDayCutoff: scenario.calendar.sameDayCutoff, firstDay: first, dayCount: max(1, count))
      origin = Int64(first) * 1440
      var units: [[String]] = []
      func walk(_ unit: Scenario.Unit, path: [String]) {
        let here = [unit.name] + path
        if unit.children.isEmpty {
          units.append(here)
        } else {
          unit.children.forEach { walk($0, path: here) }
        }
      }
      scenario.organization.forEach { walk($0, path: []) }
      leafUnits = units
    }

    func minutes(_ t: LocalDateTime) -> Double { Double(t.minutes - origin) }
    func time(_ m: Double) -> LocalDateTime { LocalDateTime(minutes: origin).adding(minutes: m) }

    func due(_ spec: DeadlineSpec, from start: LocalDateTime, tier: Int) -> LocalDateTime? {
      let t = table.due(spec, from: minutes(start), schedule: min(tier, max(0, scenario.tiers.count - 1)))
      return t.isFinite ? time(t) : nil
    }

    /// The time the team did it, if the log says: its first row for the action at or after the
    /// inject's release, by a unit above the inject's grid (or naming a tier).
    func actual(_ inject: String, _ action: DrillAction, tier: Int?, released: LocalDateTime)
      -> LocalDateTime?
    {
      guard let log, let i = pack.injects.firstIndex(where: { $0.id == inject }) else { return nil }
      let units = leafUnits.indices.contains(pack.injects[i].grid) ? leafUnits[pack.injects[i].grid] : []
      guard let row = log.first(inject: inject, action: action, tier: tier, notBefore: released, units: units)
      else { return nil }
      return log.rows[row].time
    }

    /// The release of inject `i` (nil while it is being worked out: a cycle, which the reader
    /// refuses).
    mutating func release(_ i: Int) -> Release? {
      if state[i] == 2 { return done[i] }
      if state[i] == 1 { return nil }
      state[i] = 1
      defer { state[i] = 2 }
      let inject = pack.injects[i]
      var at: LocalDateTime?
      var conditional = false
      var fired = true
      switch inject.timing {
      case .at(let t): at = t
      case .after(let span, let follows):
        guard let p = pack.injects.firstIndex(where: { $0.id == follows }), let parent = release(p) else {
          return nil
        }
        at = parent.time.adding(minutes: span.minutes)
        conditional = parent.conditional
        fired = parent.fired
      case .onTrigger: at = nil
      }
      if let c = inject.condition {
        guard let p = pack.injects.firstIndex(where: { $0.id == c.inject }), let parent = release(p) else {
          return nil
        }
        let fireAt: LocalDateTime
        if let by = c.by {
          fireAt = parent.time.adding(minutes: by.minutes)
        } else if let e = parent.expectations.first(where: { $0.action == c.action }) {
          fireAt = e.due
        } else {
          return nil
        }
        // Released when triggered, or at its own time if that is later.
        at = max(at ?? fireAt, fireAt)
        conditional = true
        let doneInTime =
          actual(c.inject, c.action, tier: nil, released: parent.time).map { $0 <= fireAt } ?? false
        fired = fired && parent.fired && !doneInTime
      }
      guard let at else { return nil }
      if conditional, log == nil { fired = false }
      let release = derive(i, at: at, conditional: conditional, fired: fired)
      done[i] = release
      return release
    }

    private func entryTier(category: String, severity: String) -> Int {
      for rule in scenario.demand.entry
      where (rule.category == nil || rule.category == category)
        && (rule.severity == nil || rule.severity == severity)
      {
        return scenario.tiers.firstIndex { $0.id == rule.tier } ?? 0
      }
      return 0
    }

    private func mayClose(tier k: Int, category: String, severity: String) -> Bool {
      let tier = scenario.tiers[k]
      if let allowed = tier.authorityCategories, !allowed.contains(category) { return false }
      if let top = tier.authorityMaxSeverity {
        let ids = scenario.demand.severities.map(\.id)
        if let s = ids.firstIndex(of: severity), let m = ids.firstIndex(of: top), s > m { return false }
      }
      return true
    }

    /// The next monitoring round at or after `t` on `channel`; `t` itself on a watched day or a
    /// channel watched continuously (nil: no round within 60 days).
    private func detection(channel id: String?, at t: LocalDateTime) -> LocalDateTime?? {
      guard let id, let channel = scenario.demand.channels.first(where: { $0.id == id }),
        let checks = channel.checks
      else { return .some(nil) }
      let day = t.dayNumber
      if scenario.windows.contains(where: { $0.watch && $0.contains(day: day) }) { return .some(nil) }
      for d in day..<(day + 60) {
        let kind = scenario.calendar.days.kind(ofDay: d)
        for minute in checks[kind] ?? [] {
          let check = LocalDateTime(minutes: Int64(d) * 1440 + Int64(minute))
          if check >= t { return .some(check) }
        }
      }
      return nil
    }

    private mutating func derive(_ i: Int, at t0: LocalDateTime, conditional: Bool, fired: Bool) -> Release {
      let inject = pack.injects[i]
      let id = inject.id
      let tiers = scenario.tiers.count
      let entry = entryTier(category: inject.category, severity: inject.severity)
      var derived: [Expectation] = []
      // The pack's stated due times (from the release) stand in for the policy's when the chain
      // needs them: a stated escalation starts the next tier's clock at its due time.
      var stated: [String: LocalDateTime] = [:]
      for e in inject.expect ?? [] {
        if let within = e.within, let d = due(within, from: t0, tier: e.tier ?? entry) {
          stated["\(e.action.rawValue)@\(e.tier ?? entry)"] = d
        }
      }
      var detected = t0
      switch detection(channel: inject.channel, at: t0) {
      case .some(let round?):
        derived.append(
          Expectation(
            inject: id, action: .detect, tier: entry, start: t0, due: round, deadline: nil,
            basis: .monitoring(channel: inject.channel ?? "")))
        detected = actual(id, .detect, tier: nil, released: t0) ?? stated["detect@\(entry)"] ?? round
      case .some(nil): break
      case nil: break
      }
      if let r = scenario.policy.skipLevel.first(where: {
        ($0.category == nil || $0.category == inject.category)
          && ($0.severity == nil || $0.severity == inject.severity)
      }), let k = scenario.tiers.firstIndex(where: { $0.id == r.tier }), k > entry {
        derived.append(
          Expectation(
            inject: id, action: .report, tier: k, start: detected,
            due: detected.adding(minutes: r.within.minutes),
            deadline: .elapsed(r.within), basis: .skipLevel(within: r.within)))
      }
      let category = scenario.demand.categories.firstIndex { $0.id == inject.category }
      var k = entry
      var arrival = detected
      while k < tiers {
        let rule = scenario.effectiveRule(tier: k, category: category)
        let start =
          switch rule.clock {
          case .arrival: arrival
          case .appearance: t0
          case .detection: detected
          }
        var respondDue: LocalDateTime?
        if let spec = rule.responseDeadline, let d = due(spec, from: start, tier: k) {
          respondDue = d
          derived.append(
            Expectation(
              inject: id, action: .respond, tier: k, start: start, due: d, deadline: spec,
              basis: .policy(key: "response", clock: rule.clock)))
        }
        let resolution = rule.resolutionDeadline.flatMap { spec in
          due(spec, from: start, tier: k).map { (spec, $0) }
        }
        let passedUp = actual(id, .escalate, tier: k, released: t0)
        let closes =
          k == tiers - 1
          || (mayClose(tier: k, category: inject.category, severity: inject.severity) && passedUp == nil
            && stated["escalate@\(k)"] == nil)
        if closes {
          if let (spec, d) = resolution {
            derived.append(
              Expectation(
                inject: id, action: .reply, tier: k, start: start, due: d, deadline: spec,
                basis: .policy(key: "resolution", clock: rule.clock)))
          }
          break
        }
        let escalation: (DeadlineSpec, LocalDateTime, String)? =
          resolution.map { ($0.0, $0.1, "resolution") }
          ?? zip2(rule.responseDeadline, respondDue).map { ($0.0, $0.1, "response") }
        if let (spec, d, key) = escalation {
          derived.append(
            Expectation(
              inject: id, action: .escalate, tier: k, start: start, due: d, deadline: spec,
              basis: .policy(key: key, clock: rule.clock)))
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
          let stated = Expectation(
            inject: id, action: e.action, tier: tier, start: t0, due: d, deadline: within, basis: .stated)
          if let same { expectations[same] = stated } else { expectations.append(stated) }
        } else if same == nil, log == nil {
          let tierID = scenario.tiers.indices.contains(tier) ? scenario.tiers[tier].id : "?"
          problems.append(
            Problem(
              inject: id,
              message:
                "the policy sets no deadline for '\(e.action.rawValue)' at tier '\(tierID)' for this inject, and none is stated",
              fix: "add within: \"4 h\" to it"))
        }
      }
      let units = leafUnits.indices.contains(inject.grid) ? leafUnits[inject.grid] : []
      let worsensAt = scenario.policy.worsening[inject.category].map { t0.adding(minutes: $0.within.minutes) }
      return Release(
        inject: i, time: t0, conditional: conditional, fired: fired, units: units, tierEntered: entry,
        expectations: expectations, worsensAt: worsensAt)
    }
  }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
