import Foundation
import GridSim

/// `gridsim sweep SCENARIO --vary KEY=V1,V2 ...`: the scenario at every point of a grid of values,
/// on common random numbers, each point's targets judged.
enum SweepCommand {
  static let spec = CommandSpec(
    name: "sweep",
    abstract: "Run a scenario over a grid of values on common random numbers; judge each point.",
    arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: ExperimentOptions.spec + [
      .repeated(
        "vary", "KEY=V1,V2,...", "A key and its values (repeatable; the points are every combination)."),
      .value(
        "rows", "FILE",
        "Or: the points one by one, a CSV whose header names the keys and whose rows give their values."),
      .value("out", "DIR", "Also write sweep.csv and sweep.html into DIR (made when missing)."),
      ReportOptions.csvOption,
    ] + ShardOptions.spec,
    discussion: """
      Every point runs with the scenario's seed, so the differences between points are the change's
      (common random numbers). At most 1,000 points. Exit codes: 0 some point meets every target;
      1 none does; 64 usage; 65 invalid scenario, value or rows file; 66 missing scenario or rows
      file; 73 cannot write DIR. With --shard K/N --results FILE, only slice K of N of the points
      runs (each point with all its replications); 'gridsim merge' of all N files prints and writes what
      the whole sweep would.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (options, shard) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try ExperimentOptions(args), try ShardOptions(args))
    }
    var axes: [Sweep.Axis] = []
    for text in args.all("vary") {
      guard let axis = Sweep.axis(text) else {
        throw .usage(
          UsageError(
            "'--vary \(Console.shown(text))' is not KEY=V1,V2,..., for example --vary organization.staff=4,6,8"
          ),
          spec)
      }
      axes.append(axis)
    }
    let sweep: Sweep
    if let rows = args.value("rows") {
      guard axes.isEmpty else { throw .usage(UsageError("Give --vary or --rows, not both."), spec) }
      let text: String
      switch InputFile.readSpreadsheet(rows) {
      case .success(let read): text = read.text
      case .failure(.notText(let line, let byte)):
        throw .failed(
          "\(rows):\(line): neither UTF-8 nor GB18030 text (byte \(byte)); save it as CSV UTF-8.",
          .invalidScenario)
      case .failure(let problem): throw .failed("cannot read '\(rows)': \(problem.reason).", .missingInput)
      }
      switch Sweep.rows(csv: text) {
      case .success(let s): sweep = s
      case .failure(let problems):
        Console.report(
          problems.list.map {
            Diagnostic(
              .error, file: rows, line: $0.line, message: $0.message,
              fix: "one key per column, one point per row")
          })
        throw .reported(.invalidScenario)
      }
    } else {
      guard !axes.isEmpty else {
        throw .usage(UsageError("Give at least one --vary KEY=V1,V2,..., or --rows FILE"), spec)
      }
      sweep = Sweep(axes: axes)
    }
    guard sweep.count <= Sweep.maximumPoints else {
      throw .usage(
        UsageError("The sweep has \(sweep.count) points; at most \(Sweep.maximumPoints). Vary fewer values."),
        spec)
    }
    let path = args.positionals[0]
    let models = try Self.models(sweep, path: path, overrides: options.overrides, options: options)
    let first = models[0].model.scenario
    if let slice = shard.shard, let file = shard.results {
      try ShardOptions.checkNotInput(file, path)
      let range = slice.replications(of: models.count)
      try options.checkSize(
        models[0].model, replications: first.replications * range.count, kept: true, spec: spec)
      var results: [ShardFile.IndexedResult] = []
      for p in range {
        let model = models[p].model
        let figures = await options.run(
          model, replications: model.scenario.replications, seed: model.scenario.seed, label: "point \(p + 1)"
        )
        results += figures.enumerated().map { .init(replication: p * first.replications + $0, result: $1) }
      }
      let text: String
      switch InputFile.readUTF8(path) {
      case .success(let t): text = t
      case .failure(let problem):
        throw .failed("cannot read '\(path)' again: \(problem.reason).", .missingInput)
      }
      var shardFile = ShardFile(
        gridsim: GridSimCommand.version, command: "sweep", scenario: path,
        fingerprint: Self.fingerprint(text: text, overrides: args.all("set"), sweep: sweep, scenario: first),
        overrides: args.all("set"), arguments: ShardOptions.unsharded(arguments), seed: first.seed,
        replications: first.replications, shard: slice, results: results)
      shardFile.sweepKeys = sweep.keys
      shardFile.sweepPoints = sweep.points
      try ShardOptions.write(shardFile, to: file)
      Console.out(
        "gridsim sweep: slice \(slice) of \(path): points \(range.isEmpty ? "none" : "\(range.lowerBound + 1)-\(range.upperBound)") of \(models.count), written to \(file)\n"
      )
      return .ok
    }
    // One point at a time, its replications reduced as they arrive.
    try options.checkSize(models[0].model, replications: first.replications, points: models.count, spec: spec)
    var reductions: [Reduction] = []
    for (p, (_, model)) in models.enumerated() {
      let scenario = model.scenario
      reductions.append(
        await options.reduce(
          model, replications: scenario.replications, seed: scenario.seed, label: "point \(p + 1)"))
    }
    let csv = try GridSimCommand.options(spec) { () throws(UsageError) in try ReportOptions.csvStyle(args) }
    return try output(
      sweep, models: models, reductions: reductions, path: path, directory: args.value("out"), csv: csv)
  }

  /// The fingerprint of a sweep: the scenario's text, the overrides, the keys and points.
  static func fingerprint(text: String, overrides: [String], sweep: Sweep, scenario: Scenario) -> String {
    ShardFile.fingerprint(
      text: text, overrides: overrides + ["--"] + sweep.keys + sweep.points.flatMap { ["|"] + $0 },
      seed: scenario.seed, replications: scenario.replications)
  }

  /// Every point's scenario, read and checked before any is run.
  static func models(
    _ sweep: Sweep, path: String, overrides base: [ScenarioOverride], options: ExperimentOptions
  )
    throws(CommandError) -> [(values: [String], model: Model)]
  {
    var models: [(values: [String], model: Model)] = []
    for values in sweep.points {
      var overrides = base
      for a in sweep.assignments(values) {
        switch ScenarioOverride.parse(assignment: a) {
        case .success(let o): overrides.append(o)
        case .failure(let e): throw .usage(UsageError(e.message), spec)
        }
      }
      let loaded = try GridSimCommand.load(path, overrides: overrides)
      let scenario = options.applied(to: loaded.scenario)
      models.append((values, Model(scenario)))
    }
    return models
  }

  /// Judges each point, prints the table, writes DIR; exit 0 when some point meets every target.
  static func output(
    _ sweep: Sweep, models: [(values: [String], model: Model)], reductions: [Reduction], path: String,
    directory: String?, csv: CSVStyle = .plain
  ) throws(CommandError) -> ExitCode {
    let first = models[0].model.scenario
    let points = zip(models, reductions).map { entry, reduction in
      SweepPoint(
        values: entry.values,
        outcomes: entry.model.scenario.targets.enumerated().map { $1.evaluate(reduction, index: $0) },
        staffHours: entry.model.staffHours)
    }
    Console.out(
      SweepReport.text(sweep, points: points, targets: first.targets, name: first.name, source: path))
    if let directory {
      do {
        try AtomicFile.writeFolder(
          [
            ("sweep.csv", SweepReport.csv(sweep, points: points, targets: first.targets)),
            (
              "sweep.html",
              SweepReport.html(
                sweep, points: points, targets: first.targets, name: first.name, source: path,
                language: first.language)
            ),
          ],
          to: directory, csv: csv)
      } catch {
        throw .failed("\(error); no sweep was written to '\(directory)'.", .cannotWrite)
      }
      Console.err(
        "Wrote the sweep to \(URL(fileURLWithPath: directory).standardizedFileURL.path)/ (sweep.csv, sweep.html).\n"
      )
    }
    return points.contains(where: \.met) || first.targets.isEmpty ? .ok : .targetMissed
  }
}
