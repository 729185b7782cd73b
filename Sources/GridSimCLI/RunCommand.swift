import Foundation
import GridSim

/// `gridsim run SCENARIO`: simulate and print the measures.
enum RunCommand {
  static let spec = CommandSpec(
    name: "run", abstract: "Simulate a scenario and print its measures.", arguments: "SCENARIO",
    minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("replications", "N", "Replications to run (default: the scenario's)."),
      .value("seed", "S", "Master seed (default: the scenario's)."),
      .value(
        "jobs", "J", "Replications run at once (default: the number of cores). Results do not depend on it."),
      .value("format", "text|json", "Output format (default: text)."),
      .flag("allow-large", "Run even when the run would process more than 10^9 events."),
    ],
    discussion: "The JSON format is described in Reports/README.md.")

  /// Runs above this many events are refused without --allow-large.
  static let eventLimit = 1e9

  static func main(_ arguments: [String]) async -> ExitCode {
    var code = ExitCode.ok
    guard let args = GridSimCommand.parse(spec, arguments).get(orExit: &code) else { return code }
    let replications: Int?
    let seed: Int?
    let jobs: Int?
    let format: String?
    do {
      replications = try args.integer("replications", in: 1...100_000)
      seed = try args.integer("seed", in: 0...(1 << 53))
      jobs = try args.integer("jobs", in: 1...1024)
      format = try args.choice("format", ["text", "json"])
    } catch {
      return Console.usageError(error, usage: spec.usage, helpCommand: "gridsim run")
    }
    let path = args.positionals[0]
    guard let loaded = GridSimCommand.load(path).get(orExit: &code) else { return code }
    var scenario = loaded.scenario
    if let replications { scenario.replications = replications }
    if let seed { scenario.seed = UInt64(seed) }
    let model = Model(scenario)
    let expected = model.expectedEventsPerReplication * Double(scenario.replications)
    if expected > eventLimit, !args.flag("allow-large") {
      let figure = String(format: "%.2g", expected)
      return Console.usageError(
        UsageError(
          "This run would process about \(figure) events (\(scenario.replications) replications); the limit is 10^9. Pass '--allow-large' to run it anyway, or shorten the period."
        ),
        usage: spec.usage, helpCommand: "gridsim run")
    }
    let total = scenario.replications
    let results = await Experiment.run(
      model: model, replications: total, seed: scenario.seed,
      jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      progress: { done in Console.progress(done, of: total, label: "replications") })
    let summary = Summary(model: model, results: results, seed: scenario.seed)
    if format == "json" {
      Console.out(SummaryJSON.document(summary, source: path).rendered())
    } else {
      Console.out(TextReport.render(summary, source: path))
    }
    return .ok
  }
}
