import GridSim

/// `gridsim validate SCENARIO...`: report every problem in each file, run nothing.
enum ValidateCommand {
  static let spec = CommandSpec(
    name: "validate", abstract: "Report every problem in scenario files; run nothing.",
    arguments: "SCENARIO...",
    minimumPositionals: 1, maximumPositionals: nil, options: [],
    discussion: "Exit status: 0 when every file is valid, 65 when one has errors, 66 when one cannot be read."
  )

  static func main(_ arguments: [String]) -> ExitCode {
    var code = ExitCode.ok
    guard let args = GridSimCommand.parse(spec, arguments).get(orExit: &code) else { return code }
    var worst = ExitCode.ok
    for path in args.positionals {
      switch GridSimCommand.load(path) {
      case .success(let loaded):
        let model = Model(loaded.scenario)
        let warnings = loaded.warnings.count
        Console.out(
          "\(path): ok: \(model.tierCount) tiers, \(model.unitTier.count) units, \(model.tierStaff.reduce(0, +)) staff, about \(Format.count(model.expectedArrivals)) items"
            + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "\n")
      case .failure(let c):
        if c == .missingInput || worst == .ok { worst = c }
      }
    }
    return worst
  }
}
