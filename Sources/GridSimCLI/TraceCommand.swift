import GridSim

/// `gridsim trace SCENARIO`: one item's path, stage by stage, for trainers.
enum TraceCommand {
  static let spec = CommandSpec(
    name: "trace", abstract: "Print one item's path through the workflow, stage by stage.",
    arguments: "SCENARIO|PACK", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("issue", "N", "The item's number, as in ledger.csv (items in the order they appeared)."),
      .value(
        "inject", "ID", "The scripted item with this id (a scenario's demand.injects, or a drill pack's)."),
      .value("category", "ID", "The first measured item of this category."),
      .value("severity", "ID", "The first measured item of this severity (with --category: of both)."),
      .value("replication", "R", "The replication to trace (default: 1)."),
      .repeated("set", "KEY.PATH=VALUE", "Override a scenario value (as for run; repeatable)."),
      LanguageOption.option,
    ],
    discussion: """
      Without --issue, --inject, --category or --severity: the first measured item (after the warm-up).
      Given a drill pack, its scenario is traced with the pack's injects added (not its
      contingencies); pick one with --inject ID. For opinion that worsens unless answered, the
      trace ends by saying whether it was kept from worsening.
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
    let inject = args.value("inject")
    if [issue != nil, inject != nil, args.value("category") != nil || args.value("severity") != nil].filter({
      $0
    }).count > 1 {
      throw usage("Give one of --issue, --inject or --category/--severity.")
    }
    let path = args.positionals[0]
    let scenario: Scenario
    if DrillLoader.isPack(path: path) {
      if !overrides.isEmpty { throw usage("'--set' applies to a scenario, not to a drill pack.") }
      let drill = try DrillCommand.load(path)
      scenario = DrillSimulation.scenario(for: drill.pack, drill.scenario, script: drill.script)
      if let inject, drill.pack.inject(inject) != nil,
        !scenario.demand.injects.contains(where: { $0.id == inject })
      {
        throw usage(
          "Inject '\(Console.shown(inject))' is a contingency (or follows one): the simulated policy is traced without them, its own worsening rules standing in."
        )
      }
    } else {
      scenario = try GridSimCommand.load(path, overrides: overrides).scenario
    }
    if let inject, !scenario.demand.injects.contains(where: { $0.id == inject }) {
      let ids = scenario.demand.injects.compactMap(\.id)
      throw usage(
        ids.isEmpty
          ? "The scenario has no injects with ids; give them one (demand.injects[].id), or trace a drill pack."
          : "There is no inject '\(Console.shown(inject))'; the injects are \(ids.joined(separator: ", ")).")
    }
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
        ledger, model: model, issue: issue, category: args.value("category"),
        severity: args.value("severity"),
        inject: inject)
    else {
      if let inject {
        throw usage(
          "Inject '\(Console.shown(inject))' did not appear in replication \(r) (it is outside the period).")
      }
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
    let language = try GridSimCommand.options(spec) { () throws(UsageError) in try LanguageOption.given(args)
    }
    Console.out(
      Trace.render(
        ledger, entry: entry, model: model, replication: r,
        language: LanguageOption.resolve(language, scenario: model.scenario.language)))
    return .ok
  }
}
