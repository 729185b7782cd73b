/// The measures of a scenario across its replications: means with 95% intervals.
///
/// Durations here are in minutes; reports convert them (the JSON summary uses hours, in keys that
/// say so). A figure is nil when no replication observed it (no item of that category, say).
public struct Summary: Sendable {
  /// Estimates of one duration measure.
  public struct Duration: Sendable, Equatable {
    /// Observations per replication.
    public var count: Estimate?
    public var mean: Estimate?
    public var p50: Estimate?
    public var p90: Estimate?
    public var p95: Estimate?
    public var max: Estimate?
  }

  /// The measures of one tier (or the whole system) for one category (or all).
  public struct Figures: Sendable {
    /// Duration measures, indexed by ``Metric/rawValue``.
    public var durations: [Duration]
    /// Counts per replication, indexed by ``Counter/rawValue``.
    public var counts: [Estimate?]
    /// Share of responses made within their deadline, 0-1; nil when no deadline applied.
    public var responseOnTime: Estimate?
    /// Share of resolutions made within their deadline, 0-1; nil when no deadline applied.
    public var resolutionOnTime: Estimate?
    /// The workflow's shares, 0-1: satisfied callbacks, watched opinion kept from worsening,
    /// skip-level reports on time; nil when nothing of the kind happened.
    public var satisfaction: Estimate?
    public var keptFromWorsening: Estimate?
    public var reportOnTime: Estimate?
    /// Items closed over items that appeared (whole system only; nil for a tier).
    public var resolutionRate: Estimate?

    /// The estimate of a duration measure.
    public func duration(_ metric: Metric) -> Duration { durations[metric.rawValue] }
    /// The estimate of a count.
    public func count(_ counter: Counter) -> Estimate? { counts[counter.rawValue] }
  }

  /// One tier's figures.
  public struct Tier: Sendable {
    public var id: String
    public var name: String
    public var staff: Int
    public var units: Int
    /// Staff utilization after the warm-up, 0-1.
    public var utilization: Estimate?
    /// Per role, for a tier with `roles`: its staff's utilization after the warm-up (busy over
    /// on-duty staff-time of that role across the tier's units), where the bottleneck shows.
    public var roles: [(id: String, utilization: Estimate?)]
    /// Items present at the end of the period.
    public var openAtEnd: Estimate?
    /// Items present at the end of each day, averaged over the days after the warm-up.
    public var backlogMean: Estimate?
    /// Largest end-of-day backlog after the warm-up.
    public var backlogMax: Estimate?
    /// Responses made here per bin of ``CoarseHistogram``, per replication (all categories).
    public var responseBins: [Double]
    /// The tier's own response deadline (categories may set their own, listed in
    /// `responseDeadlineExceptions`), with how long it lasts in elapsed time.
    public var responseDeadline: DeadlineMark?
    public var responseDeadlineExceptions: [(category: String, deadline: DeadlineSpec)]
    /// All categories together.
    public var all: Figures
    /// Per category, in the scenario's order.
    public var byCategory: [Figures]
  }

  /// One day's figures per tier, averaged over replications.
  public struct Day: Sendable {
    /// The local date.
    public var date: String
    /// True when the day is (partly) inside the warm-up.
    public var warmUp: Bool
    /// Per tier: visits begun, visits ended, items present at the day's end, utilization (nil without staff).
    public var arrivals: [Double]
    public var done: [Double]
    public var backlog: [Double]
    public var utilization: [Double?]
    /// The day's kind, and the key-date window it is in.
    public var kind: DayKind
    public var window: String?
    /// Per tier: visits the on-duty staff could finish in the day at the tier's observed pace
    /// (visits ended per busy staff-minute over the measured days); nil without staff on duty.
    public var capacity: [Double?]
    /// Per tier: the share of the deadlines of visits begun that day that were met, pooled over
    /// replications; nil when no such deadline fell due.
    public var responseOnTime: [Double?]
    public var resolutionOnTime: [Double?]
    /// Per tier: response deadlines of visits begun that day (met or missed), per replication.
    public var responseDeadlines: [Double]
  }

  /// The whole system's figures for the items that appeared on some days (a day kind or a
  /// key-date window), and each tier's utilization and backlog over those days.
  public struct Slice: Sendable {
    public var name: String
    /// True for a key-date window, false for a day kind.
    public var isWindow: Bool
    /// Days of the period in the slice, and how many are measured (after the warm-up).
    public var days: Int
    public var measuredDays: Int
    public var overall: Figures
    public var utilization: [Estimate?]
    public var backlogMean: [Estimate?]
  }

  /// An arrival channel: how long its items waited to be seen, and to be answered (clock time).
  public struct Channel: Sendable {
    public var id: String
    public var name: String
    /// Nil when watched continuously; `checks` the check times (minutes of the day) per day kind.
    public var monitoring: String?
    public var checks: [DayKind: [Int]]?
    public var detection: Duration
    public var response: Duration
  }

  public var scenarioName: String
  public var description: String
  /// The scenario's report language.
  public var language: Scenario.Language
  public var replications: Int
  public var seed: UInt64
  public var start: LocalDateTime
  public var end: LocalDateTime
  public var warmUp: TimeSpan
  public var categories: [(id: String, name: String)]
  public var tiers: [Tier]
  /// The whole system, all categories.
  public var overall: Figures
  /// The whole system per category.
  public var overallByCategory: [Figures]
  /// True when some deadline counts working time (it pauses over days off).
  public var workingTimeDeadlines: Bool
  /// The whole system per severity, with the severities' ids and names (empty with one severity).
  public var severities: [(id: String, name: String)]
  public var overallBySeverity: [Figures]
  public var days: [Day]
  /// Events processed, all replications together.
  public var events: Int
  /// The scenario's targets, judged.
  public var targets: [TargetOutcome]
  /// Day kinds that occur in the period, then the key-date windows.
  public var slices: [Slice]
  /// Channels (one, seen at once, unless the scenario lists its own).
  public var channels: [Channel]
  /// True when the scenario uses the workflow (stages, roles or the policy's rules): reports then
  /// show its measures.
  public var usesWorkflow: Bool
  /// The policy preset, its name and source, when the scenario names one.
  public var policy: (preset: String?, name: String?, source: String?)
  /// Units that missed a resolution deadline with no reply and no extension (通报), most first.
  public var namedUnits: [NamedUnit]

  /// A unit on the overdue list.
  public struct NamedUnit: Sendable {
    public var unit: String
    public var tier: String
    /// Misses per replication, and the share of replications in which it was named.
    public var perReplication: Double
    public var replicationShare: Double
  }

  /// Summarizes the replications of a model.
  public init(model: Model, results: [ReplicationResult], seed: UInt64) {
    let scenario = model.scenario
    let T = model.tierCount
    let C = model.categoryCount
    scenarioName = scenario.name
    description = scenario.description
    language = scenario.language
    replications = results.count
    self.seed = seed
    start = scenario.period.start
    end = scenario.period.end
    warmUp = scenario.period.warmUp
    categories = scenario.demand.categories.map { ($0.id, $0.name) }
    events = results.reduce(0) { $0 + $1.events }
    usesWorkflow = model.workflow.isFull
    policy = (scenario.policy.preset, scenario.policy.name, scenario.policy.source)
    namedUnits = model.unitNames.indices.compactMap { u -> NamedUnit? in
      let total = results.reduce(0) { $0 + $1.unitNamed[u] }
      guard total > 0 else { return nil }
      let named = results.filter { $0.unitNamed[u] > 0 }.count
      return NamedUnit(
        unit: model.unitNames[u], tier: scenario.tiers[model.unitTier[u]].name,
        perReplication: Double(total) / Double(results.count),
        replicationShare: Double(named) / Double(results.count))
    }.sorted { $0.perReplication > $1.perReplication }
    targets = scenario.targets.map { $0.evaluate(results, model: model) }

    func duration(_ s: [MetricSummary]) -> Duration {
      Duration(
        count: Estimate.nonNegative(s.map { Double($0.count) }), mean: Estimate.nonNegative(s.map(\.mean)),
        p50: Estimate.nonNegative(s.map(\.p50)),
        p90: Estimate.nonNegative(s.map(\.p90)), p95: Estimate.nonNegative(s.map(\.p95)),
        max: Estimate.nonNegative(s.map(\.max)))
    }
    func group(
      metric: (ReplicationResult, Metric) -> MetricSummary, count: (ReplicationResult, Counter) -> Int
    ) -> Figures {
      let durations = Metric.allCases.map { m in duration(results.map { metric($0, m) }) }
      let counts = Counter.allCases.map { counter in
        Estimate.nonNegative(results.map { Double(count($0, counter)) })
      }
      func rate(_ met: Counter, _ missed: Counter) -> Estimate? {
        Estimate.within(
          0...1,
          results.map { r -> Double? in
            let a = count(r, met)
            let b = count(r, missed)
            return a + b > 0 ? Double(a) / Double(a + b) : nil
          })
      }
      return Figures(
        durations: durations, counts: counts, responseOnTime: rate(.responseMet, .responseMissed),
        resolutionOnTime: rate(.resolutionMet, .resolutionMissed),
        satisfaction: rate(.satisfied, .unsatisfied),
        keptFromWorsening: rate(.kept, .worsened), reportOnTime: rate(.reportMet, .reportMissed),
        resolutionRate: Estimate.within(
          0...1,
          results.map { r -> Double? in
            let appeared = count(r, .appeared)
            return appeared > 0 ? Double(count(r, .closed)) / Double(appeared) : nil
          }))
    }
    func group(_ g: Group, _ c: Int?) -> Figures {
      group(metric: { $0.metric($1, group: g, category: c) }, count: { $0.count($1, group: g, category: c) })
    }

    let firstMeasuredDay = (model.startMinuteOfDay + Int(model.warmUp)) / 1440
    let n = Double(max(results.count, 1))
    tiers = (0..<T).map { t in
      let tier = scenario.tiers[t]
      let backlogs = results.map { $0.backlog(tier: t) }
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
        utilization: Estimate.nonNegative(results.map { $0.utilization[t] }),
        roles: tier.roles.indices.map { r in
          (
            tier.roles[r].id,
            Estimate.nonNegative(results.map { $0.roleUtilization[model.workflow.roleOffset[t] + r] })
          )
        },
        openAtEnd: Estimate.nonNegative(results.map { Double($0.openAtEnd[t]) }),
        backlogMean: Estimate.nonNegative(backlogs.map { $0?.mean }),
        backlogMax: Estimate.nonNegative(backlogs.map { $0?.max }),
        responseBins: CoarseHistogram.edges.indices.map { b in
          Double(results.reduce(0) { $0 + $1.responseBins[t][b] }) / n
        },
        responseDeadline: deadline.map { DeadlineMark($0, tier: t, model: model) },
        responseDeadlineExceptions: exceptions,
        all: group(.tier(t), nil), byCategory: (0..<C).map { group(.tier(t), $0) })
    }
    overall = group(.system, nil)
    overallByCategory = (0..<C).map { group(.system, $0) }
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
    overallBySeverity = severities.indices.map { v in
      group(metric: { $0.severityMetrics[v][$1.rawValue] }, count: { $0.severityCounts[v][$1.rawValue] })
    }

    slices = model.segmentNames.indices.compactMap { s in
      let days = model.segmentDays[s]
      let isWindow = s >= DayKind.allCases.count
      guard isWindow || !days.isEmpty else { return nil }
      return Slice(
        name: model.segmentNames[s], isWindow: isWindow, days: days.count,
        measuredDays: days.filter { $0 >= firstMeasuredDay }.count,
        overall: group(metric: { $0.metric($1, segment: s) }, count: { $0.count($1, segment: s) }),
        utilization: (0..<T).map { t in
          Estimate.nonNegative(results.map { $0.utilization(tier: t, days: days) })
        },
        backlogMean: (0..<T).map { t in
          Estimate.nonNegative(results.map { $0.backlog(tier: t, days: days)?.mean })
        })
    }
    channels = scenario.demand.channels.enumerated().map { i, channel in
      Channel(
        id: channel.id, name: channel.name, monitoring: channel.checks.map(Self.describe),
        checks: channel.checks,
        detection: duration(results.map { $0.channelDetection[i, 0] }),
        response: duration(results.map { $0.channelResponse[i, 0] }))
    }

    let startDay = scenario.period.start.dayNumber
    // Each tier's pace: visits ended per busy staff-minute over the measured days.
    let pace = (0..<T).map { t -> Double? in
      var done = 0
      var busy = 0.0
      for r in results {
        for d in r.firstMeasuredDay..<model.dayCount {
          done += r.dailyDone[d, t]
          busy += r.dailyBusy[d, t]
        }
      }
      return busy > 0 ? Double(done) / busy : nil
    }
    days = (0..<model.dayCount).map { d in
      let date = LocalDateTime(minutes: Int64(startDay + d) * 1440).dateDescription
      func mean(_ pick: (ReplicationResult) -> Int) -> Double {
        Double(results.reduce(0) { $0 + pick($1) }) / n
      }
      func share(_ t: Int, _ met: DailyOutcome, _ missed: DailyOutcome) -> Double? {
        let a = results.reduce(0) { $0 + $1.dailyOnTime[d, t][met] }
        let b = results.reduce(0) { $0 + $1.dailyOnTime[d, t][missed] }
        return a + b > 0 ? Double(a) / Double(a + b) : nil
      }
      return Day(
        date: date,
        warmUp: d < firstMeasuredDay
          || (d == firstMeasuredDay && model.warmUp > 0
            && (model.startMinuteOfDay + Int(model.warmUp)) % 1440 != 0),
        arrivals: (0..<T).map { t in mean { $0.dailyArrivals[d, t] } },
        done: (0..<T).map { t in mean { $0.dailyDone[d, t] } },
        backlog: (0..<T).map { t in mean { $0.dailyBacklog[d, t] } },
        utilization: (0..<T).map { t in Estimate(results.map { $0.dailyUtilization[d, t] })?.mean },
        kind: DayKind.allCases[Int(model.dayKindSegment[d])],
        window: model.dayWindowSegment[d].map { model.segmentNames[Int($0)] },
        capacity: (0..<T).map { t in
          let onDuty = model.staffing.dailyCapacity[d, t]
          return onDuty > 0 ? pace[t].map { $0 * onDuty } : nil
        },
        responseOnTime: (0..<T).map { share($0, .responseMet, .responseMissed) },
        resolutionOnTime: (0..<T).map { share($0, .resolutionMet, .resolutionMissed) },
        responseDeadlines: (0..<T).map { t in
          mean { $0.dailyOnTime[d, t].responseMet + $0.dailyOnTime[d, t].responseMissed }
        })
    }
  }

  /// `workday 08:30, 14:30; weekend 09:00; ...` (make-up workdays and holidays when they differ).
  static func describe(_ checks: [DayKind: [Int]]) -> String {
    describe(checks) { $0.rawValue }
  }

  /// The check times per day kind, `workday 08:30, 14:30; weekend 10:00`, with the day kinds named
  /// by `kindName` (a make-up workday like a workday, a holiday like a weekend, are left out).
  public static func describe(_ checks: [DayKind: [Int]], kindName: (DayKind) -> String) -> String {
    DayKind.allCases.compactMap { kind -> String? in
      let times = checks[kind] ?? []
      if kind == .makeupWorkday, times == checks[.workday] ?? [] { return nil }
      if kind == .holiday, times == checks[.weekend] ?? [] { return nil }
      return kindName(kind) + " "
        + (times.isEmpty ? "none" : times.map(OfficeHours.clock).joined(separator: ", "))
    }.joined(separator: "; ")
  }
}
