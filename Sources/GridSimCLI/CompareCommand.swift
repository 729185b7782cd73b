import Foundation
import GridSim

/// `gridsim compare BASE CHANGED`: both on the same random numbers, paired differences, targets.
enum CompareCommand {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Compare two scenarios (or a scenario and an overrides file) on common random numbers.",
    arguments: "BASE CHANGED", minimumPositionals: 2, maximumPositionals: 2,
    options: ExperimentOptions.spec + [
      .flag("fail-on-worse", "Exit 1 when a target met by BASE is missed by CHANGED.")
    ] + ReportOptions.spec,
    discussion: """
      CHANGED is a scenario file, or an overrides file { overrides: { "key.path": value, ... } }
      applied to BASE. --set applies to both. Both run BASE's replications and seed (or the
      --replications and --seed given). Targets come from BASE. See Scenarios/README.md.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (options, report) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try ExperimentOptions(args), try ReportOptions(args))
    }
    let basePath = args.positionals[0]
    let changedPath = args.positionals[1]
    let base = try GridSimCommand.load(basePath, overrides: options.overrides)
    let changedScenario: Scenario
    switch try GridSimCommand.loadInput(changedPath, overrides: options.overrides) {
    case .scenario(let loaded): changedScenario = loaded.scenario
    case .overrides(let name, let overrides):
      var s: Scenario
      let result = InputFile.$projectRoot.withValue(GridSimCommand.projectRoot(of: basePath)) {
        Result { () throws(ScenarioError) in
          try ScenarioLoader.load(path: basePath, overrides: options.overrides + overrides).scenario
        }
      }
      do {
        // BASE's warnings were printed when it was loaded above.
        s = try result.get()
      } catch {
        throw .scenario(error, path: changedPath)
      }
      s.name = name ?? "\(base.scenario.name) + \(URL(fileURLWithPath: changedPath).lastPathComponent)"
      changedScenario = s
    }
    let baseScenario = options.applied(to: base.scenario)
    var changed = options.applied(to: changedScenario)
    changed.replications = baseScenario.replications
    changed.seed = baseScenario.seed
    let baseModel = Model(baseScenario)
    let changedModel = Model(changed)
    for model in [baseModel, changedModel] {
      try options.checkSize(model, replications: baseScenario.replications, spec: spec)
    }
    let n = baseScenario.replications
    let pairs = await options.pairs(
      base: baseModel, changed: changedModel, targets: baseScenario.targets, replications: n,
      seed: baseScenario.seed)
    let comparison = Comparison(pairs)
    if let unpaired = comparison.unpaired { Console.err("warning: \(unpaired).\n") }
    Console.out(
      ComparisonReport.render(
        comparison, base: (baseScenario.name, basePath), changed: (changed.name, changedPath),
        replications: n, seed: baseScenario.seed,
        language: LanguageOption.resolve(report.language, scenario: baseScenario.language)))
    try report.write(
      command: .compare, arguments: arguments,
      sections: [
        ReportBundle.Section(
          source: basePath,
          summary: Summary(model: baseModel, reduction: pairs.base, seed: baseScenario.seed),
          role: "base"),
        ReportBundle.Section(
          source: changedPath,
          summary: Summary(model: changedModel, reduction: pairs.changed, seed: baseScenario.seed),
          role: "changed"),
      ], comparison: comparison, ledgerModel: baseModel)
    if args.flag("fail-on-worse"), comparison.targets.contains(where: \.flippedToMiss) {
      return .targetMissed
    }
    return .ok
  }
}
