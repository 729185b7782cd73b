/// Two scenarios run on the same random numbers, compared measure by measure.
///
/// Replication r of both scenarios draws from the streams of (seed, r), so arrivals match where the
/// demand is the same and the differences reflect the change, not the luck of the draw. Each
/// difference is the mean of the per-replication differences (changed − base) with a Student-t 95%
/// interval; it is significant when that interval leaves out zero.
package struct Comparison: Sendable {
  /// One measure in both scenarios.
  package struct Row: Sendable {
    package var measure: Measure
    package var base: Estimate?
    package var changed: Estimate?
    /// Changed minus base, paired by replication; nil unless both have values.
    package var difference: Estimate?

    /// True when the difference's interval leaves out zero (and rests on two or more pairs).
    package var significant: Bool {
      guard let d = difference, d.n >= 2 else { return false }
      return d.low > 0 || d.high < 0
    }

    /// True when the change made this measure significantly worse.
    package var worse: Bool { direction == false }
    /// True when the change made this measure significantly better.
    package var better: Bool { direction == true }

    private var direction: Bool? {
      guard significant, let d = difference, let higher = measure.kind.higherIsBetter else { return nil }
      return (d.mean > 0) == higher
    }
  }

  /// A target judged in both scenarios.
  package struct TargetRow: Sendable {
    package var base: TargetOutcome
    package var changed: TargetOutcome
    /// True when the target holds in the base scenario and is missed after the change.
    package var flippedToMiss: Bool { base.met && !changed.met }
  }

  package var rows: [Row]
  package var targets: [TargetRow]
  /// Why the differences are not paired item by item, when they are not: the two scenarios cover
  /// different periods, so replication r of each draws different items (nil when they agree).
  package var unpaired: String?
  /// The two periods, when they differ.
  package var periods: (base: Scenario.Period, changed: Scenario.Period)?

  /// The measures compared for the whole system and for each tier both scenarios have.
  package static func measures(base: Model, changed: Model) -> [Measure] {
    let overall: [Measure.Kind] = [
      .responseOnTime, .resolutionOnTime, .duration(.response, .mean), .duration(.response, .p90),
      .duration(.resolution, .mean), .duration(.resolution, .p90), .duration(.timeInSystem, .mean),
    ]
    let perTier: [Measure.Kind] = [
      .responseOnTime, .resolutionOnTime, .duration(.wait, .mean), .duration(.wait, .p90),
      .duration(.timeAtTier, .mean), .utilization, .backlogMean,
    ]
    var list = overall.map { Measure($0) }
    let changedIDs = Set(changed.scenario.tiers.map(\.id))
    for tier in base.scenario.tiers where changedIDs.contains(tier.id) {
      list += perTier.map { Measure($0, tier: tier.id) }
    }
    return list
  }

  /// Compares the replications of two models; `targets` are judged in both.
  package init(
    base: Model, baseResults: [ReplicationResult], changed: Model, changedResults: [ReplicationResult],
    targets: [Target]
  ) {
    var pairs = Pairs(base: base, changed: changed, targets: targets)
    for (a, b) in zip(baseResults, changedResults) { pairs.add(base: a, changed: b) }
    self.init(pairs)
  }

  /// Compares paired replications reduced as they arrived.
  package init(_ pairs: Pairs) {
    let (a, b) = (pairs.baseModel.scenario.period, pairs.changedModel.scenario.period)
    periods = a.start == b.start && a.end == b.end && a.warmUp == b.warmUp ? nil : (a, b)
    unpaired =
      a.start == b.start && a.end == b.end && a.warmUp == b.warmUp
      ? nil
      : "the scenarios cover different periods (\(a.start) to \(a.end), warm-up \(a.warmUp); \(b.start) to \(b.end), warm-up \(b.warmUp)): replication r of each sees different items, so the differences are not paired and their intervals understate the uncertainty"
    rows = pairs.measures.indices.map { i in
      let measure = pairs.measures[i].measure
      return Row(
        measure: measure, base: measure.bounded(pairs.baseValues[i]),
        changed: measure.bounded(pairs.changedValues[i]), difference: pairs.differences[i].estimate)
    }
    targets = pairs.targets.indices.map { i in
      let target = pairs.targets[i].target
      return TargetRow(
        base: target.judge(target.measure.bounded(pairs.baseTargets[i])),
        changed: target.judge(target.measure.bounded(pairs.changedTargets[i])))
    }
  }

  /// The replications of two models, paired by index and reduced as they arrive (in their order),
  /// with each model's own ``Reduction`` for its summary.
  package struct Pairs: Sendable {
    package private(set) var base: Reduction
    package private(set) var changed: Reduction
    let baseModel: Model
    let changedModel: Model
    /// The measures compared, where each model has them.
    let measures: [(measure: Measure, base: Measure.Location?, changed: Measure.Location?)]
    var baseValues: [Estimate.Accumulator]
    var changedValues: [Estimate.Accumulator]
    /// Changed minus base, where both have a value.
    var differences: [Estimate.Accumulator]
    let targets: [(target: Target, base: Measure.Location?, changed: Measure.Location?)]
    var baseTargets: [Estimate.Accumulator]
    var changedTargets: [Estimate.Accumulator]

    package init(base: Model, changed: Model, targets: [Target]) {
      self.base = Reduction(model: base)
      self.changed = Reduction(model: changed)
      baseModel = base
      changedModel = changed
      measures = Comparison.measures(base: base, changed: changed).map {
        ($0, $0.location(in: base), $0.location(in: changed))
      }
      baseValues = Array(repeating: Estimate.Accumulator(), count: measures.count)
      changedValues = baseValues
      differences = baseValues
      self.targets = targets.map { ($0, $0.measure.location(in: base), $0.measure.location(in: changed)) }
      baseTargets = Array(repeating: Estimate.Accumulator(), count: targets.count)
      changedTargets = baseTargets
    }

    /// Adds replication r of both models (replications in their order).
    package mutating func add(base a: ReplicationResult, changed b: ReplicationResult) {
      base.add(a)
      changed.add(b)
      for (i, m) in measures.enumerated() {
        let x = m.base.flatMap { m.measure.value(in: a, at: $0) }
        let y = m.changed.flatMap { m.measure.value(in: b, at: $0) }
        baseValues[i].add(x)
        changedValues[i].add(y)
        if let x, let y { differences[i].add(y - x) }
      }
      for (i, t) in targets.enumerated() {
        baseTargets[i].add(t.base.flatMap { t.target.measure.value(in: a, at: $0) })
        changedTargets[i].add(t.changed.flatMap { t.target.measure.value(in: b, at: $0) })
      }
    }
  }
}
