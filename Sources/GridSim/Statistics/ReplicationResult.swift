/// Summary figures of one duration measure in one replication; nil where nothing was observed.
public struct MetricSummary: Sendable, Equatable {
  /// Number of observations.
  public var count: Int
  /// Mean, minutes.
  public var mean: Double?
  /// Median, minutes.
  public var p50: Double?
  /// 90th percentile, minutes.
  public var p90: Double?
  /// 95th percentile, minutes.
  public var p95: Double?
  /// Largest, minutes.
  public var max: Double?

  init(_ stats: StreamingStats) {
    count = stats.count
    mean = stats.mean
    p50 = stats.quantile(0.5)
    p90 = stats.quantile(0.9)
    p95 = stats.quantile(0.95)
    max = stats.count > 0 ? stats.max : nil
  }
}

/// What one replication measured, reduced to figures (the histograms are not kept).
///
/// Groups are indexed `group * (categories + 1) + category`, where `group` is a tier index or
/// `tiers` for the whole system, and `category == categories` stands for all categories.
public struct ReplicationResult: Sendable {
  /// Number of tiers and categories the result is laid out for.
  public let tierCount: Int
  public let categoryCount: Int
  /// Duration measures per group, indexed by ``Metric/rawValue`` within each group.
  public let metrics: [[MetricSummary]]
  /// Counts per group, indexed by ``Counter/rawValue`` within each group.
  public let counts: [[Int]]
  /// Staff utilization per tier after the warm-up (busy staff-time over staff-time); nil without staff.
  public let utilization: [Double?]
  /// Items present at each tier when the period ends.
  public let openAtEnd: [Int]
  /// Events processed.
  public let events: Int
  /// Per day and tier (`day * tiers + tier`): visits begun, visits ended, items present at the day's
  /// end, and utilization over the part of the day inside the period.
  public let dailyArrivals: [Int]
  public let dailyDone: [Int]
  public let dailyBacklog: [Int]
  public let dailyUtilization: [Double?]
  /// The first day (from the period's first day, 0) that ends after the warm-up.
  public let firstMeasuredDay: Int

  init(
    model: Model, recorder: Recorder, busyArea: [Double], busyAtWarmUp: [Double], openAtEnd: [Int],
    events: Int
  ) {
    let T = model.tierCount
    let C = model.categoryCount
    tierCount = T
    categoryCount = C
    var metrics: [[MetricSummary]] = []
    var counts: [[Int]] = []
    for g in 0...T {
      for c in 0...C {
        metrics.append(
          Metric.allCases.map { metric in
            if c < C { return MetricSummary(recorder.stat(metric, group: g, category: c)) }
            var all = StreamingStats()
            for k in 0..<C { all.merge(recorder.stat(metric, group: g, category: k)) }
            return MetricSummary(all)
          })
        counts.append(
          Counter.allCases.map { counter in
            c < C
              ? recorder.count(counter, group: g, category: c)
              : (0..<C).reduce(0) { $0 + recorder.count(counter, group: g, category: $1) }
          })
      }
    }
    self.metrics = metrics
    self.counts = counts
    let measured = model.horizon - model.warmUp
    utilization = (0..<T).map { t in
      let staff = Double(model.tierStaff[t])
      return staff > 0 && measured > 0 ? (busyArea[t] - busyAtWarmUp[t]) / (staff * measured) : nil
    }
    self.openAtEnd = openAtEnd
    self.events = events
    dailyArrivals = recorder.dailyArrivals
    dailyDone = recorder.dailyDone
    dailyBacklog = recorder.dailyBacklog
    var dailyUtilization: [Double?] = []
    for d in 0..<model.dayCount {
      let from = max(0, Double(d * 1440 - model.startMinuteOfDay))
      let to = min(model.horizon, Double((d + 1) * 1440 - model.startMinuteOfDay))
      for t in 0..<T {
        let staff = Double(model.tierStaff[t])
        dailyUtilization.append(
          staff > 0 && to > from ? recorder.dailyBusy[d * T + t] / (staff * (to - from)) : nil)
      }
    }
    self.dailyUtilization = dailyUtilization
    firstMeasuredDay = (model.startMinuteOfDay + Int(model.warmUp)) / 1440
  }

  /// The end-of-day backlog of a tier over the measured days: its mean and its largest value; nil
  /// when no day ends after the warm-up.
  public func backlog(tier t: Int) -> (mean: Double, max: Double)? {
    let days = dailyBacklog.count / tierCount
    guard firstMeasuredDay < days else { return nil }
    var sum = 0
    var largest = 0
    for d in firstMeasuredDay..<days {
      let b = dailyBacklog[d * tierCount + t]
      sum += b
      largest = Swift.max(largest, b)
    }
    return (Double(sum) / Double(days - firstMeasuredDay), Double(largest))
  }

  /// The duration summary of `metric` for a tier (or `tierCount` for overall) and category (or nil for all).
  public func metric(_ metric: Metric, group: Int, category: Int? = nil) -> MetricSummary {
    metrics[group * (categoryCount + 1) + (category ?? categoryCount)][metric.rawValue]
  }

  /// A count for a tier (or `tierCount` for overall) and category (or nil for all).
  public func count(_ counter: Counter, group: Int, category: Int? = nil) -> Int {
    counts[group * (categoryCount + 1) + (category ?? categoryCount)][counter.rawValue]
  }
}
