/// The rule that applies to a tier's items of one category, with every key resolved: the one
/// place that decides which of a scenario's rules wins. The model compiles it, and the summary,
/// the reports and `trace` show it, so what is enforced and what is shown cannot differ.
///
/// Each key comes from the most specific rule that sets it:
/// 1. the tier's rule for the category (`tiers[].categories.ID`),
/// 2. the tier's own rule,
/// 3. the policy's rule for the category (`policy.categories.ID`, including a preset's),
/// 4. the policy's rule (`policy`, including a preset's),
/// 5. the default.
///
/// Staff times and `passUp` are the tier's own (levels 1, 2 and 5: a policy has no such keys);
/// the top tier never passes an item up, and records a missed deadline (it cannot escalate).
package struct EffectiveRule: Sendable, Equatable {
  /// Staff time from pick-up to the first response (default 0).
  package var response: DistributionSpec
  /// Staff time from the first response to done (default 0).
  package var handling: DistributionSpec
  /// Chance of passing the item up by referral (default 0; always 0 at the top tier).
  package var passUp: Double
  package var responseDeadline: DeadlineSpec?
  package var resolutionDeadline: DeadlineSpec?
  /// When the deadlines' clock starts (default: arrival at the tier).
  package var clock: DeadlineClock
  /// What a missed deadline does (default: escalate; always `record` at the top tier, where there
  /// is nowhere to go).
  package var onBreach: BreachAction
  package var `extension`: Scenario.Extension?
  package var callback: Scenario.Callback?
}

extension Scenario {
  /// The rule for items of category `category` (an index into `demand.categories`) at tier
  /// `tier`; with no category, the rule for a category that has no rule of its own.
  /// - Complexity: O(1) dictionary lookups.
  package func effectiveRule(tier: Int, category: Int?) -> EffectiveRule {
    let tierSpec = tiers[tier]
    let id = category.map { demand.categories[$0].id }
    let levels = [
      id.flatMap { tierSpec.categoryRules[$0] }, tierSpec.rule, id.flatMap { policy.categoryRules[$0] },
      policy.rule,
    ]
    func pick<V>(_ key: KeyPath<Rule, V?>, in chosen: ArraySlice<Rule?>) -> V? {
      for rule in chosen { if let value = rule?[keyPath: key] { return value } }
      return nil
    }
    let own = levels[0..<2]
    let all = levels[...]
    return EffectiveRule(
      response: pick(\.response, in: own) ?? .fixed(0),
      handling: pick(\.handling, in: own) ?? .fixed(0),
      passUp: tier == tiers.count - 1 ? 0 : pick(\.passUp, in: own) ?? 0,
      responseDeadline: pick(\.responseDeadline, in: all),
      resolutionDeadline: pick(\.resolutionDeadline, in: all),
      clock: pick(\.deadlineClock, in: all) ?? .arrival,
      onBreach: tier == tiers.count - 1 ? .record : pick(\.onBreach, in: all) ?? .escalate,
      extension: pick(\.extension, in: all),
      callback: pick(\.callback, in: all))
  }
}
