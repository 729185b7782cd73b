import Foundation
import GridSim

/// `gridsim fit LOG.csv --scenario BASE`: a scenario fitted to a work-order log.
enum FitCommand {
  static let spec = CommandSpec(
    name: "fit", abstract: "Fit a scenario's demand and handling times to a work-order log.",
    arguments: "LOG.csv", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value(
        "scenario", "BASE", "The scenario the fitted one extends (organization, calendar, policy, targets)."),
      .value("out", "FITTED.json5", "Write the fitted scenario here (default: print it on stdout)."),
      GridSimCommand.columnsOption,
      LanguageOption.option,
    ],
    discussion: """
      LOG.csv is UTF-8 or GB18030, one row per work order; columns are recognised by their headers
      in English (gridsim's own ledger.csv) or Chinese (工单编号, 受理时间, 所属网格, 诉求类别,
      网格员签收时间, ...): see Scenarios/README.md, "Work-order logs". Rows that cannot be used
      are listed with their line. The fitted scenario extends BASE and sets the arrival rate, the
      hour, weekday and day-kind profiles, the category, severity and channel mixes, and each
      tier's response and handling times and passUp share, each with a comment giving its rows and
      95% interval. Then check it against the log: gridsim validate-model FITTED.json5 --against LOG.csv
      Exit codes: 0 fitted; 64 usage; 65 invalid log or scenario; 66 missing file; 73 cannot write.
      """)

  static func main(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    guard let base = args.value("scenario") else {
      throw .usage("Name the scenario the fitted one extends: --scenario BASE.", spec)
    }
    let logPath = args.positionals[0]
    if let out = args.value("out"), FileManager.default.fileExists(atPath: out),
      InputFile.realPath(out) == InputFile.realPath(logPath)
    {
      throw .usage(
        "--out would replace the work-order log \(logPath), which is read; give another file.", spec)
    }
    let scenario = try GridSimCommand.load(base).scenario
    let model = Model(scenario)
    let log = try GridSimCommand.readLog(logPath, model: model, columns: args.value("columns"))
    let fit = HistoryFit(log, model: model)
    let out = args.value("out")
    let extends =
      out.map { relativePath(to: base, from: URL(fileURLWithPath: $0).deletingLastPathComponent().path) }
      ?? base
    let report = FitReport(fit, scenario: scenario, log: log)
    let text = report.scenarioText(base: extends)
    let given = try GridSimCommand.options(spec) { () throws(UsageError) in try LanguageOption.given(args) }
    let l = LanguageOption.resolve(given, scenario: scenario.language)
    if out == nil {
      Console.err(report.summary(language: l))
    } else {
      Console.out(report.summary(language: l))
    }
    guard let out else {
      Console.out(text)
      return .ok
    }
    if FileManager.default.fileExists(atPath: out), InputFile.realPath(out) == InputFile.realPath(base) {
      throw .usage("--out would replace the base scenario \(base); give another file.", spec)
    }
    // What is written must load: checked as the next command will read it.
    let check = InputFile.$projectRoot.withValue(GridSimCommand.projectRoot(of: out)) {
      Result { () throws(ScenarioError) in try ScenarioLoader.parse(text, path: out) }
    }
    if case .failure(.invalid(let problems)) = check {
      // Written outside the folder its base is in, it could not name the base.
      if problems.contains(where: { $0.message.contains("outside the project folder") }) {
        throw .usage(
          "--out \(out) is outside the project folder \(GridSimCommand.projectRoot(of: base)) that holds the base scenario, so the fitted scenario could not extend it; write it inside that folder (or set GRIDSIM_ROOT to a folder holding both).",
          spec)
      }
      Console.report(problems)
      throw .failed(
        "the fitted scenario does not load (a gridsim bug, please report it with the log's header); nothing was written.",
        .internalError)
    }
    do {
      try AtomicFile.write(text, to: out)
    } catch {
      throw .failed("\(error); nothing was written.", .cannotWrite)
    }
    Console.out(
      l.pick(
        "Wrote \(out) (extends \(extends)). Next: gridsim validate-model \(out) --against \(logPath)\n",
        "已写入 \(out)（继承 \(extends)）。下一步：gridsim validate-model \(out) --against \(logPath)\n"))
    return .ok
  }

  /// `target` as a path relative to the folder `from` (both taken from the working folder).
  static func relativePath(to target: String, from folder: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    func parts(_ p: String) -> [String] {
      URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL.path
        .split(separator: "/").map(String.init)
    }
    let t = parts(target)
    let f = parts(folder.isEmpty ? "." : folder)
    var common = 0
    while common < min(t.count - 1, f.count), t[common] == f[common] { common += 1 }
    // Nothing in common but the root: the absolute path.
    if common == 0 { return "/" + t.joined(separator: "/") }
    return (Array(repeating: "..", count: f.count - common) + t[common...]).joined(separator: "/")
  }
}
