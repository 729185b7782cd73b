import GridSim

/// `gridsim validate SCENARIO...`: report every problem in each file, run nothing.
enum ValidateCommand {
  static let spec = CommandSpec(
    name: "validate", abstract: "Report every problem in scenario files and drill packs; run nothing.",
    arguments: "SCENARIO|PACK...",
    minimumPositionals: 1, maximumPositionals: nil,
    options: [
      .value("base", "FILE", "Check overrides files by applying them to this scenario."),
      .repeated("set", "KEY.PATH=VALUE", "Check the scenarios with this override applied (repeatable)."),
    ],
    discussion: """
      Exit status: 0 when every file is valid, 65 when one has errors, 66 when one cannot be read.
      An overrides file ({ overrides: { ... } }) is checked on its own unless --base names the
      scenario it applies to. A drill pack is checked with the scenario it names: its injects,
      objectives and pass criteria, and that every expected action has a deadline.
      """
  )

  static func main(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let overrides = try GridSimCommand.options(spec) { () throws(UsageError) in
      try ExperimentOptions.overrides(args)
    }
    // Every file is checked; the exit code is the worst (a missing file wins).
    var worst = ExitCode.ok
    for path in args.positionals {
      do throws(CommandError) {
        if DrillLoader.isPack(path: path) {
          let drill = try DrillCommand.load(path)
          let timeline = drill.script
          let actions = timeline.releases.reduce(0) { $0 + $1.expectations.count }
          let contingencies = timeline.releases.filter(\.conditional).count
          Console.out(
            "\(path): ok: drill pack against \(drill.scenarioFile), \(drill.pack.injects.count) injects"
              + (contingencies > 0 ? " (\(contingencies) conditional)" : "")
              + ", \(drill.pack.objectives.count) objectives, \(actions) expected actions\n")
          continue
        }
        switch try GridSimCommand.loadInput(path, overrides: overrides) {
        case .scenario(let loaded):
          let model = Model(loaded.scenario)
          let warnings = loaded.warnings.count
          let targets = loaded.scenario.targets.count
          Console.out(
            "\(path): ok: \(model.tierCount) tiers, \(model.unitTier.count) units, \(model.tierStaff.reduce(0, +)) staff, about \(Format.count(model.expectedArrivals)) items"
              + (targets > 0 ? ", \(targets) target\(targets == 1 ? "" : "s")" : "")
              + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "\n")
          for file in loaded.scenario.spreadsheets {
            Console.out("  read \(file.path) as \(file.encoding.rawValue)\n")
          }
        case .overrides(_, let list):
          let n = "\(list.count) override\(list.count == 1 ? "" : "s")"
          guard let base = args.value("base") else {
            Console.out("\(path): ok: overrides file, \(n) (pass --base SCENARIO to check the values)\n")
            continue
          }
          _ = try GridSimCommand.load(base, overrides: overrides + list)
          Console.out("\(path): ok: \(n) applied to \(base)\n")
        }
      } catch {
        let code = error.report()
        if code == .missingInput || worst == .ok { worst = code }
      }
    }
    return worst
  }
}
