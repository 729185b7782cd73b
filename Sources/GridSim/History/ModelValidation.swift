import Foundation

/// A scenario checked against what happened: the same measures taken from a work-order log and
/// from each replication's ledger, over the days the log covers, side by side. The log is one
/// history, so it is judged against the spread of single replications (the 2.5% to 97.5% range of
/// their values), not against the interval of their mean.
package struct ModelValidation: Sendable {
  /// What a measure counts in.
  package enum Unit: Sendable { case minutes, share, items }

  /// One measure: the log's value and the replications'.
  package struct Row: Sendable {
    package var measure: String
    /// A tier id, or nil for the whole system.
    package var tier: String?
    /// The whole log, a key-date window's name, or a week (`week of 2026-03-02`).
    package var slice: String
    /// The slices' order: the whole log, the windows, then the weeks.
    var sliceOrder: Int
    package var unit: Unit
    package var observed: Double?
    /// Mean of the replications with its 95% interval.
    package var simulated: Estimate?
    /// The replications' range (``range(_:)``): about their 2.5% and 97.5% quantiles; nil (the
    /// measure not judged) when some replication has no value for it.
    package var low: Double?
    package var high: Double?

    /// Nil when either side has no value.
    package var within: Bool? {
      guard let observed, let low, let high else { return nil }
      return observed >= low - 1e-9 && observed <= high + 1e-9
    }
  }

  package var rows: [Row] = []

  /// The replications' range: from the j-th smallest to the j-th largest value, j the largest with
  /// 2j/(n+1) ≤ 5% (at least 1). When the model is right, the log is one more history like the
  /// replications, and falls outside this range with probability exactly ``outsideChance``
  /// (2j/(n+1): 9.5% with 20 replications, 4.9% with 40, 5% with 199).
  static func rank(_ n: Int) -> Int { max(1, Int((0.025 * Double(n + 1)).rounded(.down))) }

  static func range(_ sorted: [Double]) -> (Double?, Double?) {
    guard !sorted.isEmpty else { return (nil, nil) }
    let j = rank(sorted.count)
    return (sorted[j - 1], sorted[sorted.count - j])
  }

  /// The chance that a right model's measure falls outside its range.
  package var outsideChance: Double { 2 * Double(Self.rank(replications)) / Double(replications + 1) }

  /// Measures judged (with a value on both sides), and those outside the replications' range.
  package var judged: Int { rows.count { $0.within != nil } }
  package var outside: Int { rows.count { $0.within == false } }

  /// The most measures that fall outside their range by chance alone, 95% of the time, when the
  /// model is right: the 0.95 quantile of Binomial(judged, ``outsideChance``) (measures taken as
  /// independent). More than this, and the model does not match the log.
  package var allowedOutside: Int { Self.binomialQuantile(n: judged, p: outsideChance, q: 0.95) }

  /// True when no more measures fall outside than chance allows.
  package var consistent: Bool { outside <= allowedOutside }

  /// The smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p).
  static func binomialQuantile(n: Int, p: Double, q: Double) -> Int {
    guard n > 0, p < 1 else { return max(0, n) }
    var term = pow(1 - p, Double(n))  // P(X = 0)
    var sum = term
    var k = 0
    while sum < q, k < n {
      term *= Double(n - k) / Double(k + 1) * p / (1 - p)
      k += 1
      sum += term
    }
    return k
  }
  /// The first day measured (day number) and the daily series: the log's arrivals and end-of-day
  /// backlog, and the replications' mean with their 2.5%-97.5% range.
  package var firstDay = 0
  package var observedArrivals: [Double] = []
  package var simulatedArrivals: [(mean: Double, low: Double, high: Double)] = []
  package var observedBacklog: [Double] = []
  package var simulatedBacklog: [(mean: Double, low: Double, high: Double)] = []
  package var replications = 0
  /// Items of the log measured (inside the period, after the warm-up).
  package var observedItems = 0

  /// Measures `log` and `replications` runs of `model` (at most `jobs` at once; the figures do not
  /// depend on it) over the days the log covers inside the measured period.
  package static func run(log: WorkOrderLog, model: Model, replications: Int, seed: UInt64, jobs: Int) async
    -> ModelValidation
  {
    let period = model.scenario.period
    let logged = log.entries.filter { e in
      !e.followUp && (e.detected.map { $0 >= period.warmUp.minutes && $0 < period.length.minutes } ?? false)
    }
    let days = logged.map { period.day(atMinute: $0.detected!) }
    guard let first = days.min(), let last = days.max() else { return ModelValidation() }
    let span = first...last
    let observed = Measures(logged, model: model, days: span)
    // Each replication's ledger is measured where it is made, and dropped.
    let runs = await Experiment.map(replications: 0..<replications, jobs: jobs) { r in
      var simulation = Simulation(model: model, seed: seed, replication: r, ledger: true)
      _ = simulation.run()
      let entries = (simulation.ledger?.entries ?? []).filter { e in
        e.counted && !e.followUp && e.detected.map { span.contains(period.day(atMinute: $0)) } == true
      }
      return Measures(entries, model: model, days: span)
    }
    var validation = ModelValidation(observed: observed, runs: runs, model: model, span: span)
    validation.observedItems = logged.count
    return validation
  }

  init() {}

  init(observed: Measures, runs: [Measures], model: Model, span: ClosedRange<Int>) {
    let scenario = model.scenario
    firstDay = span.lowerBound
    replications = runs.count
    for (key, value) in observed.values {
      let values = runs.compactMap { $0.values[key] }
      var row = Row(
        measure: key.measure, tier: key.tier.map { scenario.tiers[$0].id }, slice: key.slice ?? "whole log",
        sliceOrder: key.sliceOrder, unit: key.unit, observed: value)
      if !values.isEmpty {
        row.simulated = Estimate(values.map { Optional($0) })
        // Judged only when every replication has a value: the range's chance (``outsideChance``)
        // holds for that many histories.
        if values.count == runs.count { (row.low, row.high) = Self.range(values.sorted()) }
      }
      rows.append(row)
    }
    rows.sort { ($0.sliceOrder, $0.tier ?? "", $0.measure) < ($1.sliceOrder, $1.tier ?? "", $1.measure) }
    observedArrivals = observed.arrivals
    observedBacklog = observed.backlog
    func band(_ series: [[Double]]) -> [(mean: Double, low: Double, high: Double)] {
      (0..<span.count).map { d in
        let v = series.map { $0[d] }.sorted()
        let (low, high) = Self.range(v)
        return (v.reduce(0, +) / Double(max(1, v.count)), low ?? 0, high ?? 0)
      }
    }
    simulatedArrivals = band(runs.map(\.arrivals))
    simulatedBacklog = band(runs.map(\.backlog))
  }

  /// The measures of one history (the log, or one replication).
  struct Measures {
    struct Key: Hashable {
      var measure: String
      var tier: Int?
      var slice: String?
      var sliceOrder = 0
      var unit: Unit
    }
    var values: [Key: Double] = [:]
    var arrivals: [Double]
    var backlog: [Double]

    init(_ entries: [Ledger.Entry], model: Model, days: ClosedRange<Int>) {
      let scenario = model.scenario
      func day(_ m: Double) -> Int { scenario.period.day(atMinute: m) }
      let count = days.count
      arrivals = [Double](repeating: 0, count: count)
      backlog = [Double](repeating: 0, count: count)
      for e in entries {
        guard let detected = e.detected else { continue }
        let d = day(detected) - days.lowerBound
        arrivals[d] += 1
        // Open at the end of each day from its detection to its closing.
        let closedDay = e.closed.map { day($0) - days.lowerBound } ?? count
        if d < count { for k in d..<min(count, closedDay) { backlog[k] += 1 } }
      }
      // The whole log, each key-date window, each week (Monday to Sunday) of the days measured.
      var slices: [(name: String?, order: Int, days: Int, entries: [Ledger.Entry])] = [
        (nil, 0, count, entries)
      ]
      // A window or week the days cover is a slice even when this history has no item in it (the
      // log's quiet week is judged, as 0 items a day), and a slice is known by its dates, so that
      // the log's and each replication's match.
      for (i, w) in scenario.windows.enumerated() {
        let windowDays = days.filter { w.contains(day: $0) }.count
        guard windowDays > 0 else { continue }
        slices.append((w.name, 1 + i, windowDays, entries.filter { w.contains(day: day($0.detected!)) }))
      }
      /// The week of a day (a day number): its Monday's day number.
      func week(_ d: Int) -> Int { d - (LocalDateTime.weekday(ofDay: d) - 1) }
      let mondays = Set(days.map(week)).sorted()
      if mondays.count > 1 {
        let byWeek = Dictionary(grouping: entries) { week(day($0.detected!)) }
        for monday in mondays {
          let weekDays = days.filter { week($0) == monday }.count
          let name = "week of " + LocalDateTime(minutes: Int64(monday) * 1440).dateDescription
          slices.append((name, 1000 + (monday - mondays[0]) / 7, weekDays, byWeek[monday] ?? []))
        }
      }
      var values: [Key: Double] = [:]
      func store(
        _ measure: String, _ tier: Int?, _ slice: String?, _ unit: Unit, _ value: Double?, order: Int
      ) {
        if let value, value.isFinite {
          values[Key(measure: measure, tier: tier, slice: slice, sliceOrder: order, unit: unit)] = value
        }
      }
      for (slice, order, sliceDays, list) in slices {
        let n = Double(list.count)
        func put(_ measure: String, _ tier: Int?, _ slice: String?, _ unit: Unit, _ value: Double?) {
          store(measure, tier, slice, unit, value, order: order)
        }
        put("arrivals per day", nil, slice, .items, n / Double(max(1, sliceDays)))
        let response = list.compactMap { e in
          e.visits.compactMap(\.responded).min().flatMap { r in e.detected.map { r - $0 } }
        }.sorted()
        let resolution = list.compactMap { e in e.closed.flatMap { c in e.detected.map { c - $0 } } }.sorted()
        put("first response, mean", nil, slice, .minutes, Self.mean(response))
        put("first response, p90", nil, slice, .minutes, Self.p90(response))
        put("resolution, mean", nil, slice, .minutes, Self.mean(resolution))
        put("resolution, p90", nil, slice, .minutes, Self.p90(resolution))
        put("closed in the period", nil, slice, .share, n > 0 ? Double(resolution.count) / n : nil)
        guard slice == nil else { continue }
        for t in scenario.tiers.indices {
          let visits = list.flatMap { $0.visits.filter { $0.tier == t } }
          guard !visits.isEmpty else { continue }
          put("visits", t, nil, .items, Double(visits.count))
          let atTier = visits.compactMap { v in v.left.map { $0 - v.arrived } }.sorted()
          put("time at tier, mean", t, nil, .minutes, Self.mean(atTier))
          put("time at tier, p90", t, nil, .minutes, Self.p90(atTier))
          // Visits due an answer that logged one (a log, like the ledger, gives the first
          // response to the citizen at the tier that made it: a tier answering after one below
          // logs none, so a visit without a response time is not judged).
          let answered = visits.compactMap { v in
            v.responseDue.flatMap { due in v.responded.map { $0 <= due } }
          }
          if !answered.isEmpty {
            put("answered on time", t, nil, .share, Double(answered.count { $0 }) / Double(answered.count))
          }
          let resolved = visits.compactMap { v in
            v.resolutionDue.flatMap { due in v.outcome == .closed ? v.left.map { $0 <= due } : nil }
          }
          if !resolved.isEmpty {
            put("closed on time", t, nil, .share, Double(resolved.count { $0 }) / Double(resolved.count))
          }
          let left = visits.filter { $0.outcome != nil }
          if !left.isEmpty, t < scenario.tiers.count - 1 {
            let up = left.filter { $0.outcome != .closed }.count
            put("passed up", t, nil, .share, Double(up) / Double(left.count))
          }
        }
      }
      store(
        "end-of-day backlog, mean", nil, nil, .items, backlog.reduce(0, +) / Double(max(1, count)), order: 0)
      self.values = values
    }

    static func mean(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.reduce(0, +) / Double(x.count) }
    static func p90(_ sorted: [Double]) -> Double? {
      sorted.isEmpty ? nil : Quantile.interpolated(sorted, 0.9)
    }
  }
}
