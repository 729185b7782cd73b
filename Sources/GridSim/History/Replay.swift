extension WorkOrderLog {
  /// The scenario with the log's items as its arrivals (trace-driven simulation): each item that
  /// appeared inside the period becomes a scripted item at its time, grid, category, severity and
  /// channel, and the random arrivals are switched off. Returns how many items fell outside the
  /// period and were left out.
  package func replay(in scenario: Scenario, model: Model) -> (scenario: Scenario, outside: Int) {
    var replayed = scenario
    let length = Double(scenario.period.length.minutes)
    let inside = entries.filter { !$0.followUp && $0.appeared >= 0 && $0.appeared < length }
    replayed.demand.perGridPerDay = 0
    replayed.demand.injects = inside.map { e in
      Scenario.Inject(
        minutesAfterStart: e.appeared, grid: model.unitNames[model.unit(leaf: e.leaf)],
        category: scenario.demand.categories[e.category].id,
        severity: scenario.demand.severities[e.severity].id,
        channel: scenario.demand.channels.isEmpty ? nil : scenario.demand.channels[e.channel].id)
    }
    return (replayed, entries.count - inside.count)
  }
}
