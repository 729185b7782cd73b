extension Measure {
  /// Where the measure is in a model's results: the group (a tier index, or the tier count for the
  /// whole system) and category index. Nil when the model has no such tier or category.
  public func location(in model: Model) -> (group: Int, category: Int?)? {
    var group = model.tierCount
    if let tier {
      guard let t = model.scenario.tiers.firstIndex(where: { $0.id == tier }) else { return nil }
      group = t
    }
    var c: Int?
    if let category {
      guard let k = model.scenario.demand.categories.firstIndex(where: { $0.id == category }) else {
        return nil
      }
      c = k
    }
    return (group, c)
  }

  /// The measure's value in one replication; nil when that replication observed nothing of it.
  public func value(in r: ReplicationResult, at location: (group: Int, category: Int?)) -> Double? {
    let (g, c) = location
    func rate(_ met: Counter, _ missed: Counter) -> Double? {
      let a = r.count(met, group: g, category: c)
      let b = r.count(missed, group: g, category: c)
      return a + b > 0 ? Double(a) / Double(a + b) : nil
    }
    switch kind {
    case .responseOnTime: return rate(.responseMet, .responseMissed)
    case .resolutionOnTime: return rate(.resolutionMet, .resolutionMissed)
    case .duration(let metric, let statistic):
      let s = r.metric(metric, group: g, category: c)
      switch statistic {
      case .mean: return s.mean
      case .p50: return s.p50
      case .p90: return s.p90
      case .p95: return s.p95
      case .max: return s.max
      }
    case .utilization: return g < r.tierCount ? r.utilization[g] : nil
    case .backlogMean: return g < r.tierCount ? r.backlog(tier: g)?.mean : nil
    case .backlogMax: return g < r.tierCount ? r.backlog(tier: g)?.max : nil
    case .openAtEnd: return g < r.tierCount ? Double(r.openAtEnd[g]) : nil
    }
  }

  /// The measure's value in each replication; nil when the model has no such tier or category.
  public func values(_ results: [ReplicationResult], model: Model) -> [Double?]? {
    guard let location = location(in: model) else { return nil }
    return results.map { value(in: $0, at: location) }
  }

  /// The estimate of the measure across replications; a share's interval is kept within 0-1 (the
  /// Student-t interval knows nothing of the bounds). Nil when never observed or not in the model.
  public func estimate(_ results: [ReplicationResult], model: Model) -> Estimate? {
    guard let values = values(results, model: model), var e = Estimate(values) else { return nil }
    if kind.unit == .share {
      e.low = max(0, e.low)
      e.high = min(1, e.high)
    }
    return e
  }
}

/// How a target fared in one run.
public struct TargetOutcome: Sendable {
  public var target: Target
  /// The figure across replications; nil when no replication observed it.
  public var estimate: Estimate?
  /// How far the judged figure (the interval's end, or the mean) is on the right side of the bound,
  /// in the measure's unit: positive or zero when met.
  public var margin: Double?
  /// True when the target holds.
  public var met: Bool
  /// True when the mean meets the bound but the interval does not clear it: more replications would
  /// tell (only with the `interval` judge).
  public var undecided: Bool
}

extension Target {
  /// Judges the target on a model's replications. A target whose figure was never observed (no
  /// item of its category, say) is missed: a gate must not pass on no evidence.
  public func evaluate(_ results: [ReplicationResult], model: Model) -> TargetOutcome {
    judge(measure.estimate(results, model: model))
  }

  /// Judges the target on an estimate of its measure.
  public func judge(_ estimate: Estimate?) -> TargetOutcome {
    guard let estimate else {
      return TargetOutcome(target: self, estimate: nil, margin: nil, met: false, undecided: false)
    }
    let (judged, meanMargin): (Double, Double)
    switch bound {
    case .atLeast(let v):
      (judged, meanMargin) = ((judge == .interval ? estimate.low : estimate.mean) - v, estimate.mean - v)
    case .atMost(let v):
      (judged, meanMargin) = (v - (judge == .interval ? estimate.high : estimate.mean), v - estimate.mean)
    }
    return TargetOutcome(
      target: self, estimate: estimate, margin: judged, met: judged >= 0,
      undecided: judged < 0 && meanMargin >= 0)
  }
}
