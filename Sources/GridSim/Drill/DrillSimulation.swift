/// A drill's injects played through the simulated policy: the scenario with the pack's injects
/// added (contingencies left out: the simulated policy's own worsening rules take their place),
/// over its background load, for a number of replications. For each expected action, the times
/// from the inject's release to the action, one per replication (infinity where it was not done
/// within the period), so that a team's time can be placed in the policy's distribution.
package struct DrillSimulation: Sendable {
  package struct Key: Sendable, Hashable {
    package var inject: String
    package var action: DrillAction
    package var tier: Int
  }

  package var replications: Int
  /// Sorted times per action, minutes from release.
  package var times: [Key: [Double]]

  /// The most items a drill simulates per replication: each keeps its whole path in memory.
  package static let maximumItems = 2_000_000.0

  /// The scenario with the pack's unconditional injects added as scripted items (at the times of
  /// `script`, the pack's timeline without a log), its period ending a week after the last due
  /// time of the script (what comes later cannot change them).
  package static func scenario(for pack: DrillPack, _ scenario: Scenario, script: DrillTimeline) -> Scenario {
    var s = scenario
    if let last = script.releases.flatMap({ [$0.time] + $0.expectations.map(\.due) }).max() {
      let end = LocalDateTime(minutes: Int64(last.dayNumber + 8) * 1440)
      if end < s.period.end { s.period.end = end }
    }
    let grids = scenario.unitTree.leafNames
    for release in script.releases where !release.conditional {
      let inject = pack.injects[release.inject]
      s.demand.injects.append(
        Scenario.Inject(
          id: inject.id, minutesAfterStart: Double(release.time.minutes - scenario.period.start.minutes),
          grid: grids.indices.contains(inject.grid) ? grids[inject.grid] : nil, category: inject.category,
          severity: inject.severity, channel: inject.channel))
    }
    return s
  }

  /// Runs `replications` replications of `pack` against `scenario` (``Experiment``: at most `jobs`
  /// at once, seeded by the scenario's seed, the same whatever the number of jobs); nil when it
  /// would hold too many items.
  package static func run(
    _ pack: DrillPack, _ scenario: Scenario, script: DrillTimeline, replications: Int, jobs: Int
  ) async -> DrillSimulation? {
    let played = Self.scenario(for: pack, scenario, script: script)
    let model = Model(played)
    guard model.expectedArrivals <= maximumItems else { return nil }
    let ids = played.demand.injects.map(\.id)
    let results = await Experiment.map(replications: 0..<replications, jobs: jobs) { r in
      var simulation = Simulation(model: model, seed: played.seed, replication: r, ledger: true)
      _ = simulation.run()
      var found: [Key: Double] = [:]
      for entry in simulation.ledger?.entries ?? [] {
        guard let j = entry.inject, let id = ids[j] else { continue }
        for (action, tier, time) in Self.actions(entry)
        where found[Key(inject: id, action: action, tier: tier)] == nil {
          found[Key(inject: id, action: action, tier: tier)] = time - entry.appeared
        }
      }
      return found
    }
    var keys = Set<Key>()
    for r in results { keys.formUnion(r.keys) }
    // A drill's expected actions that a replication never did count as not done (infinity).
    for release in script.releases where !release.conditional {
      for e in release.expectations { keys.insert(Key(inject: e.inject, action: e.action, tier: e.tier)) }
    }
    var times: [Key: [Double]] = [:]
    for key in keys { times[key] = results.map { $0[key] ?? .infinity }.sorted() }
    return DrillSimulation(replications: replications, times: times)
  }

  /// What the simulated item did, as drill actions with the tier and time of each.
  static func actions(_ entry: Ledger.Entry) -> [(DrillAction, Int, Double)] {
    var out: [(DrillAction, Int, Double)] = []
    let entryTier = entry.visits.first?.tier ?? 0
    if let d = entry.detected { out.append((.detect, entryTier, d)) }
    for task in entry.tasks where task.isReport {
      if let end = task.ended { out.append((.report, task.tier, end)) }
    }
    for visit in entry.visits {
      // A tier above the one that answered the citizen responds when it takes the item up.
      if let r = visit.responded ?? visit.started { out.append((.respond, visit.tier, r)) }
      switch visit.outcome {
      case .authority?, .referral?, .deadline?, .worsened?:
        if let left = visit.left { out.append((.escalate, visit.tier, left)) }
      case .closed?:
        let reply = visit.steps.first { $0.stage == .reply }?.ended ?? visit.left
        if let reply { out.append((.reply, visit.tier, reply)) }
      default: break
      }
      if let callback = visit.steps.first(where: { $0.stage == .callback })?.ended {
        out.append((.callback, visit.tier, callback))
      }
    }
    if let closed = entry.closed { out.append((.close, entry.visits.last?.tier ?? 0, closed)) }
    return out
  }
}
