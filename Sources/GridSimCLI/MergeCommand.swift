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
      .flag("inspect", "Print each slice's header (what run it is of, which slice) as JSON; merge nothing."),
    ] + ReportOptions.spec,
    discussion: """
      FILES are the slices written by 'gridsim run|check|sweep SCENARIO --shard K/N --results
      FILE.gridsim-slice', one per slice, in any order. The scenario is loaded again from the path the slices name (with their
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
    if args.flag("inspect") { return try inspect(args.positionals) }
    let root =
      ProcessInfo.processInfo.environment["GRIDSIM_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
      .map(InputFile.realPath) ?? InputFile.realPath(FileManager.default.currentDirectoryPath)
    let merged: ShardMerge.Merged
    switch ShardMerge.load(paths: args.positionals, root: root, version: GridSimCommand.version) {
    case .success(let m): merged = m
    case .failure(let problems):
      for p in problems.all { Console.err("Error: \(p.description).\n") }
      throw .reported(problems.all.contains { $0.kind == .missingInput } ? .missingInput : .invalidScenario)
    }
    let header = merged.header
    if header.command != "check", args.value("junit") != nil {
      throw .usage("'--junit' applies to slices of check; these are slices of \(header.command).", spec)
    }
    if header.command == "sweep", format != nil {
      throw .usage("'--format' applies to slices of run and check; a sweep prints its table.", spec)
    }
    if let junit = args.value("junit") {
      for (path, _) in merged.files where InputFile.realPath(path) == InputFile.realPath(junit) {
        throw .failed("--junit \(junit) is one of the slices; write the JUnit XML to another file.", .usage)
      }
    }
    if header.command == "sweep" {
      return try sweep(merged, directory: report.directory, csv: report.csv, language: report.language)
    }
    let path = header.scenario
    var scenario = try GridSimCommand.load(path, overrides: merged.overrides).scenario
    scenario.replications = header.replications
    scenario.seed = header.seed
    let model = Model(scenario)
    if let problem = ShardMerge.checkRerun(model, merged: merged, index: 0, replication: 0) {
      throw .failed(problem.description + ".", .invalidScenario)
    }
    let reduction = Reduction(model: model, results: merged.results)
    let summary = Summary(model: model, reduction: reduction, seed: scenario.seed)
    let section = ReportBundle.Section(source: path, summary: summary)
    // The report names the command line the unsharded run would have had: the slices' arguments
    // and this merge's own report options.
    let own = ReportOptions.dropping(
      ["--out", "--csv"], flags: ["--ledger", "--inspect"], from: Array(arguments.drop { !$0.hasPrefix("-") })
    )
    let line = header.arguments + own
    if header.command == "run" {
      if format == "json" {
        Console.out(SummaryJSON.document(summary, source: path).rendered())
      } else {
        Console.out(
          TextReport.render(
            summary, source: path,
            language: LanguageOption.resolve(report.language, scenario: scenario.language)))
      }
      try report.write(command: .run, arguments: line, sections: [section], ledgerModel: model)
      return .ok
    }
    let outcomes = scenario.targets.enumerated().map { $1.evaluate(reduction, index: $0) }
    if format == "json" {
      Console.out(SummaryJSON.document(summary, source: path).rendered())
    } else {
      let language = LanguageOption.resolve(report.language, scenario: scenario.language)
      Console.out(
        TargetReport.header(
          scenario.name, source: path, replications: scenario.replications, seed: scenario.seed,
          language: language))
      Console.out(TargetReport.table(outcomes, language: language))
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
    try report.write(command: .check, arguments: line, sections: [section], ledgerModel: model)
    return outcomes.contains { !$0.met } ? .targetMissed : .ok
  }

  /// `--inspect`: each slice's header as JSON, merging nothing.
  static func inspect(_ paths: [String]) throws(CommandError) -> ExitCode {
    var worst = ExitCode.ok
    for path in paths {
      switch InputFile.readBytes(path, limit: ShardFile.maximumSize) {
      case .failure(let problem):
        Console.err("Error: cannot read '\(path)': \(problem.reason).\n")
        worst = .missingInput
      case .success(let bytes):
        switch ShardFile.inspect(bytes) {
        case .success(let json): Console.out(json)
        case .failure(.notResults(let why)):
          Console.err("Error: '\(path)' is not a slice: \(why).\n")
          if worst == .ok { worst = .invalidScenario }
        }
      }
    }
    return worst
  }

  /// The slices of a sweep: each point judged on its replications, as the whole sweep does.
  static func sweep(
    _ merged: ShardMerge.Merged, directory: String?, csv: CSVStyle, language given: Scenario.Language?
  ) throws(CommandError) -> ExitCode {
    let header = merged.header
    guard let keys = header.sweepKeys, let rows = header.sweepPoints, !rows.isEmpty else {
      throw .failed("the slices of a sweep do not name its points; a damaged file.", .invalidScenario)
    }
    let sweep = Sweep(keys: keys, rows: rows)
    let options = ExperimentOptions(replications: header.replications, seed: header.seed)
    let models = try SweepCommand.models(
      sweep, path: header.scenario, overrides: merged.overrides, options: options)
    let r = header.replications
    if let first = merged.files.first(where: { !$0.file.results.isEmpty }) {
      let index = first.file.results[0].replication
      if let problem = ShardMerge.checkRerun(
        models[index / r].model, merged: merged, index: index, replication: index % r)
      {
        throw .failed(problem.description + ".", .invalidScenario)
      }
    }
    let perPoint = (0..<rows.count).map { p in
      Reduction(model: models[p].model, results: Array(merged.results[(p * r)..<((p + 1) * r)]))
    }
    return try SweepCommand.output(
      sweep, models: models, reductions: perPoint, path: header.scenario, directory: directory, csv: csv,
      language: LanguageOption.resolve(given, scenario: models[0].model.scenario.language))
  }
}
