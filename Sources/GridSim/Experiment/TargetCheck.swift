extension Measure {
  /// Where the measure is in a model's results: the group, category index and slice (with its
  /// days). Nil when the model has no such tier, category or window.
  package func location(in model: Model) -> Location? {
    var group = Group.system
    if let tier {
      guard let t = model.scenario.tiers.firstIndex(where: { $0.id == tier }) else { return nil }
      group = .tier(t)
    }
    var c: Int?
    if let category {
      guard let k = model.scenario.demand.categories.firstIndex(where: { $0.id == category }) else {
        return nil
      }
      c = k
    }
    var segment: Int?
    if let window {
      guard let s = model.segmentNames.firstIndex(of: window) else { return nil }
      segment = s
    }
    var ch: Int?
    if let channel {
      guard let k = model.scenario.demand.channels.firstIndex(where: { $0.id == channel }) else { return nil }
      ch = k
    }
    return Location(
      group: group, category: c, segment: segment, days: segment.map { model.segmentDays[$0] } ?? [],
      channel: ch)
  }

  /// Where a measure is in the results.
  package struct Location: Sendable {
    package var group: Group
    package var category: Int?
    package var segment: Int?
    package var days: [Int]
    package var channel: Int?
  }

  /// The measure's value in one replication; nil when that replication observed nothing of it.
  package func value(in r: ReplicationResult, at location: Location) -> Double? {
    let (g, c, segment) = (location.group, location.category, location.segment)
    func count(_ counter: Counter) -> Int {
      segment.map { r.count(counter, segment: $0) } ?? r.count(counter, group: g, category: c)
    }
    func rate(_ met: Counter, _ missed: Counter) -> Double? {
      let a = count(met)
      let b = count(missed)
      return a + b > 0 ? Double(a) / Double(a + b) : nil
    }
    switch kind {
    case .responseOnTime: return rate(.responseMet, .responseMissed)
    case .resolutionOnTime: return rate(.resolutionMet, .resolutionMissed)
    case .duration(let metric, let statistic):
      let s: MetricSummary
      if let channel = location.channel {
        guard let byChannel = r.metric(metric, channel: channel, segment: segment) else { return nil }
        s = byChannel
      } else {
        s = segment.map { r.metric(metric, segment: $0) } ?? r.metric(metric, group: g, category: c)
      }
      return s.value(statistic)
    case .utilization:
      guard let t = g.tier else { return nil }
      return segment == nil ? r.utilization[t] : r.utilization(tier: t, days: location.days)
    case .backlogMean:
      return g.tier.flatMap { r.backlog(tier: $0, days: segment == nil ? nil : location.days)?.mean }
    case .backlogMax:
      return g.tier.flatMap { r.backlog(tier: $0, days: segment == nil ? nil : location.days)?.max }
    case .openAtEnd: return g.tier.map { Double(r.openAtEnd[$0]) }
    case .satisfaction: return rate(.satisfied, .unsatisfied)
    case .keptFromWorsening: return rate(.kept, .worsened)
    case .reportOnTime: return rate(.reportMet, .reportMissed)
    case .resolutionRate:
      let appeared = count(.appeared)
      return appeared > 0 ? Double(count(.closed)) / Double(appeared) : nil
    case .extensions: return Double(count(.extensions))
    case .reopenings: return Double(count(.reopened))
    case .named: return Double(count(.named))
    }
  }

  /// The measure's value in each replication; nil when the model has no such tier or category.
  package func values(_ results: [ReplicationResult], model: Model) -> [Double?]? {
    guard let location = location(in: model) else { return nil }
    return results.map { value(in: $0, at: location) }
  }

  /// The estimate of the measure across replications; an on-time share's interval is kept within
  /// 0-1 (the Student-t interval knows nothing of the bounds; utilization can pass 100% when staff
  /// finish items after their shift). Nil when never observed or not in the model.
  package func estimate(_ results: [ReplicationResult], model: Model) -> Estimate? {
    guard let values = values(results, model: model) else { return nil }
    return bounded(Estimate.Accumulator(values))
  }

  /// The estimate of the measure's values added to `accumulator`, kept within the measure's
  /// bounds: every measure is at least 0; a share other than utilization (which can pass 100%
  /// when staff finish items after their shift) at most 1, as in the summary.
  package func bounded(_ accumulator: Estimate.Accumulator) -> Estimate? {
    accumulator.estimate(within: kind.unit == .share && kind != .utilization ? 0...1 : 0...Double.infinity)
  }
}

/// How a target fared in one run.
package struct TargetOutcome: Sendable, Equatable {
  package var target: Target
  /// The figure across replications; nil when no replication observed it.
  package var estimate: Estimate?
  /// How far the judged figure (the interval's end, or the mean) is on the right side of the bound,
  /// in the measure's unit: positive or zero when met.
  package var margin: Double?
  /// True when the target holds.
  package var met: Bool
  /// True when the mean meets the bound but the interval does not clear it: more replications would
  /// tell (only with the `interval` judge).
  package var undecided: Bool
}

extension Target {
  /// Judges the target on a model's replications. A target whose figure was never observed (no
  /// item of its category, say) is missed: a gate must not pass on no evidence.
  package func evaluate(_ results: [ReplicationResult], model: Model) -> TargetOutcome {
    judge(measure.estimate(results, model: model))
  }

  /// Judges the target (the scenario's `index`-th) on replications reduced as they arrived.
  package func evaluate(_ reduction: Reduction, index: Int) -> TargetOutcome {
    judge(measure.bounded(reduction.targets[index]))
  }

  /// Judges the target on an estimate of its measure.
  package func judge(_ estimate: Estimate?) -> TargetOutcome {
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
    // One replication (or one with a value) has no interval: judged on it, the target is not shown
    // to hold, whatever its mean; the report says to run more replications.
    if judge == .interval, estimate.n < 2 {
      return TargetOutcome(
        target: self, estimate: estimate, margin: meanMargin, met: false, undecided: meanMargin >= 0)
    }
    return TargetOutcome(
      target: self, estimate: estimate, margin: judged, met: judged >= 0,
      undecided: judged < 0 && meanMargin >= 0)
  }
}

extension Measure {
  /// True when the measure can be read for the items of one day: the whole system's figures of
  /// items (no category or channel) and a tier's on-time rates. Measures of staff and load over time
  /// (utilization, backlog), counts per replication (extensions, reopenings, named) and the figures
  /// of the period's end are not: they are not about the items of a day.
  package var readsPerDay: Bool {
    switch kind {
    case .extensions, .reopenings, .named, .openAtEnd, .utilization, .backlogMean, .backlogMax: return false
    case .responseOnTime, .resolutionOnTime: return category == nil && channel == nil
    default: return tier == nil && category == nil && channel == nil
    }
  }

  /// The measure's value in one replication for the items of day `d` (from the period's first, 0):
  /// the whole system's figures for the items that appeared that day (the day must be measured on
  /// its own, ``Model/measuring(days:)``), or a tier's on-time rates for the visits begun that day.
  /// Nil when the day observed nothing of it, or the measure is not read per day.
  package func value(in r: ReplicationResult, day d: Int, tier t: Int?) -> Double? {
    func rate(_ met: Counter, _ missed: Counter) -> Double? {
      guard let a = r.count(met, day: d), let b = r.count(missed, day: d), a + b > 0 else { return nil }
      return Double(a) / Double(a + b)
    }
    func daily(_ met: DailyOutcome, _ missed: DailyOutcome) -> Double? {
      guard let t, d < r.dailyOnTime.rows else { return nil }
      let counts = r.dailyOnTime[d, t]
      let total = counts[met] + counts[missed]
      return total > 0 ? Double(counts[met]) / Double(total) : nil
    }
    switch kind {
    case .responseOnTime:
      return t == nil ? rate(.responseMet, .responseMissed) : daily(.responseMet, .responseMissed)
    case .resolutionOnTime:
      return t == nil ? rate(.resolutionMet, .resolutionMissed) : daily(.resolutionMet, .resolutionMissed)
    case .duration(let metric, let statistic):
      return r.metric(metric, day: d)?.value(statistic)
    case .satisfaction: return rate(.satisfied, .unsatisfied)
    case .keptFromWorsening: return rate(.kept, .worsened)
    case .reportOnTime: return rate(.reportMet, .reportMissed)
    case .resolutionRate:
      guard let appeared = r.count(.appeared, day: d), appeared > 0, let closed = r.count(.closed, day: d)
      else {
        return nil
      }
      return Double(closed) / Double(appeared)
    case .extensions, .reopenings, .named, .openAtEnd, .utilization, .backlogMean, .backlogMax: return nil
    }
  }

  /// The estimate of the measure for the items of day `d` across replications, bounded as
  /// ``estimate(_:model:)`` is; nil when no replication observed it that day.
  package func estimate(_ results: [ReplicationResult], day d: Int, model: Model) -> Estimate? {
    guard readsPerDay, let location = location(in: model) else { return nil }
    let values = results.map { value(in: $0, day: d, tier: location.group.tier) }
    return bounded(Estimate.Accumulator(values))
  }
}

extension MetricSummary {
  /// One statistic of the duration.
  package func value(_ statistic: Measure.Statistic) -> Double? {
    switch statistic {
    case .mean: mean
    case .p50: p50
    case .p90: p90
    case .p95: p95
    case .max: max
    }
  }
}
