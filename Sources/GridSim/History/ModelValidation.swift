/// A scenario checked against what happened: the same measures taken from a work-order log and
/// from each replication's ledger, over the days the log covers, side by side. The log is one
/// history, so it is judged against the spread of single replications (the 2.5% to 97.5% range of
/// their values), not against the interval of their mean.
public struct ModelValidation: Sendable {
  /// What a measure counts in.
  public enum Unit: Sendable { case minutes, share, items }

  /// One measure: the log's value and the replications'.
  public struct Row: Sendable {
    public var measure: String
    /// A tier id, or nil for the whole system.
    public var tier: String?
    /// The whole log, or a key-date window's name.
    public var slice: String
    public var unit: Unit
    public var observed: Double?
    /// Mean of the replications with its 95% interval.
    public var simulated: Estimate?
    /// The 2.5% and 97.5% quantiles of the replications' values.
    public var low: Double?
    public var high: Double?

    /// Nil when either side has no value.
    public var within: Bool? {
      guard let observed, let low, let high else { return nil }
      return observed >= low - 1e-9 && observed <= high + 1e-9
    }
  }

  public var rows: [Row] = []
  /// The first day measured (day number) and the daily series: the log's arrivals and end-of-day
  /// backlog, and the replications' mean with their 2.5%-97.5% range.
  public var firstDay = 0
  public var observedArrivals: [Double] = []
  public var simulatedArrivals: [(mean: Double, low: Double, high: Double)] = []
  public var observedBacklog: [Double] = []
  public var simulatedBacklog: [(mean: Double, low: Double, high: Double)] = []
  public var replications = 0
  /// Items of the log measured (inside the period, after the warm-up).
  public var observedItems = 0

  /// Measures `log` and `replications` runs of `model` (at most `jobs` at once; the figures do not
  /// depend on it) over the days the log covers inside the measured period.
  public static func run(log: WorkOrderLog, model: Model, replications: Int, seed: UInt64, jobs: Int) async
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
        unit: key.unit, observed: value)
      if !values.isEmpty {
        let sorted = values.sorted()
        row.simulated = Estimate(values.map { Optional($0) })
        row.low = Quantile.interpolated(sorted, 0.025)
        row.high = Quantile.interpolated(sorted, 0.975)
      }
      rows.append(row)
    }
    rows.sort {
      ($0.slice == "whole log" ? 0 : 1, $0.tier ?? "", $0.measure) < (
        $1.slice == "whole log" ? 0 : 1, $1.tier ?? "", $1.measure
      )
    }
    observedArrivals = observed.arrivals
    observedBacklog = observed.backlog
    func band(_ series: [[Double]]) -> [(mean: Double, low: Double, high: Double)] {
      (0..<span.count).map { d in
        let v = series.map { $0[d] }.sorted()
        return (
          v.reduce(0, +) / Double(max(1, v.count)), Quantile.interpolated(v, 0.025),
          Quantile.interpolated(v, 0.975)
        )
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
      var slices: [(String?, [Ledger.Entry])] = [(nil, entries)]
      for w in scenario.windows {
        let inside = entries.filter { w.contains(day: day($0.detected!)) }
        if !inside.isEmpty { slices.append((w.name, inside)) }
      }
      var values: [Key: Double] = [:]
      func put(_ measure: String, _ tier: Int?, _ slice: String?, _ unit: Unit, _ value: Double?) {
        if let value, value.isFinite {
          values[Key(measure: measure, tier: tier, slice: slice, unit: unit)] = value
        }
      }
      for (slice, list) in slices {
        let n = Double(list.count)
        let sliceDays = slice == nil ? count : Set(list.map { day($0.detected!) }).count
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
          let left = visits.filter { $0.outcome != nil }
          if !left.isEmpty, t < scenario.tiers.count - 1 {
            let up = left.filter { $0.outcome != .closed }.count
            put("passed up", t, nil, .share, Double(up) / Double(left.count))
          }
        }
      }
      put("end-of-day backlog, mean", nil, nil, .items, backlog.reduce(0, +) / Double(max(1, count)))
      self.values = values
    }

    static func mean(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.reduce(0, +) / Double(x.count) }
    static func p90(_ sorted: [Double]) -> Double? {
      sorted.isEmpty ? nil : Quantile.interpolated(sorted, 0.9)
    }
  }
}
