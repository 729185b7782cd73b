import Foundation
import GridSim

/// `gridsim run SCENARIO`: simulate and print the measures.
enum RunCommand {
  static let spec = CommandSpec(
    name: "run", abstract: "Simulate a scenario and print its measures.", arguments: "SCENARIO",
    minimumPositionals: 1, maximumPositionals: 1,
    options: ExperimentOptions.spec + [
      .value("format", "text|json", "Output format (default: text)."),
      .value(
        "arrivals", "LOG.csv",
        "Play the items of a work-order log (times, grids, categories, severities, channels) instead of random arrivals."
      ),
      GridSimCommand.columnsOption,
    ]
      + ReportOptions.spec + ShardOptions.spec,
    discussion: """
      The JSON format and the report folder are described in Reports/README.md. With --shard K/N
      --results FILE, only slice K of N of the replications runs, and its results go to FILE;
      'gridsim merge' of all N files prints and writes exactly what the unsharded run would.
      With --arrivals LOG.csv the run is trace-driven: the log's items inside the period arrive as
      logged (see Scenarios/README.md, "Work-order logs"), and only the handling is random.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (options, format, report, shard) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (
        try ExperimentOptions(args), try args.choice("format", ["text", "json"]), try ReportOptions(args),
        try ShardOptions(args)
      )
    }
    if args.value("columns") != nil, args.value("arrivals") == nil {
      throw .usage("--columns names a log's columns; give the log with --arrivals LOG.csv.", spec)
    }
    let path = args.positionals[0]
    let loaded = try GridSimCommand.load(path, overrides: options.overrides)
    var scenario = options.applied(to: loaded.scenario)
    if let arrivals = args.value("arrivals") {
      guard shard.shard == nil else {
        throw .usage(
          "--arrivals and --shard cannot be used together: merge re-runs the scenario alone.", spec)
      }
      let log = try GridSimCommand.readLog(arrivals, model: Model(scenario), columns: args.value("columns"))
      let replay = log.replay(in: scenario, model: Model(scenario))
      scenario = replay.scenario
      Console.err(
        "Playing \(scenario.demand.injects.count) items of \(arrivals)"
          + (replay.outside > 0 ? " (\(replay.outside) outside the period left out)" : "") + ".\n")
    }
    let model = Model(scenario)
    if let slice = shard.shard {
      try options.checkSize(
        model, replications: slice.replications(of: scenario.replications).count, kept: true, spec: spec)
      return try await shard.runSlice(
        command: "run", path: path, scenario: scenario, model: model, options: options, arguments: arguments,
        overrides: args.all("set"),
        language: LanguageOption.resolve(report.language, scenario: scenario.language))
    }
    try options.checkSize(model, replications: scenario.replications, spec: spec)
    let reduction = await options.reduce(model, replications: scenario.replications, seed: scenario.seed)
    let summary = Summary(model: model, reduction: reduction, seed: scenario.seed)
    if format == "json" {
      Console.out(SummaryJSON.document(summary, source: path).rendered())
    } else {
      Console.out(
        TextReport.render(
          summary, source: path,
          language: LanguageOption.resolve(report.language, scenario: scenario.language)))
    }
    try report.write(
      command: .run, arguments: arguments, sections: [ReportBundle.Section(source: path, summary: summary)],
      ledgerModel: model)
    return .ok
  }
}
