/// A deadline and how long it lasts in elapsed time, for marking it on a chart of durations.
///
/// A calendar deadline always lasts the same. A working-time one lasts from a few hours to days
/// depending on when its clock starts (a Friday evening, a holiday eve), so it is given as the
/// shortest, the typical (the median over the period, weighted by when items appear) and the
/// longest, sampled every half hour after the warm-up.
package struct DeadlineMark: Sendable, Equatable {
  package var spec: DeadlineSpec
  /// Elapsed minutes.
  package var shortest: Double
  package var typical: Double
  package var longest: Double

  /// The mark of `spec` as tier `tier` of `model` counts it.
  init(_ spec: DeadlineSpec, tier: Int, model: Model) {
    self.spec = spec
    if case .elapsed(let span) = spec {
      (shortest, typical, longest) = (span.minutes, span.minutes, span.minutes)
      return
    }
    let offset = Double(model.startMinuteOfDay)
    var samples: [(length: Double, weight: Double)] = []
    var start = model.warmUp
    while start < model.horizon {
      let due = model.due(spec, from: start, tier: tier)
      if due.isFinite {
        let weight = model.ratePerMinute(hourIndex: Int((start + offset) / 60))
        samples.append((due - start, weight))
      }
      start += 30
    }
    guard !samples.isEmpty else {
      (shortest, typical, longest) = (.infinity, .infinity, .infinity)
      return
    }
    samples.sort { $0.length < $1.length }
    let total = samples.reduce(0) { $0 + $1.weight }
    var seen = 0.0
    var median = samples[samples.count - 1].length
    for s in samples {
      seen += s.weight
      if seen >= total / 2 {
        median = s.length
        break
      }
    }
    (shortest, typical, longest) = (samples[0].length, median, samples[samples.count - 1].length)
  }

  /// True when the deadline always lasts the same.
  package var isFixed: Bool { shortest == longest }
}
