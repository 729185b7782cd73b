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
      .value("out", "DIR", "Also write sweep.csv and sweep.html into DIR (made when missing)."),
    ],
    discussion: """
      Every point runs with the scenario's seed, so the differences between points are the change's
      (common random numbers). At most 1,000 points. Exit codes: 0 some point meets every target;
      1 none does; 64 usage; 65 invalid scenario, value or rows file; 66 missing scenario or rows
      file; 73 cannot write DIR.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let options = try GridSimCommand.options(spec) { () throws(UsageError) in try ExperimentOptions(args) }
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
    let sweep: Sweep
    if let rows = args.value("rows") {
      guard axes.isEmpty else { throw .usage(UsageError("Give --vary or --rows, not both."), spec) }
      let text: String
      switch InputFile.readUTF8(rows) {
      case .success(let t): text = t
      case .failure(.notUTF8(let line, let byte)):
        throw .failed(
          "\(rows):\(line): not UTF-8 text (byte \(byte)); save it as CSV UTF-8.", .invalidScenario)
      case .failure(let problem): throw .failed("cannot read '\(rows)': \(problem.reason).", .missingInput)
      }
      switch Sweep.rows(csv: text) {
      case .success(let s): sweep = s
      case .failure(let problems):
        Console.report(
          problems.list.map {
            Diagnostic(
              .error, file: rows, line: $0.line, message: $0.message,
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
    // Every point is read and checked before any is run.
    var models: [(values: [String], model: Model)] = []
    for values in sweep.points {
      var overrides = options.overrides
      for a in sweep.assignments(values) {
        switch ScenarioOverride.parse(assignment: a) {
        case .success(let o): overrides.append(o)
        case .failure(let e): throw .usage(UsageError(e.message), spec)
        }
      }
      let loaded = try GridSimCommand.load(path, overrides: overrides)
      let scenario = options.applied(to: loaded.scenario)
      models.append((values, Model(scenario)))
    }
    let first = models[0].model.scenario
    try options.checkSize(models[0].model, replications: first.replications * models.count, spec: spec)
    var points: [SweepPoint] = []
    for (values, model) in models {
      let scenario = model.scenario
      let results = await options.run(model, replications: scenario.replications, seed: scenario.seed)
      points.append(
        SweepPoint(
          values: values, outcomes: scenario.targets.map { $0.evaluate(results, model: model) },
          staffHours: model.staffHours))
    }
    Console.out(
      SweepReport.text(sweep, points: points, targets: first.targets, name: first.name, source: path))
    if let directory = args.value("out") {
      do {
        try AtomicFile.writeAll(
          [
            (directory + "/sweep.csv", SweepReport.csv(sweep, points: points, targets: first.targets)),
            (
              directory + "/sweep.html",
              SweepReport.html(
                sweep, points: points, targets: first.targets, name: first.name, source: path,
                language: first.language)
            ),
          ],
          creating: directory)
      } catch {
        throw .failed("\(error); no sweep was written to '\(directory)'.", .cannotWrite)
      }
      Console.err(
        "Wrote the sweep to \(URL(fileURLWithPath: directory).standardizedFileURL.path)/ (sweep.csv, sweep.html).\n"
      )
    }
    return points.contains(where: \.met) || first.targets.isEmpty ? .ok : .targetMissed
  }
}
