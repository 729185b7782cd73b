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
      FILES are the results of 'gridsim run|check|sweep SCENARIO --shard K/N --results FILE', one per
      slice, in any order. The scenario is loaded again from the path the slices name (with their
      --set overrides), and must be unchanged. The output, the report folder (summary.json byte for
      byte) and the exit code are those of the unsharded command. A missing or repeated slice, or
      files of different runs, scenarios or gridsim versions, is an error naming the files (65).
      The scenario must be inside the working folder (or GRIDSIM_ROOT), and one replication is run
      again to check that nothing it reads has changed. Exit codes: 0 ok; 1 a target missed (slices
      of check or sweep); 64 usage; 65 not results files or not one run; 66 a file missing; 73
      cannot write.
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
    // The scenario a results file names must be inside the working folder (or GRIDSIM_ROOT), and
    // its text must still have the slices' fingerprint, before it is read as a scenario: results
    // files may come from anywhere.
    let root =
      ProcessInfo.processInfo.environment["GRIDSIM_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
      .map(InputFile.realPath) ?? InputFile.realPath(FileManager.default.currentDirectoryPath)
    let text: String
    switch InputFile.$projectRoot.withValue(root, operation: { InputFile.readUTF8(path, checkRoot: true) }) {
    case .success(let t): text = t
    case .failure(.outsideProject):
      throw .failed(
        "the slices name the scenario '\(path)', outside this folder \(root); run merge from the folder the slices ran in (or set GRIDSIM_ROOT).",
        .invalidScenario)
    case .failure(let problem):
      throw .failed(
        "cannot read the scenario the slices name, '\(path)': \(problem.reason); run merge from the folder the slices ran in.",
        .missingInput)
    }
    let fingerprint =
      header.command == "sweep"
      ? header.sweepKeys.map { keys in
        ShardFile.fingerprint(
          text: text,
          overrides: header.overrides + ["--"] + keys + (header.sweepPoints ?? []).flatMap { ["|"] + $0 },
          seed: header.seed, replications: header.replications)
      }
      : ShardFile.fingerprint(
        text: text, overrides: header.overrides, seed: header.seed, replications: header.replications)
    guard fingerprint == header.fingerprint else {
      throw .failed(
        "\(path) has changed since the slices ran (or the slices' overrides, seed, replications or points differ from what they ran); run the slices again, or merge with the scenario they ran.",
        .invalidScenario)
    }
    if header.command != "check", args.value("junit") != nil {
      throw .usage("'--junit' applies to slices of check; these are slices of \(header.command).", spec)
    }
    if header.command == "sweep", format != nil {
      throw .usage("'--format' applies to slices of run and check; a sweep prints its table.", spec)
    }
    if header.command == "sweep" {
      return try sweep(
        header, files: files, results: results, overrides: overrides, directory: report.directory,
        csv: report.csv)
    }
    var scenario = try GridSimCommand.load(path, overrides: overrides).scenario
    scenario.replications = header.replications
    scenario.seed = header.seed
    let model = Model(scenario)
    try sameModel(model, files: files, index: 0, replication: 0)
    let reduction = Reduction(model: model, results: results)
    let summary = Summary(model: model, reduction: reduction, seed: scenario.seed)
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
    let outcomes = scenario.targets.enumerated().map { $1.evaluate(reduction, index: $0) }
    if format == "json" {
      Console.out(SummaryJSON.document(summary, source: path).rendered())
    } else {
      Console.out(
        "gridsim check: \(scenario.name) (\(path))\n  \(scenario.replications) replication\(scenario.replications == 1 ? "" : "s"), seed \(scenario.seed); intervals are 95%\n\n"
      )
      Console.out(TargetReport.table(outcomes))
    }
    if let junit = args.value("junit") {
      for (path, _) in files where InputFile.realPath(path) == InputFile.realPath(junit) {
        throw .failed("--junit \(junit) is one of the slices; write the JUnit XML to another file.", .usage)
      }
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

  /// The files a scenario names (extends, presets, rosters, calendars) are not in the fingerprint:
  /// one replication is run again and must give, bit for bit, what a slice holds for it.
  static func sameModel(
    _ model: Model, files: [(path: String, file: ShardFile)], index: Int, replication: Int
  )
    throws(CommandError)
  {
    guard let (path, file) = files.first(where: { $0.file.results.contains { $0.replication == index } }),
      let stored = file.results.first(where: { $0.replication == index })
    else { return }
    var simulation = Simulation(model: model, seed: model.scenario.seed, replication: replication)
    var now = FlatWriter()
    now.write(simulation.run())
    var then = FlatWriter()
    then.write(stored.result)
    guard now.bytes == then.bytes else {
      throw .failed(
        "replication \(replication + 1) run again does not give what \(path) holds: the scenario or a file it names (extends, preset, roster, calendar) has changed since the slices ran, or they ran with another gridsim; run the slices again.",
        .invalidScenario)
    }
  }

  /// The slices of a sweep: each point judged on its replications, as the whole sweep does.
  static func sweep(
    _ header: ShardFile, files: [(path: String, file: ShardFile)], results: [ReplicationResult],
    overrides: [ScenarioOverride], directory: String?, csv: CSVStyle
  ) throws(CommandError) -> ExitCode {
    guard let keys = header.sweepKeys, let rows = header.sweepPoints, !rows.isEmpty else {
      throw .failed("the slices of a sweep do not name its points; a damaged file.", .invalidScenario)
    }
    let sweep = Sweep(keys: keys, rows: rows)
    let options = ExperimentOptions(replications: header.replications, seed: header.seed)
    let models = try SweepCommand.models(sweep, path: header.scenario, overrides: overrides, options: options)
    let r = header.replications
    if let first = files.first(where: { !$0.file.results.isEmpty }) {
      let p = first.file.results[0].replication / r
      try sameModel(
        models[p].model, files: files, index: first.file.results[0].replication,
        replication: first.file.results[0].replication % r)
    }
    let perPoint = (0..<rows.count).map { p in
      Reduction(model: models[p].model, results: Array(results[(p * r)..<((p + 1) * r)]))
    }
    return try SweepCommand.output(
      sweep, models: models, reductions: perPoint, path: header.scenario, directory: directory,
      csv: csv)
  }
}
