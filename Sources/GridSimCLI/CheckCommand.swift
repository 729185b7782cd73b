import Foundation
import GridSim

/// `gridsim check SCENARIO...`: run each scenario and judge its targets; the CI gate.
enum CheckCommand {
  static let spec = CommandSpec(
    name: "check", abstract: "Run scenarios and judge their targets (exit 1 when one is missed).",
    arguments: "SCENARIO...", minimumPositionals: 1, maximumPositionals: nil,
    options: ExperimentOptions.spec + [
      .value("junit", "FILE", "Also write the results as JUnit XML (one test case per target)."),
      .value(
        "plan", "FILE",
        "Re-run the certificate of a plan (the plan.json of 'gridsim plan --out'): its roster on its seeds, judged day by day and surge by surge."
      ),
    ] + ReportOptions.spec + ShardOptions.spec,
    discussion: """
      Exit codes: 0 every target met; 1 a target missed; 64 usage; 65 invalid scenario or no targets;
      66 missing scenario; 73 the JUnit file cannot be written. Every scenario is read and checked
      before any is run. Targets are described in Scenarios/README.md. With --shard K/N --results
      FILE (one scenario), only slice K of N of the replications runs and its results go to FILE;
      'gridsim merge' of all N files judges the targets exactly as the unsharded check would. With
      --plan FILE (one scenario, the one planned), the plan's headcounts are laid on the scenario
      and its certificate re-run exactly: the same seeds, replications, surges and checks, with the
      figures 'gridsim plan' reported; exit 1 when a check is missed.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (options, report, shard) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try ExperimentOptions(args), try ReportOptions(args), try ShardOptions(args))
    }
    if shard.shard != nil, args.positionals.count > 1 {
      throw .usage("'--shard' runs a slice of one scenario; give one scenario per job.", spec)
    }
    if let file = args.value("plan") {
      guard args.positionals.count == 1, shard.shard == nil, report.directory == nil,
        args.value("junit") == nil
      else {
        throw .usage(
          "'--plan' re-checks one plan against the one scenario it was made from (no --shard, --out or --junit).",
          spec)
      }
      return try await checkPlan(file, path: args.positionals[0], options: options, language: report.language)
    }
    // Every scenario is read and its problems printed before any is run.
    var loaded: [(path: String, scenario: Scenario)] = []
    var failure: ExitCode?
    var errored: [TargetReport.Suite] = []
    for path in args.positionals {
      do throws(CommandError) {
        let l = try GridSimCommand.load(path, overrides: options.overrides)
        guard !l.scenario.targets.isEmpty else {
          let problem = Diagnostic(
            .error, file: path, keyPath: "targets",
            message: "the scenario has no targets, so there is nothing to check",
            fix:
              "add targets: [{ name: \"...\", metric: \"responseOnTime\", tier: \"...\", atLeast: \"95%\" }]")
          Console.report([problem])
          errored.append(TargetReport.Suite(file: path, error: problem.description))
          throw .reported(.invalidScenario)
        }
        loaded.append((path, options.applied(to: l.scenario)))
      } catch {
        // As in validate: a missing file wins, else the first problem.
        let code = error.report()
        if failure == nil || code == .missingInput { failure = code }
        if case .reported = error {
        } else {
          errored.append(TargetReport.Suite(file: path, error: error.text))
        }
      }
    }
    if let failure {
      // CI shows why: the JUnit file has an errored test case for each scenario that did not load.
      if let junit = args.value("junit"), shard.shard == nil {
        do {
          try AtomicFile.write(TargetReport.junit(errored), to: junit)
        } catch {
          Console.err("Error: \(error); no JUnit file was written.\n")
        }
      }
      throw .reported(failure)
    }
    let models = loaded.map { Model($0.scenario) }
    if let slice = shard.shard {
      let (path, scenario) = loaded[0]
      try options.checkSize(
        models[0], replications: slice.replications(of: scenario.replications).count, kept: true, spec: spec)
      return try await shard.runSlice(
        command: "check", path: path, scenario: scenario, model: models[0], options: options,
        arguments: arguments, overrides: args.all("set"),
        language: LanguageOption.resolve(report.language, scenario: scenario.language))
    }
    for (model, (_, scenario)) in zip(models, loaded) {
      try options.checkSize(model, replications: scenario.replications, spec: spec)
    }

    var suites: [TargetReport.Suite] = []
    var sections: [ReportBundle.Section] = []
    var firstModel: Model?
    let clock = ContinuousClock()
    for (i, (path, scenario)) in loaded.enumerated() {
      let model = models[i]
      let started = clock.now
      let reduction = await options.reduce(model, replications: scenario.replications, seed: scenario.seed)
      let elapsed = clock.now - started
      let outcomes = scenario.targets.enumerated().map { $1.evaluate(reduction, index: $0) }
      if report.directory != nil {
        sections.append(
          ReportBundle.Section(
            source: path, summary: Summary(model: model, reduction: reduction, seed: scenario.seed)))
        if firstModel == nil { firstModel = model }
      }
      if i > 0 { Console.out("\n") }
      let language = LanguageOption.resolve(report.language, scenario: loaded[0].scenario.language)
      Console.out(
        TargetReport.header(
          scenario.name, source: path, replications: scenario.replications, seed: scenario.seed,
          language: language))
      Console.out(TargetReport.table(outcomes, language: language))
      suites.append(
        TargetReport.Suite(
          name: scenario.name, file: path, replications: scenario.replications, seed: scenario.seed,
          seconds: elapsed.seconds,
          outcomes: outcomes))
    }
    if let junit = args.value("junit") {
      do {
        try AtomicFile.write(TargetReport.junit(suites), to: junit)
      } catch {
        throw .failed("\(error); the results above were not saved as JUnit XML.", .cannotWrite)
      }
    }
    try report.write(command: .check, arguments: arguments, sections: sections, ledgerModel: firstModel)
    let missed = suites.contains { $0.outcomes.contains { !$0.met } }
    return missed ? .targetMissed : .ok
  }

  /// `check SCENARIO --plan plan.json`: the certificate re-run.
  static func checkPlan(
    _ file: String, path: String, options: ExperimentOptions, language: Scenario.Language?
  ) async throws(CommandError) -> ExitCode {
    let loaded = try GridSimCommand.load(path, overrides: options.overrides)
    let scenario = options.applied(to: loaded.scenario)
    guard let problem = PlanProblem(scenario) else {
      Console.report([
        Diagnostic(
          .error, file: path, keyPath: "plan",
          message: "the scenario has no 'plan', so no plan can be checked against it",
          fix: "give the scenario the plan was made from")
      ])
      throw .reported(.invalidScenario)
    }
    let text: String
    switch InputFile.readUTF8(file) {
    case .success(let t): text = t
    case .failure(let problem):
      throw .failed(
        "cannot read the plan '\(file)': \(problem.reason).",
        problem == .missing ? .missingInput : .invalidScenario)
    }
    let certificate: PlanCertificate
    switch PlanCertificate.read(text, file: file, problem: problem) {
    case .success(let c): certificate = c
    case .failure(let error):
      Console.report(error.problems)
      throw .reported(.invalidScenario)
    }
    let evaluation = await Planner.recheck(certificate, problem: problem, jobs: options.jobs)
    let report = PlanReport(
      problem: problem, recheck: evaluation, certificate: certificate, source: path,
      language: LanguageOption.resolve(language, scenario: scenario.language))
    Console.out(report.recheckText(certificate: certificate, file: file))
    return evaluation.feasible ? .ok : .targetMissed
  }
}
