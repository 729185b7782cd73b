import GridSim

/// `gridsim trace SCENARIO`: one item's path, stage by stage, for trainers.
enum TraceCommand {
  static let spec = CommandSpec(
    name: "trace", abstract: "Print one item's path through the workflow, stage by stage.",
    arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("issue", "N", "The item's number, as in ledger.csv (items in the order they appeared)."),
      .value("category", "ID", "The first measured item of this category."),
      .value("severity", "ID", "The first measured item of this severity (with --category: of both)."),
      .value("replication", "R", "The replication to trace (default: 1)."),
      .repeated("set", "KEY.PATH=VALUE", "Override a scenario value (as for run; repeatable)."),
    ],
    discussion: """
      Without --issue, --category or --severity: the first measured item (after the warm-up).
      Each line is a local time and what happened: the tier and unit it came to with its
      deadlines, each stage with the role that did it, how long it waited and took, whether each
      deadline was met, extensions, callbacks, skip-level reports and worsening opinion. Example:
        gridsim trace Scenarios/township-baseline.json5 --category negative-opinion --severity major
      """)

  static func main(_ arguments: [String]) -> ExitCode {
    var code = ExitCode.ok
    guard let args = GridSimCommand.parse(spec, arguments).get(orExit: &code) else { return code }
    func usage(_ message: String) -> ExitCode {
      Console.usageError(UsageError(message), usage: spec.usage, helpCommand: "gridsim trace")
    }
    guard
      let (issue, replication, overrides) = GridSimCommand.options(
        spec,
        { () throws(UsageError) in
          (
            try args.integer("issue", in: 1...Int(Int32.max)),
            try args.integer("replication", in: 1...100_000),
            try ExperimentOptions.overrides(args)
          )
        }
      ).get(orExit: &code)
    else { return code }
    if issue != nil, args.value("category") != nil || args.value("severity") != nil {
      return usage("Give either --issue or --category/--severity, not both.")
    }
    guard
      let loaded = GridSimCommand.load(args.positionals[0], overrides: overrides).get(orExit: &code)
    else { return code }
    let scenario = loaded.scenario
    for (key, ids) in [
      ("category", scenario.demand.categories.map(\.id)), ("severity", scenario.demand.severities.map(\.id)),
    ] {
      if let id = args.value(key), !ids.contains(id) {
        return usage(
          "The scenario has no \(key) '\(id)'; its \(key == "category" ? "categories" : "severities") are \(ids.joined(separator: ", "))."
        )
      }
    }
    let r = replication ?? 1
    if r > scenario.replications {
      return usage(
        "The scenario runs \(scenario.replications) replications; --replication must be at most that.")
    }
    let model = Model(scenario)
    var simulation = Simulation(model: model, seed: scenario.seed, replication: r - 1, ledger: true)
    _ = simulation.run()
    let ledger = simulation.ledger!
    guard
      let entry = Trace.pick(
        ledger, model: model, issue: issue, category: args.value("category"), severity: args.value("severity")
      )
    else {
      if let issue {
        return usage(
          "Replication \(r) has \(ledger.entries.count) items; --issue \(issue) is not one of them.")
      }
      Console.err("gridsim trace: no measured item matches in replication \(r); try another --replication.\n")
      return .targetMissed
    }
    Console.out(Trace.render(ledger, entry: entry, model: model, replication: r))
    return .ok
  }
}
