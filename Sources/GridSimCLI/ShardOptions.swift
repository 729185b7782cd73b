import Foundation
import GridSim

/// `--shard K/N --results FILE` of run and check: run one slice of the replications and write
/// its results for `gridsim merge`.
struct ShardOptions {
  static let spec: [CommandSpec.Option] = [
    .value(
      "shard", "K/N",
      "Run only slice K of N of the replications (a job array's task); needs --results."),
    .value(
      "results", "FILE",
      "With --shard: write the slice's results to FILE (name it slice-K.gridsim-slice), for 'gridsim merge'."),
  ]

  var shard: Shard?
  var results: String?

  init(_ args: ParsedArguments) throws(UsageError) {
    if let text = args.value("shard") {
      guard let shard = Shard(parsing: text) else {
        throw UsageError(
          "'--shard' expects K/N with 1 ≤ K ≤ N ≤ 100000, such as 3/8; found '\(Console.shown(text))'.")
      }
      self.shard = shard
    }
    results = args.value("results")
    if (shard == nil) != (results == nil) {
      throw UsageError(
        "'--shard K/N' and '--results FILE' go together: the slice's results are written to FILE.")
    }
    if shard != nil, args.value("out") != nil || args.value("junit") != nil || args.value("format") != nil {
      throw UsageError(
        "A slice writes only its results; the report, JUnit and JSON come from 'gridsim merge' of all the slices."
      )
    }
  }

  /// The arguments an unsharded run would have had: without --shard, --results and --jobs (and
  /// --lang, which is the merge's to give, as its other report options are).
  static func unsharded(_ arguments: [String]) -> [String] {
    ReportOptions.dropping(["--shard", "--results", "--jobs", "--lang"], flags: [], from: arguments)
  }

  /// A results file must not replace the scenario it came from.
  static func checkNotInput(_ results: String, _ scenario: String) throws(CommandError) {
    if InputFile.realPath(results) == InputFile.realPath(scenario) {
      throw .failed("--results \(results) is the scenario itself; write the results to another file.", .usage)
    }
  }

  /// Writes a slice's results file whole, or says why not (73).
  static func write(_ file: ShardFile, to path: String) throws(CommandError) {
    let data: Data
    do {
      data = try file.encoded()
    } catch {
      throw .failed(
        "the results of slice \(file.shard) cannot be encoded (\(error)); a bug in gridsim.", .internalError)
    }
    do {
      try AtomicFile.write(data, to: path)
    } catch {
      throw .failed("\(error); the slice's results were not saved.", .cannotWrite)
    }
  }

  /// Runs this slice of `scenario` (loaded from `path`) and writes its results.
  func runSlice(
    command: String, path: String, scenario: Scenario, model: Model, options: ExperimentOptions,
    arguments: [String], overrides: [String], language l: ReportLanguage
  ) async throws(CommandError) -> ExitCode {
    guard let shard, let results else { return .ok }
    try Self.checkNotInput(results, path)
    if results.hasSuffix(".json") {
      Console.err(
        "warning: --results \(results): a slice is a line of JSON followed by binary results, not JSON; name it slice-\(shard.index).\(ShardFile.fileExtension) so that JSON tools leave it alone ('gridsim merge --inspect' shows its header)\n"
      )
    }
    let text: String
    switch InputFile.readUTF8(path) {
    case .success(let t): text = t
    case .failure(let problem):
      throw .failed("cannot read '\(path)' again: \(problem.reason).", .missingInput)
    }
    let range = shard.replications(of: scenario.replications)
    Console.progress(0, of: range.count, label: "slice \(shard)")
    let figures = await Experiment.run(
      model: model, replications: range, seed: scenario.seed, jobs: options.jobs,
      progress: { done in Console.progress(done, of: range.count, label: "slice \(shard)") })
    let file = ShardFile(
      gridsim: GridSimCommand.version, command: command, scenario: path,
      fingerprint: ShardFile.fingerprint(
        text: text, overrides: overrides, seed: scenario.seed, replications: scenario.replications),
      overrides: overrides, arguments: Self.unsharded(arguments), seed: scenario.seed,
      replications: scenario.replications, shard: shard,
      results: zip(range, figures).map { ShardFile.IndexedResult(replication: $0, result: $1) })
    try Self.write(file, to: results)
    let (first, last, all) = (range.lowerBound + 1, range.upperBound, scenario.replications)
    let shown =
      range.isEmpty
      ? l.pick("no replications", "无重复")
      : l.pick("replications \(first)-\(last) of \(all)", "共 \(all) 次重复中的第 \(first)-\(last) 次")
    Console.out(
      l.pick(
        "gridsim \(command): slice \(shard) of \(path): \(shown), written to \(results)\n",
        "gridsim \(command)：\(path) 的分片 \(shard)：\(shown)，已写入 \(results)\n"))
    return .ok
  }
}
