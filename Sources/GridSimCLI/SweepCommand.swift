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
      .value("out", "DIR", "Also write sweep.csv, sweep.html and whatif.html into DIR (made when missing)."),
      ReportOptions.csvOption,
      LanguageOption.option,
    ] + ShardOptions.spec,
    discussion: """
      Every point runs with the scenario's seed, so the differences between points are the change's
      (common random numbers). At most 1,000 points. Exit codes: 0 some point meets every target;
      1 none does; 64 usage (a key varied twice among them); 65 invalid scenario, value or rows file; 66 missing scenario or rows
      file; 73 cannot write DIR. With --shard K/N --results FILE, only slice K of N of the points
      runs (each point with all its replications); 'gridsim merge' of all N files prints and writes what
      the whole sweep would.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (options, shard, given) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try ExperimentOptions(args), try ShardOptions(args), try LanguageOption.given(args))
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
    if let key = Sweep.repeatedKey(axes) {
      throw .usage(UsageError(Sweep.repeatedKeyMessage(key, axes: axes)), spec)
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
      switch Sweep.rows(csv: text, file: rows) {
      case .success(let s): sweep = s
      case .failure(let problems):
        Console.report(
          problems.list.map {
            Diagnostic(
              .error, file: rows, line: $0.line, column: $0.column, message: $0.message,
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
    let language = LanguageOption.resolve(given, scenario: first.language)
    if let slice = shard.shard, let file = shard.results {
      try ShardOptions.checkNotInput(file, path)
      let range = slice.replications(of: models.count)
      try options.checkSize(
        models[0].model, replications: first.replications * range.count, kept: true, spec: spec)
      var results: [ShardFile.IndexedResult] = []
      for p in range {
        let model = models[p].model
        let figures = await options.run(
          model, replications: model.scenario.replications, seed: model.scenario.seed,
          label: language.pick("point \(p + 1)", "组合 \(p + 1)"))
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
      let shown =
        range.isEmpty
        ? language.pick("no points", "无组合")
        : language.pick(
          "points \(range.lowerBound + 1)-\(range.upperBound) of \(models.count)",
          "共 \(models.count) 个组合中的第 \(range.lowerBound + 1)-\(range.upperBound) 个")
      Console.out(
        language.pick(
          "gridsim sweep: slice \(slice) of \(path): \(shown), written to \(file)\n",
          "gridsim sweep：\(path) 的分片 \(slice)：\(shown)，已写入 \(file)\n"))
      return .ok
    }
    // One point at a time, its replications reduced as they arrive.
    try options.checkSize(models[0].model, replications: first.replications, points: models.count, spec: spec)
    var reductions: [Reduction] = []
    for (p, (_, model)) in models.enumerated() {
      let scenario = model.scenario
      reductions.append(
        await options.reduce(
          model, replications: scenario.replications, seed: scenario.seed,
          label: language.pick("point \(p + 1)", "组合 \(p + 1)")))
    }
    let csv = try GridSimCommand.options(spec) { () throws(UsageError) in try ReportOptions.csvStyle(args) }
    return try output(
      sweep, models: models, reductions: reductions, path: path, directory: args.value("out"), csv: csv,
      language: language)
  }

  /// The fingerprint of a sweep: the scenario's text, the overrides, the keys and points.
  static func fingerprint(text: String, overrides: [String], sweep: Sweep, scenario: Scenario) -> String {
    ShardFile.fingerprint(
      text: text, overrides: overrides + ["--"] + sweep.keys + sweep.points.flatMap { ["|"] + $0 },
      seed: scenario.seed, replications: scenario.replications)
  }

  /// Every point's scenario, read and checked before any is run; the points' warnings said once,
  /// each naming the varied key it is about.
  static func models(
    _ sweep: Sweep, path: String, overrides base: [ScenarioOverride], options: ExperimentOptions
  )
    throws(CommandError) -> [(values: [String], model: Model)]
  {
    var models: [(values: [String], model: Model)] = []
    var warnings: [[Diagnostic]] = []
    var made: [[ScenarioOverride]] = []
    for (p, values) in sweep.points.enumerated() {
      let point: [ScenarioOverride]
      switch sweep.overrides(point: p) {
      case .success(let o): point = o
      case .failure(let e): throw .usage(UsageError(e.message), spec)
      }
      let loaded: LoadedScenario
      do {
        loaded = try GridSimCommand.load(path, overrides: base + point, warn: false)
      } catch .scenario(.invalid(let diagnostics), let path) {
        throw .scenario(.invalid(sweep.located(diagnostics, overrides: point, scenario: path)), path: path)
      }
      warnings.append(loaded.warnings)
      made.append(point)
      let scenario = options.applied(to: loaded.scenario)
      models.append((values, Model(scenario)))
    }
    Console.report(sweep.warnings(warnings, overrides: made, scenario: path))
    return models
  }

  /// Judges each point, prints the table, writes DIR; exit 0 when some point meets every target.
  static func output(
    _ sweep: Sweep, models: [(values: [String], model: Model)], reductions: [Reduction], path: String,
    directory: String?, csv: CSVStyle = .plain, language: ReportLanguage = .english
  ) throws(CommandError) -> ExitCode {
    let first = models[0].model.scenario
    let days = Sweep.keepsDays(
      points: models.count, days: models.map(\.model.dayCount).max() ?? 0,
      tiers: models.map(\.model.tierCount).max() ?? 0)
    let points = zip(models, reductions).map { entry, reduction in
      SweepPoint(values: entry.values, model: entry.model, reduction: reduction, days: days)
    }
    Console.out(
      SweepReport.text(
        sweep, points: points, targets: first.targets, name: first.name, source: path, language: language))
    if let directory {
      do {
        try AtomicFile.writeFolder(
          [
            ("sweep.csv", SweepReport.csv(sweep, points: points, targets: first.targets, language: language)),
            (
              "sweep.html",
              SweepReport.html(
                sweep, points: points, targets: first.targets, name: first.name, source: path,
                language: language.code)
            ),
            (
              "whatif.html",
              SweepReport.whatIf(
                sweep, points: points, targets: first.targets, name: first.name, source: path,
                language: language.code)
            ),
          ],
          to: directory, csv: csv)
      } catch {
        throw .failed("\(error); no sweep was written to '\(directory)'.", .cannotWrite)
      }
      let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
      Console.err(
        language.pick(
          "Wrote the sweep to \(folder)/ (sweep.csv, sweep.html, whatif.html: open it in a browser).\n",
          "参数扫描已写入 \(folder)/（sweep.csv、sweep.html、whatif.html：用浏览器打开）。\n"))
    }
    return points.contains(where: \.met) || first.targets.isEmpty ? .ok : .targetMissed
  }
}
