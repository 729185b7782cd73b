/// Two scenarios run on the same random numbers, compared measure by measure.
///
/// Replication r of both scenarios draws from the streams of (seed, r), so arrivals match where the
/// demand is the same and the differences reflect the change, not the luck of the draw. Each
/// difference is the mean of the per-replication differences (changed − base) with a Student-t 95%
/// interval; it is significant when that interval leaves out zero.
public struct Comparison: Sendable {
  /// One measure in both scenarios.
  public struct Row: Sendable {
    public var measure: Measure
    public var base: Estimate?
    public var changed: Estimate?
    /// Changed minus base, paired by replication; nil unless both have values.
    public var difference: Estimate?

    /// True when the difference's interval leaves out zero (and rests on two or more pairs).
    public var significant: Bool {
      guard let d = difference, d.n >= 2 else { return false }
      return d.low > 0 || d.high < 0
    }

    /// True when the change made this measure significantly worse.
    public var worse: Bool { direction == false }
    /// True when the change made this measure significantly better.
    public var better: Bool { direction == true }

    private var direction: Bool? {
      guard significant, let d = difference, let higher = measure.kind.higherIsBetter else { return nil }
      return (d.mean > 0) == higher
    }
  }

  /// A target judged in both scenarios.
  public struct TargetRow: Sendable {
    public var base: TargetOutcome
    public var changed: TargetOutcome
    /// True when the target holds in the base scenario and is missed after the change.
    public var flippedToMiss: Bool { base.met && !changed.met }
  }

  public var rows: [Row]
  public var targets: [TargetRow]
  /// Why the differences are not paired item by item, when they are not: the two scenarios cover
  /// different periods, so replication r of each draws different items (nil when they agree).
  public var unpaired: String?

  /// The measures compared for the whole system and for each tier both scenarios have.
  public static func measures(base: Model, changed: Model) -> [Measure] {
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
  public init(
    base: Model, baseResults: [ReplicationResult], changed: Model, changedResults: [ReplicationResult],
    targets: [Target]
  ) {
    let (a, b) = (base.scenario.period, changed.scenario.period)
    unpaired =
      a.start == b.start && a.end == b.end && a.warmUp == b.warmUp
      ? nil
      : "the scenarios cover different periods (\(a.start) to \(a.end), warm-up \(a.warmUp); \(b.start) to \(b.end), warm-up \(b.warmUp)): replication r of each sees different items, so the differences are not paired and their intervals understate the uncertainty"
    rows = Self.measures(base: base, changed: changed).map { measure in
      let a = measure.values(baseResults, model: base) ?? []
      let b = measure.values(changedResults, model: changed) ?? []
      let pairs = zip(a, b).map { x, y -> Double? in
        guard let x, let y else { return nil }
        return y - x
      }
      return Row(
        measure: measure, base: measure.estimate(baseResults, model: base),
        changed: measure.estimate(changedResults, model: changed), difference: Estimate(pairs))
    }
    self.targets = targets.map { target in
      TargetRow(
        base: target.evaluate(baseResults, model: base),
        changed: target.evaluate(changedResults, model: changed))
    }
  }
}
