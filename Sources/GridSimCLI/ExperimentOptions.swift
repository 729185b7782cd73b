import Foundation
import GridSim

/// The options every command that runs replications shares (run, check, compare), and running them.
struct ExperimentOptions {
  static let spec: [CommandSpec.Option] = [
    .value("replications", "N", "Replications to run (default: the scenario's)."),
    .value("seed", "S", "Master seed (default: the scenario's)."),
    .value(
      "jobs", "J", "Replications run at once (default: the number of cores). Results do not depend on it."),
    .repeated(
      "set", "KEY.PATH=VALUE",
      "Override a scenario value, e.g. tiers.grid.deadlines.response=\"2 h\" (repeatable)."),
    .flag("allow-large", "Run even when the run would process more than 10^9 events."),
  ]

  /// Runs above this many events are refused without --allow-large.
  static let eventLimit = 1e9

  var replications: Int?
  var seed: Int?
  var jobs: Int
  var overrides: [ScenarioOverride]
  var allowLarge: Bool

  init(_ args: ParsedArguments) throws(UsageError) {
    replications = try args.integer("replications", in: 1...100_000)
    seed = try args.integer("seed", in: 0...(1 << 53))
    jobs = try args.integer("jobs", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
    allowLarge = args.flag("allow-large")
    overrides = try Self.overrides(args)
  }

  /// Options with a given seed and number of replications, the rest at their defaults (a merge of
  /// slices runs the sweep's points as the slices did).
  init(replications: Int, seed: UInt64) {
    self.replications = replications
    self.seed = Int(seed)
    jobs = ProcessInfo.processInfo.activeProcessorCount
    allowLarge = false
    overrides = []
  }

  /// The `--set` options, in order.
  static func overrides(_ args: ParsedArguments) throws(UsageError) -> [ScenarioOverride] {
    try args.all("set").map { assignment throws(UsageError) in
      switch ScenarioOverride.parse(assignment: assignment) {
      case .success(let o): return o
      case .failure(let e): throw UsageError(e.message)
      }
    }
  }

  /// The scenario with --replications and --seed applied.
  func applied(to scenario: Scenario) -> Scenario {
    var scenario = scenario
    if let replications { scenario.replications = replications }
    if let seed { scenario.seed = UInt64(seed) }
    return scenario
  }

  /// Runs that may need more memory than this are refused without --allow-large.
  static let memoryLimit = Double(1 << 30)

  /// Refuses a run larger than the limits (events, memory) unless --allow-large is given (a usage
  /// error of `spec`); a run that will take more than a minute says so before it starts.
  /// `kept`: the results are all kept to the end (a slice, a sweep, a plan), not reduced as they
  /// arrive.
  func checkSize(_ model: Model, replications: Int, kept: Bool = false, points: Int = 1, spec: CommandSpec)
    throws(CommandError)
  {
    // The events of every point run; the memory of one point at a time.
    let expected = model.expectedEventsPerReplication * Double(replications) * Double(points)
    let runs =
      points > 1
      ? "\(Format.count(Double(replications))) replications at each of \(points) points"
      : "\(Format.count(Double(replications))) replications"
    if !allowLarge, expected > Self.eventLimit {
      throw .usage(
        "This run would process about \(String(format: "%.2g", expected)) events (\(runs)); the limit is 10^9. Pass '--allow-large' to run it anyway, or shorten the period.",
        spec)
    }
    let held = kept ? replications : min(replications, Experiment.window(jobs: jobs))
    let bytes = model.expectedBytes(held: held, running: min(jobs, replications))
    if !allowLarge, bytes > Self.memoryLimit {
      throw .usage(
        "This run may need about \(String(format: "%.1f", bytes / Double(1 << 30))) GiB of memory (\(replications) replications, \(jobs) at once); the limit is 1 GiB. Pass '--allow-large' to run it anyway, or use fewer replications, fewer jobs, or less demand.",
        spec)
    }
    let running = min(jobs, replications * points)
    let seconds = Experiment.estimatedSeconds(events: expected, jobs: running)
    if seconds > 60 {
      Console.err(
        "This run simulates about \(Format.count((expected / 1e6).rounded())) million events (\(runs)): about \(ReportLanguage.english.duration(seconds / 60)) with \(running) job\(running == 1 ? "" : "s") at \(Format.count(Experiment.planningEventsPerSecond / 1e6)) million events a second each. Progress shows on a terminal; Ctrl-C stops it.\n"
      )
    }
  }

  /// Runs the replications with a progress bar on a terminal, reducing them as they arrive.
  func reduce(_ model: Model, replications: Int, seed: UInt64, label: String = "replications") async
    -> Reduction
  {
    Console.progress(0, of: replications, label: label)
    return await Experiment.reduce(
      model: model, replications: 0..<replications, seed: seed, jobs: jobs,
      progress: { done in Console.progress(done, of: replications, label: label) })
  }

  /// Runs replication r of both models for each r, paired and reduced as they arrive, with a
  /// progress bar on a terminal.
  func pairs(base: Model, changed: Model, targets: [Target], replications: Int, seed: UInt64) async
    -> Comparison.Pairs
  {
    Console.progress(0, of: replications, label: "pairs")
    return await Experiment.fold(
      replications: 0..<replications, jobs: jobs,
      into: Comparison.Pairs(base: base, changed: changed, targets: targets),
      progress: { done in Console.progress(done, of: replications, label: "pairs") }
    ) { r in
      var a = Simulation(model: base, seed: seed, replication: r)
      var b = Simulation(model: changed, seed: seed, replication: r)
      return (a.run(), b.run())
    } fold: { pairs, results in
      pairs.add(base: results.0, changed: results.1)
    }
  }

  /// Runs the replications with a progress bar on a terminal.
  func run(_ model: Model, replications: Int, seed: UInt64, label: String = "replications") async
    -> [ReplicationResult]
  {
    Console.progress(0, of: replications, label: label)
    return await Experiment.run(
      model: model, replications: replications, seed: seed, jobs: jobs,
      progress: { done in Console.progress(done, of: replications, label: label) })
  }
}
