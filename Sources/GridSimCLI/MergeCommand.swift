import Foundation
import GridSim

/// `gridsim merge FILES...`: combine the slices of a run or check into exactly what the unsharded
/// command would have printed and written.
enum MergeCommand {
  static let spec = CommandSpec(
    name: "merge", abstract: "Merge the results of sharded runs into what one run would give.",
    arguments: "FILES...", minimumPositionals: 1, maximumPositionals: nil,
    options: [
      .value("format", "text|json", "Output format (default: text)."),
      .value("junit", "FILE", "For slices of 'check': also write the results as JUnit XML."),
    ] + ReportOptions.spec,
    discussion: """
      FILES are the results of 'gridsim run|check SCENARIO --shard K/N --results FILE', one per
      slice, in any order. The scenario is loaded again from the path the slices name (with their
      --set overrides), and must be unchanged. The output, the report folder (summary.json byte for
      byte) and the exit code are those of the unsharded command. A missing or repeated slice, or
      files of different runs, scenarios or gridsim versions, is an error naming the files (65).
      Exit codes: 0 ok; 1 a target missed (slices of check); 64 usage; 65 not results files or not
      one run; 66 a file missing; 73 cannot write.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (format, report) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try args.choice("format", ["text", "json"]), try ReportOptions(args))
    }
    // Every file is read (and every problem printed) before any is merged.
    var files: [(path: String, file: ShardFile)] = []
    var failure: ExitCode?
    for path in args.positionals {
      switch InputFile.readBytes(path, limit: ShardFile.maximumSize) {
      case .failure(.tooLarge(let size)):
        Console.err(
          "Error: '\(path)' is \(size) bytes; a results file is at most \(ShardFile.maximumSize) bytes.\n")
        failure = failure ?? .invalidScenario
      case .failure(let problem):
        Console.err("Error: cannot read '\(path)': \(problem.reason).\n")
        failure = .missingInput
      case .success(let bytes):
        switch ShardFile.decode(bytes) {
        case .success(let file): files.append((path, file))
        case .failure(.notResults(let why)):
          Console.err("Error: '\(path)' cannot be merged: \(why). Give the files that --results wrote.\n")
          failure = failure ?? .invalidScenario
        }
      }
    }
    if let failure { throw .reported(failure) }
    let (header, results): (ShardFile, [ReplicationResult])
    switch ShardMerge.merge(files) {
    case .success(let merged): (header, results) = merged
    case .failure(let problem): throw .failed(problem.description, .invalidScenario)
    }
    guard header.gridsim == GridSimCommand.version else {
      throw .failed(
        "the slices were written by \(header.gridsim); this is \(GridSimCommand.version): merge them with the gridsim that wrote them.",
        .invalidScenario)
    }
    guard ["run", "check", "sweep"].contains(header.command) else {
      throw .failed(
        "the slices are of 'gridsim \(header.command)', which this gridsim cannot merge.", .invalidScenario)
    }
    let overrides = try GridSimCommand.options(spec) { () throws(UsageError) in
      try header.overrides.map { assignment throws(UsageError) in
        switch ScenarioOverride.parse(assignment: assignment) {
        case .success(let o): return o
        case .failure(let e): throw UsageError("the slices' --set '\(assignment)': \(e.message)")
        }
      }
    }
    let path = header.scenario
    if header.command == "sweep" {
      return try sweep(header, results: results, overrides: overrides, directory: report.directory)
    }
    var scenario = try GridSimCommand.load(path, overrides: overrides).scenario
    scenario.replications = header.replications
    scenario.seed = header.seed
    if case .success(let text) = InputFile.readUTF8(path),
      ShardFile.fingerprint(
        text: text, overrides: header.overrides, seed: header.seed, replications: header.replications)
        != header.fingerprint
    {
      throw .failed(
        "\(path) has changed since the slices ran (its fingerprint is not \(header.fingerprint)); run the slices again, or merge with the scenario they ran.",
        .invalidScenario)
    }
    let model = Model(scenario)
    let summary = Summary(model: model, results: results, seed: scenario.seed)
    let section = ReportBundle.Section(source: path, summary: summary)
    if header.command == "run" {
      if format == "json" {
        Console.out(SummaryJSON.document(summary, source: path).rendered())
      } else {
        Console.out(TextReport.render(summary, source: path))
      }
      try report.write(command: .run, arguments: header.arguments, sections: [section], ledgerModel: model)
      return .ok
    }
    let outcomes = scenario.targets.map { $0.evaluate(results, model: model) }
    if format == "json" {
      Console.out(SummaryJSON.document(summary, source: path).rendered())
    } else {
      Console.out(
        "gridsim check: \(scenario.name) (\(path))\n  \(scenario.replications) replication\(scenario.replications == 1 ? "" : "s"), seed \(scenario.seed); intervals are 95%\n\n"
      )
      Console.out(TargetReport.table(outcomes))
    }
    if let junit = args.value("junit") {
      let suite = TargetReport.Suite(
        name: scenario.name, file: path, replications: scenario.replications, seed: scenario.seed, seconds: 0,
        outcomes: outcomes)
      do {
        try AtomicFile.write(TargetReport.junit([suite]), to: junit)
      } catch {
        throw .failed("\(error); the results above were not saved as JUnit XML.", .cannotWrite)
      }
    }
    try report.write(command: .check, arguments: header.arguments, sections: [section], ledgerModel: model)
    return outcomes.contains { !$0.met } ? .targetMissed : .ok
  }

  /// The slices of a sweep: each point judged on its replications, as the whole sweep does.
  static func sweep(
    _ header: ShardFile, results: [ReplicationResult], overrides: [ScenarioOverride], directory: String?
  ) throws(CommandError) -> ExitCode {
    guard let keys = header.sweepKeys, let rows = header.sweepPoints, !rows.isEmpty else {
      throw .failed("the slices of a sweep do not name its points; a damaged file.", .invalidScenario)
    }
    let sweep = Sweep(keys: keys, rows: rows)
    let options = ExperimentOptions(replications: header.replications, seed: header.seed)
    let models = try SweepCommand.models(sweep, path: header.scenario, overrides: overrides, options: options)
    if case .success(let text) = InputFile.readUTF8(header.scenario),
      SweepCommand.fingerprint(
        text: text, overrides: header.overrides, sweep: sweep, scenario: models[0].model.scenario)
        != header.fingerprint
    {
      throw .failed(
        "\(header.scenario) has changed since the slices ran; run the slices again, or merge with the scenario they ran.",
        .invalidScenario)
    }
    let r = header.replications
    let perPoint = (0..<rows.count).map { p in Array(results[(p * r)..<((p + 1) * r)]) }
    return try SweepCommand.output(
      sweep, models: models, results: perPoint, path: header.scenario, directory: directory)
  }
}
