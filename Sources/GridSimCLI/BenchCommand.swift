import Foundation
import GridSim
import GridSimBench

/// `gridsim bench`: events per second and wall time of the engine against a bare loop.
enum BenchCommand {
  static let spec = CommandSpec(
    name: "bench", abstract: "Time the engine against a bare event loop on the tandem3 model.", arguments: "",
    minimumPositionals: 0, maximumPositionals: 0,
    options: [
      .value("hours", "H", "Simulated hours of tandem3 (default: 100000)."),
      .value("repeat", "K", "Runs of each; the fastest counts (default: 3)."),
      .value("scenario", "FILE", "Also time one replication of this scenario."),
      .value(
        "replications", "N",
        "With --scenario: also time N replications with 1 job and with --jobs, to show the speed-up."),
      .value("jobs", "J", "Jobs for --replications and --plan (default: the number of cores)."),
      .value(
        "plan", "FILE",
        "Also time the planner on this scenario (it needs a 'plan' key), with its snapshots and without."),
      LanguageOption.option,
    ],
    discussion:
      "Timings belong here, not in the tests. Build in release mode: swift run -c release gridsim bench")

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (hours, repeats, replications, jobs) = try GridSimCommand.options(spec) { () throws(UsageError) in
      let replications = try args.integer("replications", in: 1...100_000)
      if replications != nil, args.value("scenario") == nil {
        throw UsageError("'--replications' needs '--scenario FILE': the scenario whose replications to time.")
      }
      return (
        try args.number("hours", in: 2_000...10_000_000) ?? 100_000,
        try args.integer("repeat", in: 1...100) ?? 3,
        replications,
        try args.integer("jobs", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
      )
    }
    let extra =
      try args.value("scenario").map { path throws(CommandError) in [try GridSimCommand.load(path)] } ?? []
    let planned = try args.value("plan").map { path throws(CommandError) in try GridSimCommand.load(path) }
    if let planned, planned.scenario.plan == nil {
      throw .usage("'--plan \(args.value("plan") ?? "")': the scenario has no 'plan' key to plan with.", spec)
    }
    let report: Benchmark.Report
    do {
      report = try Benchmark.run(hours: hours, repeats: repeats, scenarios: extra)
    } catch {
      throw .failed("the built-in tandem3 scenario did not load: \(error)", .internalError)
    }
    let given = try GridSimCommand.options(spec) { () throws(UsageError) in try LanguageOption.given(args) }
    let language = LanguageOption.resolve(given, scenario: extra.first?.scenario.language)
    Console.out(report.rendered(language))
    if let replications, let loaded = extra.first {
      let scaling = await Benchmark.scaling(loaded, replications: replications, jobs: jobs, repeats: repeats)
      Console.out(scaling.rendered(language))
    }
    if let planned, let timing = await Benchmark.plan(planned, jobs: jobs, repeats: min(repeats, 3)) {
      Console.out(timing.rendered(language))
    }
    return .ok
  }
}
