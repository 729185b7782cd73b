import Foundation
import GridSim

/// `gridsim validate-model SCENARIO --against LOG.csv`: does the scenario match what happened?
enum ValidateModelCommand {
  static let spec = CommandSpec(
    name: "validate-model",
    abstract: "Compare a scenario's measures with a work-order log's, measure by measure.",
    arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("against", "LOG.csv", "The work-order log (UTF-8 or GB18030; see Scenarios/README.md)."),
      GridSimCommand.columnsOption,
      .value("replications", "N", "Replications to compare the log with (default 40; 2 to 1000)."),
      .value(
        "out", "DIR", "Also write validation.csv, daily.csv, validation.md and validation.html into DIR."),
      .repeated(
        "set", "KEY.PATH=VALUE", "Override a scenario value (repeatable), to try a change against the log."),
      ReportOptions.csvOption,
      LanguageOption.option,
    ],
    discussion: """
      The same measures are taken from the log and from each replication's ledger, over the days
      the log covers inside the scenario's measured period: arrivals per day, first response and
      resolution times (mean, p90), the share closed, per tier the visits, time at the tier and
      the share passed up, the shares answered and closed on time where the log has due times,
      the end-of-day backlog; the whole-system measures also per key-date window and per week.
      The log is one history, so each measure is judged against the range of single replications
      (from the j-th smallest to the j-th largest of n, j = max(1, floor(0.025 (n+1)))): a right
      model's measure falls outside it with a chance of 2j/(n+1) (4.9% with 40 replications,
      22% with 8). The scenario matches the log unless more measures fall outside than chance
      allows (the 95% quantile of Binomial(measures, 2j/(n+1))).
      Exit codes: 0 consistent with the log; 1 more measures outside than chance allows; 64 usage; 65
      invalid log or scenario; 66 missing file; 73 cannot write DIR.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (replications, csv, overrides) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (
        try args.integer("replications", in: 2...1000) ?? 40, try ReportOptions.csvStyle(args),
        try ExperimentOptions.overrides(args)
      )
    }
    guard let logPath = args.value("against") else {
      throw .usage("Name the work-order log: --against LOG.csv.", spec)
    }
    let path = args.positionals[0]
    let scenario = try GridSimCommand.load(path, overrides: overrides).scenario
    let model = Model(scenario)
    let log = try GridSimCommand.readLog(logPath, model: model, columns: args.value("columns"))
    let validation = await ModelValidation.run(
      log: log, model: model, replications: replications, seed: scenario.seed,
      jobs: ProcessInfo.processInfo.activeProcessorCount)
    guard validation.observedItems > 0 else {
      throw .failed(
        "no item of \(logPath) was detected inside the measured period of \(path) (\(scenario.period.start.description) to \(scenario.period.end.description), after the warm-up); set the scenario's period to the log's.",
        .invalidScenario)
    }
    let language = try GridSimCommand.options(spec) { () throws(UsageError) in try LanguageOption.given(args)
    }
    let report = ValidationReport(
      validation, scenarioName: scenario.name, source: path, logPath: logPath,
      language: LanguageOption.resolve(language, scenario: scenario.language))
    Console.out(report.text())
    if let directory = args.value("out") {
      do {
        try AtomicFile.writeFolder(report.files(), to: directory, csv: csv)
      } catch {
        throw .failed("\(error); nothing was written to '\(directory)'.", .cannotWrite)
      }
      Console.err(
        report.language.pick(
          "Wrote the validation to \(URL(fileURLWithPath: directory).standardizedFileURL.path)/ (open validation.html).\n",
          "检验结果已写入 \(URL(fileURLWithPath: directory).standardizedFileURL.path)/（打开 validation.html）。\n"))
    }
    return validation.consistent ? .ok : .targetMissed
  }
}
