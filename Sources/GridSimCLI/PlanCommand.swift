import Foundation
import GridSim

/// `gridsim plan SCENARIO`: the least staffing of the planned tiers, per shift and day, that meets
/// every target, certified on fresh seeds.
enum PlanCommand {
  static let spec = CommandSpec(
    name: "plan",
    abstract: "Find the least staffing per tier, shift and day that meets the targets, certified.",
    arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: ExperimentOptions.spec + [
      .value(
        "out", "DIR",
        "Also write roster.csv (load it with rosterFiles), plan.json, report.html and report.md into DIR."),
      .flag(
        "neighbours",
        "After certifying, judge every one-person change of the plan (one fewer, or one moved to a cheaper shift-day of the same unit) on the certification's seeds, and report the cheapest that meets every check."
      ),
      .flag("verbose", "Print each stage of the search and how long it took, on stderr."),
      ReportOptions.csvOption,
      LanguageOption.option,
    ],
    discussion: """
      The scenario's 'plan' key says which days and tiers to plan, within which bounds (see
      Scenarios/README.md, "Planning"). Exit codes: 0 a certified plan; 1 no plan within the bounds
      meets the targets, the targets need more people than a unit has after leave (the tier, day and
      shortfall are named), or the plan missed on fresh seeds (the targets that bind are named); 64
      usage; 65 invalid scenario, or no plan or no targets; 66 missing scenario; 73 cannot write DIR.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let options = try GridSimCommand.options(spec) { () throws(UsageError) in try ExperimentOptions(args) }
    let csv = try GridSimCommand.options(spec) { () throws(UsageError) in try ReportOptions.csvStyle(args) }
    let given = try GridSimCommand.options(spec) { () throws(UsageError) in try LanguageOption.given(args) }
    let path = args.positionals[0]
    let loaded = try GridSimCommand.load(path, overrides: options.overrides)
    let scenario = options.applied(to: loaded.scenario)
    var problems: [Diagnostic] = []
    if scenario.plan == nil {
      problems.append(
        Diagnostic(
          .error, file: path, keyPath: "plan",
          message: "the scenario has no 'plan', so there is nothing to plan",
          fix:
            "add plan: { window: \"spring-festival\", tiers: [\"village\", \"leadership\"] } (see Scenarios/README.md)"
        ))
    }
    if scenario.targets.isEmpty {
      problems.append(
        Diagnostic(
          .error, file: path, keyPath: "targets", message: "the scenario has no targets for a plan to meet",
          fix: "add targets: [{ name: \"...\", metric: \"responseOnTime\", atLeast: \"90%\" }]"))
    }
    guard problems.isEmpty, let problem = PlanProblem(scenario) else {
      Console.report(problems)
      throw .reported(.invalidScenario)
    }
    try options.checkSize(problem.models[0], replications: scenario.replications, kept: true, spec: spec)
    let verbose = args.flag("verbose")
    let planner = Planner(problem: problem, jobs: options.jobs)
    // On a terminal without --verbose: a status line with the evaluations so far.
    let language = LanguageOption.resolve(given, scenario: scenario.language)
    let result = await planner.run(
      neighbours: args.flag("neighbours"),
      progress: verbose ? say : nil,
      tick: verbose
        ? nil
        : { @Sendable n in
          Console.status(language.pick("gridsim plan: \(n) evaluations", "gridsim plan：已评估 \(n) 次"))
        })
    Console.clearStatus()
    let report = PlanReport(
      problem: problem, result: result, source: path,
      commandLine: ReportOptions.commandLine("plan", arguments),
      language: language)
    Console.out(report.text())
    if verbose {
      Console.err(
        "gridsim plan: \(result.evaluations) evaluations, \(result.simulations) simulations (\(result.fromSnapshots) went on from a snapshot) in \(String(format: "%.1f", result.seconds)) s\n"
      )
    }
    if let directory = args.value("out") {
      do {
        try report.write(to: directory, csv: csv)
      } catch {
        throw .failed("\(error); no plan was written to '\(directory)'.", .cannotWrite)
      }
      let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
      Console.err(
        language.pick(
          "Wrote the plan to \(folder)/ (roster.csv loads with rosterFiles; open report.html in a browser; re-check it with gridsim check \(path) --plan \(folder)/plan.json).\n",
          "方案已写入 \(folder)/（roster.csv 可用 rosterFiles 载入；用浏览器打开 report.html；复核：gridsim check \(path) --plan \(folder)/plan.json）。\n"
        ))
    }
    return result.verdict == .certified ? .ok : .targetMissed
  }

  @Sendable private static func say(_ stage: String) {
    Console.err("gridsim plan: \(stage)\n")
  }
}
