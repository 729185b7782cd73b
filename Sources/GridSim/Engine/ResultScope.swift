/// How much of a replication's results a run makes. Every run but the planner's makes all of them;
/// the planner's make only what its checks read (``PlanProblem/scope``), sooner.
package struct ResultScope: Sendable, Equatable {
  /// With a day (from the period's first), the run may stop at the end of a later day, once it is
  /// ``Replication/isSettled``: no item is left that appeared on one of the ``items`` days, nor one
  /// whose visit to its tier began on one of the ``visits`` days. What the run then reads is final:
  /// the daily rows up to that day, the figures of the items of the `items` days (their slices,
  /// their measured days), the deadline outcomes of the visits begun on the `visits` days. The
  /// period's own figures (its utilization, the items open at its end, other days and slices) are
  /// not the whole run's.
  package var settledAfter: Int?
  /// The days whose items' figures are read, and those whose visits' deadline outcomes are read.
  package var items: Range<Int>
  package var visits: Range<Int>
  /// The duration measures whose histograms are kept, so that their quantiles (median, 90th, 95th
  /// percentile) are worked out; the others' summaries have their count, mean and largest value
  /// only, and the run spends no memory nor time on their buckets. Nil: every measure's.
  package var quantiles: Set<Metric>?

  package init(
    settledAfter: Int? = nil, items: Range<Int> = 0..<0, visits: Range<Int> = 0..<0,
    quantiles: Set<Metric>? = nil
  ) {
    self.settledAfter = settledAfter
    self.items = items
    self.visits = visits
    self.quantiles = quantiles
  }

  /// Every figure, the period run to its end.
  package static let all = ResultScope()
}
