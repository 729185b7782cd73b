/// Summary figures of one duration measure in one replication; nil where nothing was observed.
package struct MetricSummary: Sendable, Equatable {
  /// Number of observations.
  package var count: Int
  /// Mean, minutes.
  package var mean: Double?
  /// Median, minutes.
  package var p50: Double?
  /// 90th percentile, minutes.
  package var p90: Double?
  /// 95th percentile, minutes.
  package var p95: Double?
  /// Largest, minutes.
  package var max: Double?

  /// The summary of `stats`; without `quantiles`, its count, mean and largest value only (the
  /// percentiles nil: ``ResultScope/quantiles``).
  init(_ stats: StreamingStats, quantiles: Bool = true) {
    count = stats.count
    mean = stats.mean
    if quantiles {
      let quantiles = stats.quantiles(0.5, 0.9, 0.95)
      (p50, p90, p95) = (quantiles[0], quantiles[1], quantiles[2])
    }
    max = stats.count > 0 ? stats.max : nil
  }
}

/// What one replication measured, reduced to figures (the histograms are not kept).
///
/// ``metrics`` and ``counts`` are laid out `[group row, category]`: a group's row is its tier, or
/// `tierCount` for the whole system (``Group/row(tierCount:)``), and the column `categoryCount`
/// stands for all categories; read them with ``metric(_:group:category:)`` and
/// ``count(_:group:category:)``.
package struct ReplicationResult: Sendable {
  /// Number of tiers and categories the result is laid out for.
  package let tierCount: Int
  package let categoryCount: Int
  /// Duration measures per group and category, indexed by ``Metric/rawValue`` within each.
  package let metrics: Table<[MetricSummary]>
  /// Counts per group and category, indexed by ``Counter/rawValue`` within each.
  package let counts: Table<[Int]>
  /// Staff utilization per tier after the warm-up (busy staff-time over staff-time); nil without staff.
  package let utilization: [Double?]
  /// Per tier role (numbered across tiers, a tier's roles in order) after the warm-up: the role's
  /// busy staff-time over its tier's on-duty staff-time (its share of the tier's time; over the
  /// tier's roles they sum to the tier's utilization); nil when the tier had none on duty.
  package let roleShare: [Double?]
  /// Per tier role after the warm-up: its busy staff-time over the staff-time of those who may
  /// take its items (its own staff, or in a unit whose people cover its roles in turn, all of
  /// them): how busy the role's people were, at most 100%; nil when none could.
  package let roleUtilization: [Double?]
  /// Items present at each tier when the period ends.
  package let openAtEnd: [Int]
  /// Events processed.
  package let events: Int
  /// Per unit: resolution deadlines missed with no reply and no extension (the units named, 通报).
  package let unitNamed: [Int]
  /// `[day, tier]`: visits begun, visits ended, items present at the day's end, and utilization
  /// over the part of the day inside the period.
  package let dailyArrivals: Table<Int>
  package let dailyDone: Table<Int>
  package let dailyBacklog: Table<Int>
  package let dailyUtilization: Table<Double?>
  /// `[day, tier]`: busy staff-minutes and on-duty staff-minutes.
  package let dailyBusy: Table<Double>
  package let dailyOnDuty: Table<Double>
  /// `[day, tier]`: deadline outcomes by the day the visit began.
  package let dailyOnTime: Table<OnTimeCounts>
  /// Responses made by each tier in the bins of ``CoarseHistogram`` (all categories); all zero in
  /// a run that does not keep response's histograms (``ResultScope/quantiles``: the planner's).
  package let responseBins: [[Int]]
  /// The first day (from the period's first day, 0) that ends after the warm-up.
  package let firstMeasuredDay: Int
  /// The whole system's figures per slice (the day kinds in ``DayKind/allCases`` order, then the
  /// key-date windows; items by the day they appeared).
  package let segmentCount: Int
  package let segmentMetrics: [[MetricSummary]]
  package let segmentCounts: [[Int]]
  /// The whole system's figures for the items of each day measured on its own
  /// (``Model/measuring(days:)``), and those days.
  package let dayMetrics: [[MetricSummary]]
  package let dayCounts: [[Int]]
  package let measuredDays: Range<Int>
  /// The whole system's figures per severity (empty with a single severity).
  package let severityMetrics: [[MetricSummary]]
  package let severityCounts: [[Int]]
  /// Detection delay and first response per channel: `[channel, 0]` over the period, `[channel,
  /// 1 + slice]` in a slice.
  package let channelDetection: Table<MetricSummary>
  package let channelResponse: Table<MetricSummary>

  init(
    model: Model, recorder: borrowing Recorder, channelRecorder: borrowing Recorder, busyArea: [Double],
    busyAtWarmUp: [Double], roleShare: [Double?], roleUtilization: [Double?], openAtEnd: [Int], events: Int,
    unitNamed: [Int]
  ) {
    self.roleShare = roleShare
    self.roleUtilization = roleUtilization
    self.unitNamed = unitNamed
    let T = model.tierCount
    let C = model.categoryCount
    tierCount = T
    categoryCount = C
    // The recorder's columns: the categories, then the slices.
    let groups = (0..<T).map(Group.tier) + [.system]
    let (metrics, counts) = Self.tables(recorder, groups: groups, columns: 0..<C, withTotal: true)
    self.metrics = Table(rows: T + 1, columns: C + 1, storage: metrics)
    self.counts = Table(rows: T + 1, columns: C + 1, storage: counts)
    segmentCount = model.segmentNames.count
    (segmentMetrics, segmentCounts) = Self.tables(
      recorder, groups: [.system], columns: C..<C + segmentCount, withTotal: false)
    (dayMetrics, dayCounts) = Self.tables(
      recorder, groups: [.system], columns: model.dayColumn..<model.dayColumn + model.measuredDays.count,
      withTotal: false)
    measuredDays = model.measuredDays
    (severityMetrics, severityCounts) = Self.tables(
      recorder, groups: [.system],
      columns: model.severityColumn..<model.severityColumn + model.severityColumns, withTotal: false)
    let columns = 1 + segmentCount
    let channels = model.scenario.demand.channels.count
    let segmentMetrics = self.segmentMetrics
    let systemMetrics = self.metrics[T, C]
    /// A channel's figure: its own column, or with one channel the whole system's.
    func byChannel(_ metric: Metric, _ ch: Int, _ k: Int) -> MetricSummary {
      guard channels == 1 else {
        let quantiles = channelRecorder.keepsHistogram(metric)
        return MetricSummary(
          channelRecorder.stat(metric, group: .system, category: ch * columns + k),
          quantiles: quantiles)
      }
      return k == 0 ? systemMetrics[metric.rawValue] : segmentMetrics[k - 1][metric.rawValue]
    }
    self.channelDetection = Table(rows: channels, columns: columns) { byChannel(.detection, $0, $1) }
    self.channelResponse = Table(rows: channels, columns: columns) { byChannel(.response, $0, $1) }
    // Utilization is over the staff-time on duty after the warm-up.
    let measuredFrom = model.startMinuteOfDay + Int(model.warmUp)
    utilization = (0..<T).map { t in
      var onDuty = 0.0
      for d in 0..<model.dayCount {
        let dayStart = d * 1440
        let from = max(dayStart, model.startMinuteOfDay)
        let to = min(dayStart + 1440, model.startMinuteOfDay + Int(model.horizon.rounded(.up)))
        guard to > from else { continue }
        let share = Double(max(0, to - max(from, measuredFrom))) / Double(to - from)
        onDuty += model.staffing.dailyCapacity[d, t] * min(1, share)
      }
      return onDuty > 0 ? (busyArea[t] - busyAtWarmUp[t]) / onDuty : nil
    }
    self.openAtEnd = openAtEnd
    self.events = events
    dailyArrivals = recorder.dailyArrivals.table
    dailyDone = recorder.dailyDone.table
    dailyBacklog = recorder.dailyBacklog.table
    dailyBusy = recorder.dailyBusy.table
    dailyOnDuty = model.staffing.dailyCapacity
    dailyOnTime = recorder.dailyOnTime.table
    responseBins = (0..<T).map { t in
      var all = StreamingStats()
      if recorder.keepsHistogram(.response) {
        for c in 0..<C { all.merge(recorder.stat(.response, group: .tier(t), category: c)) }
      }
      return CoarseHistogram.fold(all)
    }
    dailyUtilization = Table(rows: model.dayCount, columns: T) { d, t in
      let onDuty = model.staffing.dailyCapacity[d, t]
      return onDuty > 0 ? recorder.dailyBusy[d, t] / onDuty : nil
    }
    firstMeasuredDay = (model.startMinuteOfDay + Int(model.warmUp)) / 1440
  }

  /// Metric and count tables per group and recorder column, with an "all" entry (the columns
  /// merged) at the end of each group when `withTotal`; quantiles of the measures whose histograms
  /// the recorder keeps.
  private static func tables(
    _ recorder: borrowing Recorder, groups: [Group], columns: Range<Int>, withTotal: Bool
  )
    -> (
      [[MetricSummary]], [[Int]]
    )
  {
    var metrics: [[MetricSummary]] = []
    var counts: [[Int]] = []
    let quantiles = Metric.allCases.map { recorder.keepsHistogram($0) }
    for group in groups {
      // Each column's records, read once: the total merges the same ones.
      let stats = columns.map { c in
        Metric.allCases.map {
          recorder.stat($0, group: group, category: c)
        }
      }
      for c in columns.lowerBound..<(withTotal ? columns.upperBound + 1 : columns.upperBound) {
        metrics.append(
          Metric.allCases.map { metric in
            let q = quantiles[metric.rawValue]
            if c < columns.upperBound {
              return MetricSummary(stats[c - columns.lowerBound][metric.rawValue], quantiles: q)
            }
            var all = StreamingStats()
            for column in stats { all.merge(column[metric.rawValue], histogram: q) }
            return MetricSummary(all, quantiles: q)
          })
        counts.append(
          Counter.allCases.map { counter in
            c < columns.upperBound
              ? recorder.count(counter, group: group, category: c)
              : columns.reduce(0) { $0 + recorder.count(counter, group: group, category: $1) }
          })
      }
    }
    return (metrics, counts)
  }

  /// The whole system's duration summary in a slice (a ``Model/segmentNames`` index).
  package func metric(_ metric: Metric, segment: Int) -> MetricSummary {
    segmentMetrics[segment][metric.rawValue]
  }

  /// A duration of the items that came by a channel (`detection` or `response`), over the period
  /// or in a slice; nil for other measures.
  package func metric(_ metric: Metric, channel: Int, segment: Int? = nil) -> MetricSummary? {
    let column = segment.map { 1 + $0 } ?? 0
    switch metric {
    case .detection: return channelDetection[channel, column]
    case .response: return channelResponse[channel, column]
    default: return nil
    }
  }

  /// The whole system's figures for the items that appeared on day `d` (from the period's first,
  /// 0), when that day is measured on its own; nil otherwise.
  package func metric(_ metric: Metric, day d: Int) -> MetricSummary? {
    measuredDays.contains(d) ? dayMetrics[d - measuredDays.lowerBound][metric.rawValue] : nil
  }

  package func count(_ counter: Counter, day d: Int) -> Int? {
    measuredDays.contains(d) ? dayCounts[d - measuredDays.lowerBound][counter.rawValue] : nil
  }

  /// The whole system's count in a slice.
  package func count(_ counter: Counter, segment: Int) -> Int {
    segmentCounts[segment][counter.rawValue]
  }

  /// The end-of-day backlog of a tier over the measured days (or those of them in `days`): its
  /// mean and its largest value; nil when no such day ends after the warm-up.
  package func backlog(tier t: Int, days: [Int]? = nil) -> (mean: Double, max: Double)? {
    let all = dailyBacklog.rows
    let measured = (days ?? Array(0..<all)).filter { $0 >= firstMeasuredDay && $0 < all }
    guard !measured.isEmpty else { return nil }
    var sum = 0
    var largest = 0
    for d in measured {
      let b = dailyBacklog[d, t]
      sum += b
      largest = Swift.max(largest, b)
    }
    return (Double(sum) / Double(measured.count), Double(largest))
  }

  /// A tier's utilization over some of the measured days (busy over on-duty staff-time); nil
  /// when nobody was on duty then.
  package func utilization(tier t: Int, days: [Int]) -> Double? {
    var busy = 0.0
    var onDuty = 0.0
    for d in days where d >= firstMeasuredDay {
      busy += dailyBusy[d, t]
      onDuty += dailyOnDuty[d, t]
    }
    return onDuty > 0 ? busy / onDuty : nil
  }

  /// The duration summary of `metric` for a group and category (nil: all categories).
  package func metric(_ metric: Metric, group: Group, category: Int? = nil) -> MetricSummary {
    metrics[group.row(tierCount: tierCount), category ?? categoryCount][metric.rawValue]
  }

  /// A count for a group and category (nil: all categories).
  package func count(_ counter: Counter, group: Group, category: Int? = nil) -> Int {
    counts[group.row(tierCount: tierCount), category ?? categoryCount][counter.rawValue]
  }
}
