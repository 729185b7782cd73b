/// A model's replications reduced as they arrive: everything ``Summary`` and the target checks
/// take from them, in memory that does not grow with their number.
///
/// Results are added in replication order (``Experiment/reduce(model:replications:seed:jobs:progress:)``
/// keeps that order whatever the number of jobs, and `gridsim merge` reads the slices in order),
/// so a summary is the same bit for bit however the replications were run.
public struct Reduction: Sendable {
  /// Estimates of one duration measure: the count and each statistic.
  struct DurationFigures: Sendable {
    var count = Estimate.Accumulator()
    var mean = Estimate.Accumulator()
    var p50 = Estimate.Accumulator()
    var p90 = Estimate.Accumulator()
    var p95 = Estimate.Accumulator()
    var max = Estimate.Accumulator()

    mutating func add(_ s: MetricSummary) {
      count.add(Double(s.count))
      mean.add(s.mean)
      p50.add(s.p50)
      p90.add(s.p90)
      p95.add(s.p95)
      max.add(s.max)
    }

    var summary: Summary.Duration {
      Summary.Duration(
        count: count.nonNegative, mean: mean.nonNegative, p50: p50.nonNegative, p90: p90.nonNegative,
        p95: p95.nonNegative, max: max.nonNegative)
    }
  }

  /// The figures of one group (a tier or the system, a category or all, a slice, a severity).
  struct Figures: Sendable {
    var durations = [DurationFigures](repeating: DurationFigures(), count: Metric.allCases.count)
    var counts = [Estimate.Accumulator](repeating: Estimate.Accumulator(), count: Counter.allCases.count)
    /// Response, resolution, satisfaction, kept from worsening, report on time, resolution rate.
    var rates = [Estimate.Accumulator](repeating: Estimate.Accumulator(), count: 6)

    static let ratePairs: [(Counter, Counter)] = [
      (.responseMet, .responseMissed), (.resolutionMet, .resolutionMissed), (.satisfied, .unsatisfied),
      (.kept, .worsened), (.reportMet, .reportMissed),
    ]

    mutating func add(metric: (Metric) -> MetricSummary, count: (Counter) -> Int) {
      for m in Metric.allCases { durations[m.rawValue].add(metric(m)) }
      for c in Counter.allCases { counts[c.rawValue].add(Double(count(c))) }
      for (i, (met, missed)) in Self.ratePairs.enumerated() {
        let (a, b) = (count(met), count(missed))
        rates[i].add(a + b > 0 ? Double(a) / Double(a + b) : nil)
      }
      let appeared = count(.appeared)
      rates[5].add(appeared > 0 ? Double(count(.closed)) / Double(appeared) : nil)
    }

    var summary: Summary.Figures {
      let share = rates.map { $0.estimate(within: 0...1) }
      return Summary.Figures(
        durations: durations.map(\.summary), counts: counts.map(\.nonNegative), responseOnTime: share[0],
        resolutionOnTime: share[1], satisfaction: share[2], keptFromWorsening: share[3],
        reportOnTime: share[4], resolutionRate: share[5])
    }
  }

  package private(set) var replications = 0
  var events = 0
  /// `[group row, category]`, the column `categoryCount` for all categories (as in
  /// ``ReplicationResult/metrics``).
  var groups: Table<Figures>
  var severities: [Figures]
  var segments: [Figures]
  /// Per tier.
  var utilization: [Estimate.Accumulator]
  var openAtEnd: [Estimate.Accumulator]
  var backlogMean: [Estimate.Accumulator]
  var backlogMax: [Estimate.Accumulator]
  var responseBins: [[Int]]
  /// Visits ended and busy staff-minutes over the measured days (the tier's pace).
  var paceDone: [Int]
  var paceBusy: [Double]
  /// Per role, numbered across tiers: its share of its tier's on-duty time, and how busy its own
  /// people were (``ReplicationResult/roleShare``, ``ReplicationResult/roleUtilization``).
  var roleShare: [Estimate.Accumulator]
  var roleUtilization: [Estimate.Accumulator]
  /// `[segment, tier]`.
  var segmentUtilization: Table<Estimate.Accumulator>
  var segmentBacklog: Table<Estimate.Accumulator>
  /// Per channel, over the period.
  var channelDetection: [DurationFigures]
  var channelResponse: [DurationFigures]
  /// `[day, tier]`: sums over the replications.
  var dailyArrivals: Table<Int>
  var dailyDone: Table<Int>
  var dailyBacklog: Table<Int>
  var dailyOnTime: Table<OnTimeCounts>
  var dailyUtilization: Table<Estimate.Accumulator>
  /// Per unit: misses named in all, and the replications that named it.
  var unitNamed: [Int]
  var unitNamedIn: [Int]
  /// Per target of the scenario: its measure's value (nil where the model lacks its tier or
  /// category: then no value is ever added).
  var targets: [Estimate.Accumulator]
  private let targetLocations: [(measure: Measure, location: Measure.Location)?]
  private let segmentDays: [[Int]]

  /// An empty reduction for the replications of `model`.
  package init(model: Model) {
    let (T, C, days) = (model.tierCount, model.categoryCount, model.dayCount)
    let none = Estimate.Accumulator()
    groups = Table(rows: T + 1, columns: C + 1, repeating: Figures())
    severities = Array(repeating: Figures(), count: model.severityColumns)
    segments = Array(repeating: Figures(), count: model.segmentNames.count)
    utilization = Array(repeating: none, count: T)
    openAtEnd = utilization
    backlogMean = utilization
    backlogMax = utilization
    responseBins = Array(repeating: Array(repeating: 0, count: CoarseHistogram.edges.count), count: T)
    paceDone = Array(repeating: 0, count: T)
    paceBusy = Array(repeating: 0, count: T)
    roleShare = []
    roleUtilization = []
    segmentUtilization = Table(rows: model.segmentNames.count, columns: T, repeating: none)
    segmentBacklog = segmentUtilization
    channelDetection = Array(repeating: DurationFigures(), count: model.scenario.demand.channels.count)
    channelResponse = channelDetection
    dailyArrivals = Table(rows: days, columns: T, repeating: 0)
    dailyDone = dailyArrivals
    dailyBacklog = dailyArrivals
    dailyOnTime = Table(rows: days, columns: T, repeating: OnTimeCounts())
    dailyUtilization = Table(rows: days, columns: T, repeating: none)
    unitNamed = Array(repeating: 0, count: model.unitNames.count)
    unitNamedIn = unitNamed
    targets = Array(repeating: none, count: model.scenario.targets.count)
    targetLocations = model.scenario.targets.map { t in t.measure.location(in: model).map { (t.measure, $0) }
    }
    segmentDays = model.segmentDays
  }

  /// Adds the next replication's result (replications must come in their order).
  package mutating func add(_ r: ReplicationResult) {
    replications += 1
    events += r.events
    let (T, C) = (r.tierCount, r.categoryCount)
    for row in 0...T {
      let group: Group = row == T ? .system : .tier(row)
      for c in 0...C {
        let category = c == C ? nil : c
        groups[row, c].add(
          metric: { r.metric($0, group: group, category: category) },
          count: { r.count($0, group: group, category: category) })
      }
    }
    for v in severities.indices {
      severities[v].add(
        metric: { r.severityMetrics[v][$0.rawValue] }, count: { r.severityCounts[v][$0.rawValue] })
    }
    for s in segments.indices {
      segments[s].add(metric: { r.metric($0, segment: s) }, count: { r.count($0, segment: s) })
      for t in 0..<T {
        segmentUtilization[s, t].add(r.utilization(tier: t, days: segmentDays[s]))
        segmentBacklog[s, t].add(r.backlog(tier: t, days: segmentDays[s])?.mean)
      }
    }
    for t in 0..<T {
      utilization[t].add(r.utilization[t])
      openAtEnd[t].add(Double(r.openAtEnd[t]))
      let backlog = r.backlog(tier: t)
      backlogMean[t].add(backlog?.mean)
      backlogMax[t].add(backlog?.max)
      for b in responseBins[t].indices { responseBins[t][b] += r.responseBins[t][b] }
      for d in r.firstMeasuredDay..<dailyDone.rows {
        paceDone[t] += r.dailyDone[d, t]
        paceBusy[t] += r.dailyBusy[d, t]
      }
    }
    if roleUtilization.isEmpty {
      roleShare = Array(repeating: Estimate.Accumulator(), count: r.roleShare.count)
      roleUtilization = Array(repeating: Estimate.Accumulator(), count: r.roleUtilization.count)
    }
    for i in roleUtilization.indices {
      roleShare[i].add(r.roleShare[i])
      roleUtilization[i].add(r.roleUtilization[i])
    }
    for ch in channelDetection.indices {
      channelDetection[ch].add(r.channelDetection[ch, 0])
      channelResponse[ch].add(r.channelResponse[ch, 0])
    }
    for d in 0..<dailyArrivals.rows {
      for t in 0..<T {
        dailyArrivals[d, t] += r.dailyArrivals[d, t]
        dailyDone[d, t] += r.dailyDone[d, t]
        dailyBacklog[d, t] += r.dailyBacklog[d, t]
        for outcome in DailyOutcome.allCases { dailyOnTime[d, t][outcome] += r.dailyOnTime[d, t][outcome] }
        dailyUtilization[d, t].add(r.dailyUtilization[d, t])
      }
    }
    for u in unitNamed.indices where r.unitNamed[u] > 0 {
      unitNamed[u] += r.unitNamed[u]
      unitNamedIn[u] += 1
    }
    for (i, target) in targetLocations.enumerated() {
      guard let target else { continue }
      targets[i].add(target.measure.value(in: r, at: target.location))
    }
  }

  /// The reduction of `results`, in their order.
  package init(model: Model, results: [ReplicationResult]) {
    self.init(model: model)
    for r in results { add(r) }
  }
}
