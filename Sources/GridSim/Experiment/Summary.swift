/// The measures of a scenario across its replications: means with 95% intervals.
///
/// Durations here are in minutes; reports convert them (the JSON summary uses hours, in keys that
/// say so). A figure is nil when no replication observed it (no item of that category, say).
public struct Summary: Sendable {
  /// Estimates of one duration measure.
  package struct Duration: Sendable, Equatable {
    /// Observations per replication.
    package var count: Estimate?
    package var mean: Estimate?
    package var p50: Estimate?
    package var p90: Estimate?
    package var p95: Estimate?
    package var max: Estimate?
  }

  /// The measures of one tier (or the whole system) for one category (or all).
  package struct Figures: Sendable {
    /// Duration measures, indexed by ``Metric/rawValue``.
    package var durations: [Duration]
    /// Counts per replication, indexed by ``Counter/rawValue``.
    package var counts: [Estimate?]
    /// Share of responses made within their deadline, 0-1; nil when no deadline applied.
    package var responseOnTime: Estimate?
    /// Share of resolutions made within their deadline, 0-1; nil when no deadline applied.
    package var resolutionOnTime: Estimate?
    /// The workflow's shares, 0-1: satisfied callbacks, watched opinion kept from worsening,
    /// skip-level reports on time; nil when nothing of the kind happened.
    package var satisfaction: Estimate?
    package var keptFromWorsening: Estimate?
    package var reportOnTime: Estimate?
    /// Items closed over items that appeared (whole system only; nil for a tier).
    package var resolutionRate: Estimate?

    /// The estimate of a duration measure.
    package func duration(_ metric: Metric) -> Duration { durations[metric.rawValue] }
    /// The estimate of a count.
    package func count(_ counter: Counter) -> Estimate? { counts[counter.rawValue] }
  }

  /// One tier's figures.
  package struct Tier: Sendable {
    package var id: String
    package var name: String
    package var staff: Int
    package var units: Int
    /// Staff utilization after the warm-up, 0-1.
    package var utilization: Estimate?
    /// Per role, for a tier with `roles`, after the warm-up: its `share` of the tier's on-duty
    /// staff-time (over the roles, the tier's utilization) and how `busy` its own people were
    /// (busy over the staff-time of those who may take its items: at most 100%), where a
    /// saturated small role shows.
    package var roles: [Role]

    /// One role's two figures (see ``roles``).
    package struct Role: Sendable {
      package var id: String
      package var share: Estimate?
      package var busy: Estimate?
    }
    /// Items present at the end of the period.
    package var openAtEnd: Estimate?
    /// Items present at the end of each day, averaged over the days after the warm-up.
    package var backlogMean: Estimate?
    /// Largest end-of-day backlog after the warm-up.
    package var backlogMax: Estimate?
    /// Responses made here per bin of ``CoarseHistogram``, per replication (all categories).
    package var responseBins: [Double]
    /// The tier's own response deadline (categories may set their own, listed in
    /// `responseDeadlineExceptions`), with how long it lasts in elapsed time.
    package var responseDeadline: DeadlineMark?
    package var responseDeadlineExceptions: [(category: String, deadline: DeadlineSpec)]
    /// All categories together.
    package var all: Figures
    /// Per category, in the scenario's order.
    package var byCategory: [Figures]
  }

  /// One day's figures per tier, averaged over replications.
  package struct Day: Sendable {
    /// The local date.
    package var date: String
    /// True when the day is (partly) inside the warm-up.
    package var warmUp: Bool
    /// Per tier: visits begun, visits ended, items present at the day's end, utilization (nil without staff).
    package var arrivals: [Double]
    package var done: [Double]
    package var backlog: [Double]
    package var utilization: [Double?]
    /// The day's kind, and the key-date window it is in.
    package var kind: DayKind
    package var window: String?
    /// Per tier: visits the on-duty staff could finish in the day at the tier's observed pace
    /// (visits ended per busy staff-minute over the measured days); nil without staff on duty.
    package var capacity: [Double?]
    /// Per tier: the share of the deadlines of visits begun that day that were met, pooled over
    /// replications; nil when no such deadline fell due.
    package var responseOnTime: [Double?]
    package var resolutionOnTime: [Double?]
    /// Per tier: response deadlines of visits begun that day (met or missed), per replication.
    package var responseDeadlines: [Double]
  }

  /// The whole system's figures for the items that appeared on some days (a day kind or a
  /// key-date window), and each tier's utilization and backlog over those days.
  package struct Slice: Sendable {
    package var name: String
    /// True for a key-date window, false for a day kind.
    package var isWindow: Bool
    /// Days of the period in the slice, and how many are measured (after the warm-up).
    package var days: Int
    package var measuredDays: Int
    package var overall: Figures
    package var utilization: [Estimate?]
    package var backlogMean: [Estimate?]
  }

  /// An arrival channel: how long its items waited to be seen, and to be answered (clock time).
  package struct Channel: Sendable {
    package var id: String
    package var name: String
    /// Nil when watched continuously; `checks` the check times (minutes of the day) per day kind.
    package var monitoring: String?
    package var checks: [DayKind: [Int]]?
    package var detection: Duration
    package var response: Duration
  }

  package var scenarioName: String
  package var description: String
  /// The scenario's report language.
  package var language: Scenario.Language
  package var replications: Int
  package var seed: UInt64
  package var start: LocalDateTime
  package var end: LocalDateTime
  package var warmUp: TimeSpan
  package var categories: [(id: String, name: String)]
  package var tiers: [Tier]
  /// The whole system, all categories.
  package var overall: Figures
  /// The whole system per category.
  package var overallByCategory: [Figures]
  /// True when some deadline counts working time (it pauses over days off).
  package var workingTimeDeadlines: Bool
  /// The whole system per severity, with the severities' ids and names (empty with one severity).
  package var severities: [(id: String, name: String)]
  package var overallBySeverity: [Figures]
  package var days: [Day]
  /// Events processed, all replications together.
  package var events: Int
  /// The scenario's targets, judged.
  package var targets: [TargetOutcome]
  /// Day kinds that occur in the period, then the key-date windows.
  package var slices: [Slice]
  /// Channels (one, seen at once, unless the scenario lists its own).
  package var channels: [Channel]
  /// True when the scenario uses the workflow (stages, roles or the policy's rules): reports then
  /// show its measures.
  package var usesWorkflow: Bool
  /// True when some tier has duty shifts (值班): reports then say how many visits waited for the
  /// office.
  package var hasDutyShifts: Bool
  /// The policy preset, its name and source, when the scenario names one.
  package var policy: (preset: String?, name: String?, source: String?)
  /// Units that missed a resolution deadline with no reply and no extension (通报), most first.
  package var namedUnits: [NamedUnit]

  /// A unit on the overdue list.
  package struct NamedUnit: Sendable {
    package var unit: String
    package var tier: String
    /// Misses per replication, and the share of replications in which it was named.
    package var perReplication: Double
    package var replicationShare: Double
  }

  /// Summarizes the replications of a model.
  package init(model: Model, results: [ReplicationResult], seed: UInt64) {
    self.init(model: model, reduction: Reduction(model: model, results: results), seed: seed)
  }

  /// Summarizes the replications of a model, reduced as they arrived; `seed` is the one they
  /// were run with, recorded for the reports.
  /// - Complexity: O(tiers · categories · histogram buckets).
  public init(model: Model, reduction: Reduction, seed: UInt64) {
    let scenario = model.scenario
    let T = model.tierCount
    let C = model.categoryCount
    let r = reduction
    scenarioName = scenario.name
    description = scenario.description
    language = scenario.language
    replications = r.replications
    self.seed = seed
    start = scenario.period.start
    end = scenario.period.end
    warmUp = scenario.period.warmUp
    categories = scenario.demand.categories.map { ($0.id, $0.name) }
    events = r.events
    usesWorkflow = model.workflow.isFull
    hasDutyShifts = model.hasDutyShifts
    policy = (scenario.policy.preset, scenario.policy.name, scenario.policy.source)
    let n = Double(max(r.replications, 1))
    namedUnits = model.unitNames.indices.compactMap { u -> NamedUnit? in
      guard r.unitNamed[u] > 0 else { return nil }
      return NamedUnit(
        unit: model.unitNames[u], tier: scenario.tiers[model.unitTier[u]].name,
        perReplication: Double(r.unitNamed[u]) / n, replicationShare: Double(r.unitNamedIn[u]) / n)
    }.sorted { $0.perReplication > $1.perReplication }
    targets = scenario.targets.enumerated().map { i, target in target.evaluate(r, index: i) }

    let firstMeasuredDay = (model.startMinuteOfDay + Int(model.warmUp)) / 1440
    tiers = (0..<T).map { t in
      let tier = scenario.tiers[t]
      // The deadline of a category without a rule of its own, and the categories whose differs.
      let deadline = scenario.effectiveRule(tier: t, category: nil).responseDeadline
      let exceptions = scenario.demand.categories.indices.compactMap { c -> (String, DeadlineSpec)? in
        guard let own = scenario.effectiveRule(tier: t, category: c).responseDeadline, own != deadline else {
          return nil
        }
        return (scenario.demand.categories[c].name, own)
      }
      return Tier(
        id: tier.id, name: tier.name, staff: model.tierStaff[t], units: model.tierUnits[t],
        utilization: r.utilization[t].nonNegative,
        roles: tier.roles.indices.map { k in
          let i = model.workflow.roleOffset[t] + k
          guard i < r.roleUtilization.count else { return Tier.Role(id: tier.roles[k].id) }
          return Tier.Role(
            id: tier.roles[k].id, share: r.roleShare[i].nonNegative, busy: r.roleUtilization[i].nonNegative)
        },
        openAtEnd: r.openAtEnd[t].nonNegative,
        backlogMean: r.backlogMean[t].nonNegative,
        backlogMax: r.backlogMax[t].nonNegative,
        responseBins: r.responseBins[t].map { Double($0) / n },
        responseDeadline: deadline.map { DeadlineMark($0, tier: t, model: model) },
        responseDeadlineExceptions: exceptions,
        all: r.groups[t, C].summary, byCategory: (0..<C).map { r.groups[t, $0].summary })
    }
    overall = r.groups[T, C].summary
    overallByCategory = (0..<C).map { r.groups[T, $0].summary }
    workingTimeDeadlines = (0..<T).contains { t in
      (0..<C).contains { c in
        let rule = scenario.effectiveRule(tier: t, category: c)
        return [rule.responseDeadline, rule.resolutionDeadline].contains { spec in
          if case .elapsed = spec { return false }
          return spec != nil
        }
      }
    }
    severities = model.severityColumns > 0 ? scenario.demand.severities.map { ($0.id, $0.name) } : []
    overallBySeverity = severities.indices.map { r.severities[$0].summary }

    slices = model.segmentNames.indices.compactMap { s in
      let days = model.segmentDays[s]
      let isWindow = s >= DayKind.allCases.count
      guard isWindow || !days.isEmpty else { return nil }
      return Slice(
        name: model.segmentNames[s], isWindow: isWindow, days: days.count,
        measuredDays: days.filter { $0 >= firstMeasuredDay }.count, overall: r.segments[s].summary,
        utilization: (0..<T).map { r.segmentUtilization[s, $0].nonNegative },
        backlogMean: (0..<T).map { r.segmentBacklog[s, $0].nonNegative })
    }
    channels = scenario.demand.channels.enumerated().map { i, channel in
      Channel(
        id: channel.id, name: channel.name, monitoring: channel.checks.map(Self.describe),
        checks: channel.checks, detection: r.channelDetection[i].summary,
        response: r.channelResponse[i].summary)
    }

    let startDay = scenario.period.start.dayNumber
    // Each tier's pace: visits ended per busy staff-minute over the measured days.
    let pace = (0..<T).map { t -> Double? in
      r.paceBusy[t] > 0 ? Double(r.paceDone[t]) / r.paceBusy[t] : nil
    }
    days = (0..<model.dayCount).map { d in
      let date = LocalDateTime(minutes: Int64(startDay + d) * 1440).dateDescription
      func share(_ t: Int, _ met: DailyOutcome, _ missed: DailyOutcome) -> Double? {
        let a = r.dailyOnTime[d, t][met]
        let b = r.dailyOnTime[d, t][missed]
        return a + b > 0 ? Double(a) / Double(a + b) : nil
      }
      return Day(
        date: date,
        warmUp: d < firstMeasuredDay
          || (d == firstMeasuredDay && model.warmUp > 0
            && (model.startMinuteOfDay + Int(model.warmUp)) % 1440 != 0),
        arrivals: (0..<T).map { t in Double(r.dailyArrivals[d, t]) / n },
        done: (0..<T).map { t in Double(r.dailyDone[d, t]) / n },
        backlog: (0..<T).map { t in Double(r.dailyBacklog[d, t]) / n },
        utilization: (0..<T).map { t in r.dailyUtilization[d, t].estimate?.mean },
        kind: DayKind.allCases[Int(model.dayKindSegment[d])],
        window: model.dayWindowSegment[d].map { model.segmentNames[Int($0)] },
        capacity: (0..<T).map { t in
          let onDuty = model.staffing.dailyCapacity[d, t]
          return onDuty > 0 ? pace[t].map { $0 * onDuty } : nil
        },
        responseOnTime: (0..<T).map { share($0, .responseMet, .responseMissed) },
        resolutionOnTime: (0..<T).map { share($0, .resolutionMet, .resolutionMissed) },
        responseDeadlines: (0..<T).map { t in
          Double(r.dailyOnTime[d, t].responseMet + r.dailyOnTime[d, t].responseMissed) / n
        })
    }
  }

  /// `workday 08:30, 14:30; weekend 09:00; ...` (make-up workdays and holidays when they differ).
  static func describe(_ checks: [DayKind: [Int]]) -> String {
    describe(checks) { $0.rawValue }
  }

  /// The check times per day kind, `workday 08:30, 14:30; weekend 10:00`, with the day kinds named
  /// by `kindName` (a make-up workday like a workday, a holiday like a weekend, are left out).
  package static func describe(_ checks: [DayKind: [Int]], kindName: (DayKind) -> String) -> String {
    DayKind.allCases.compactMap { kind -> String? in
      let times = checks[kind] ?? []
      if kind == .makeupWorkday, times == checks[.workday] ?? [] { return nil }
      if kind == .holiday, times == checks[.weekend] ?? [] { return nil }
      return kindName(kind) + " "
        + (times.isEmpty ? "none" : times.map(OfficeHours.clock).joined(separator: ", "))
    }.joined(separator: "; ")
  }
}
