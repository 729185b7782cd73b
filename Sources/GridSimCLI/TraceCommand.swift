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

  static func main(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    func usage(_ message: String) -> CommandError { .usage(message, spec) }
    let (issue, replication, overrides) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (
        try args.integer("issue", in: 1...Int(Int32.max)),
        try args.integer("replication", in: 1...100_000),
        try ExperimentOptions.overrides(args)
      )
    }
    if issue != nil, args.value("category") != nil || args.value("severity") != nil {
      throw usage("Give either --issue or --category/--severity, not both.")
    }
    let loaded = try GridSimCommand.load(args.positionals[0], overrides: overrides)
    let scenario = loaded.scenario
    for (key, ids) in [
      ("category", scenario.demand.categories.map(\.id)), ("severity", scenario.demand.severities.map(\.id)),
    ] {
      if let id = args.value(key), !ids.contains(id) {
        throw usage(
          "The scenario has no \(key) '\(id)'; its \(key == "category" ? "categories" : "severities") are \(ids.joined(separator: ", "))."
        )
      }
    }
    let r = replication ?? 1
    if r > scenario.replications {
      throw usage(
        "The scenario runs \(scenario.replications) replications; --replication must be at most that.")
    }
    let model = Model(scenario)
    var simulation = Simulation(model: model, seed: scenario.seed, replication: r - 1, ledger: true)
    _ = simulation.run()
    guard let ledger = simulation.ledger else {
      throw .failed("the simulation kept no ledger to trace (a bug in gridsim).", .internalError)
    }
    guard
      let entry = Trace.pick(
        ledger, model: model, issue: issue, category: args.value("category"), severity: args.value("severity")
      )
    else {
      if let issue {
        throw usage(
          "Replication \(r) has \(ledger.entries.count) items; --issue \(issue) is not one of them.")
      }
      let wanted = [("category", args.value("category")), ("severity", args.value("severity"))]
        .compactMap { key, id in id.map { "\(key) '\($0)'" } }.joined(separator: " and ")
      throw usage(
        "Replication \(r) has no measured item of \(wanted.isEmpty ? "any kind" : wanted); try another --replication, or check that the scenario gives it a share."
      )
    }
    Console.out(Trace.render(ledger, entry: entry, model: model, replication: r))
    return .ok
  }
}
