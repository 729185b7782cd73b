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
      LanguageOption.option,
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
    let (overrides, given) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try ExperimentOptions.overrides(args), try LanguageOption.given(args))
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
          let l = LanguageOption.resolve(given, scenario: drill.pack.language ?? drill.scenario.language)
          let (injects, objectives) = (drill.pack.injects.count, drill.pack.objectives.count)
          Console.out(
            l.pick(
              "\(path): ok: drill pack against \(drill.scenarioFile), \(injects) injects"
                + (contingencies > 0 ? " (\(contingencies) conditional)" : "")
                + ", \(objectives) objectives, \(actions) expected actions\n",
              "\(path)：通过：演练包，对应方案 \(drill.scenarioFile)，\(injects) 个注入"
                + (contingencies > 0 ? "（其中 \(contingencies) 个为条件注入）" : "")
                + "，\(objectives) 项目标，\(actions) 个预期动作\n"))
          continue
        }
        switch try GridSimCommand.loadInput(path, overrides: overrides) {
        case .scenario(let loaded):
          let model = Model(loaded.scenario)
          let warnings = loaded.warnings.count
          let targets = loaded.scenario.targets.count
          let l = LanguageOption.resolve(given, scenario: loaded.scenario.language)
          let (tiers, units, staff) = (model.tierCount, model.unitTier.count, model.tierStaff.reduce(0, +))
          let items = Format.count(model.expectedArrivals)
          Console.out(
            l.pick(
              "\(path): ok: \(tiers) tiers, \(units) units, \(staff) staff, about \(items) items"
                + (targets > 0 ? ", \(targets) target\(targets == 1 ? "" : "s")" : "")
                + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "\n",
              "\(path)：通过：\(tiers) 个层级，\(units) 个单位，\(staff) 人，约 \(items) 件"
                + (targets > 0 ? "，\(targets) 项目标" : "") + (warnings > 0 ? "，\(warnings) 条警告" : "") + "\n"))
          for file in loaded.scenario.spreadsheets {
            Console.out(
              l.pick(
                "  read \(file.path) as \(file.encoding.rawValue)\n",
                "  已按 \(file.encoding.rawValue) 读取 \(file.path)\n"))
          }
        case .overrides(_, let list):
          let l = LanguageOption.resolve(given)
          let n = list.count
          guard let base = args.value("base") else {
            Console.out(
              l.pick(
                "\(path): ok: overrides file, \(n) override\(n == 1 ? "" : "s") (pass --base SCENARIO to check the values)\n",
                "\(path)：通过：覆盖文件，\(n) 项覆盖（加 --base SCENARIO 可检查取值）\n"))
            continue
          }
          _ = try GridSimCommand.load(base, overrides: overrides + list)
          Console.out(
            l.pick(
              "\(path): ok: \(n) override\(n == 1 ? "" : "s") applied to \(base)\n",
              "\(path)：通过：\(n) 项覆盖已应用于 \(base)\n"))
        }
      } catch {
        let code = error.report()
        if code == .missingInput || worst == .ok { worst = code }
      }
    }
    return worst
  }
}
