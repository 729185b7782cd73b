import Foundation
import GridSim

/// `gridsim roster SCENARIO --people FILE`: the named duty roster (值班表) from the plan or the
/// scenario's roster, under the rules people work by.
enum RosterCommand {
  static let spec = CommandSpec(
    name: "roster",
    abstract: "Name who is on duty each shift-day (值班表), under the rules people work by.",
    arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value(
        "people", "FILE",
        "The people file: id, name, unit, role, post, phone, unavailable, not-shifts (required)."),
      .value(
        "plan", "FILE",
        "The headcounts of a plan.json written by 'gridsim plan --out' (default: the scenario's roster)."),
      .value("from", "DATE", "The first day (default: the scenario's plan window)."),
      .value("to", "DATE", "The last day (default: the scenario's plan window)."),
      .value("previous", "FILE", "A duty-roster.csv to change as little as possible (a re-plan)."),
      .value(
        "swaps", "FILE", "Swaps and replacements (date, unit, shift, from, to, reason), checked and applied."),
      .value(
        "out", "DIR", "Write duty-roster.csv, .md, .html, fairness.csv, swaps.csv and people/ID.ics into DIR."
      ),
      .flag("no-check", "Do not feed the roster's headcounts back into the simulation to judge the targets."),
      .repeated("set", "KEY.PATH=VALUE", "Override a scenario value (as for run; repeatable)."),
      LanguageOption.option,
      ReportOptions.csvOption,
    ],
    discussion: """
      Every shift-day of the units that have people in the file is staffed from the unit's own
      people: one shift at a time, no shift on a day of leave or a shift they may not take, rest
      after a night, at most so many days in a row, hours within their kind of post's limits, and
      a leader on duty each day where the roster's 'leader' asks for one (the scenario's
      'rosterRules' change any of these; see Scenarios/README.md, "Duty rosters"). Duties, nights,
      holidays and hard days (除夕, 初一, 1 October) are spread evenly, hard days rotated against
      last year. With --previous, as few seats as possible change hands; with --swaps, each swap
      is checked against the rules (refused with the rule it breaks) and applied.
      Exit codes: 0 a roster; 1 no roster keeps every rule (each shift-day that cannot be filled is
      named, with how many people it needs and has), or its headcounts miss a target; 64 usage; 65
      invalid scenario or file; 66 missing file; 73 cannot write DIR.
      """)

  static func main(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    let (given, csv) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try LanguageOption.given(args), try ReportOptions.csvStyle(args))
    }
    guard let peoplePath = args.value("people") else {
      throw .usage("Missing '--people FILE': the people to put on duty.", spec)
    }
    let overrides = try GridSimCommand.options(spec) { () throws(UsageError) in
      try ExperimentOptions(args).overrides
    }
    let path = args.positionals[0]
    let scenario = try GridSimCommand.load(path, overrides: overrides).scenario
    let language = LanguageOption.resolve(given, scenario: scenario.language)
    // The days.
    var days: ClosedRange<Int>
    if let plan = scenario.plan {
      days = plan.days
    } else {
      days = scenario.period.start.dayNumber...scenario.period.start.dayNumber
    }
    func date(_ name: String) throws(CommandError) -> Int? {
      guard let text = args.value(name) else { return nil }
      guard let d = LocalDateTime(parsing: text) else {
        throw .usage("--\(name) expects a date such as 2026-02-15, found '\(Console.shown(text))'.", spec)
      }
      return d.dayNumber
    }
    let from = try date("from")
    let to = try date("to")
    if scenario.plan == nil && (from == nil || to == nil) {
      throw .usage("The scenario has no 'plan' window: give the days with --from DATE --to DATE.", spec)
    }
    days = (from ?? days.lowerBound)...max(from ?? days.lowerBound, to ?? days.upperBound)
    if let from, let to, to < from { throw .usage("--to is before --from.", spec) }
    if days.count > 366 { throw .usage("At most 366 days in one roster.", spec) }

    let people: DutyPeople
    switch DutyPeople.read(path: peoplePath, scenario: scenario) {
    case .success(let p): people = p
    case .failure(let error): throw .scenario(error, path: peoplePath)
    }
    var extra: [String: [Roster.Entry]] = [:]
    // A plan's certificate, to judge the roster as the plan was judged.
    var certificate: (PlanProblem, PlanCertificate)?
    if let planPath = args.value("plan") {
      let text = try readText(planPath)
      switch DutyRosterProblem.planEntries(text) {
      case .success(let entries): extra = entries
      case .failure(let e): throw .failed("\(planPath): \(e.message).", .invalidScenario)
      }
      // Only to judge: with --no-check an older plan.json still gives its headcounts.
      if !args.flag("no-check"), !scenario.targets.isEmpty, let problem = PlanProblem(scenario) {
        switch PlanCertificate.read(text, file: planPath, problem: problem) {
        case .success(let c): certificate = (problem, c)
        case .failure(let error):
          Console.report(error.problems)
          throw .reported(.invalidScenario)
        }
      }
    }
    var problem = DutyRosterProblem(scenario: scenario, people: people.people, days: days, extra: extra)
    if problem.slots.isEmpty {
      throw .failed(
        "\(path): no shift of the people's units is staffed from \(PlanReportDates.iso(days.lowerBound)) to \(PlanReportDates.iso(days.upperBound)); check the days and the units' rosters.",
        .invalidScenario)
    }
    var notes: [Diagnostic] = []
    if let previousPath = args.value("previous") {
      let text = try readText(previousPath)
      notes += problem.readPrevious(text, path: previousPath)
      // The text is held: the folder it is in may be the one this run replaces.
      InputFile.release(previousPath)
    }
    var swaps: [DutySwap] = []
    if let swapsPath = args.value("swaps") {
      let text = try readText(swapsPath)
      let (read, problems) = problem.readSwaps(text, path: swapsPath)
      swaps = read
      notes += problems
    }
    Console.report(notes)
    if notes.hasErrors { throw .reported(.invalidScenario) }

    let roster = DutyRosterSolver.solve(problem)
    var report = DutyRosterReport(
      roster: roster, swaps: swaps, language: language, source: path,
      commandLine: ReportOptions.commandLine("roster", arguments), timeZone: scenario.period.timeZone)
    guard roster.isComplete else {
      Console.out(report.text())
      Console.err(language.pick("No roster was written.\n", "未写出值班表。\n"))
      return .targetMissed
    }
    if !args.flag("no-check"), !scenario.targets.isEmpty {
      report.judgement = await roster.judge(
        scenario: scenario, certificate: certificate, jobs: ProcessInfo.processInfo.activeProcessorCount,
        progress: { done in Console.progress(done, of: scenario.replications, label: "replications") })
    }
    Console.out(report.text())
    let missed = report.judgement.map { !$0.met } == true
    if let directory = args.value("out") {
      do {
        try report.write(to: directory, csv: csv)
      } catch {
        throw .failed("\(error); no roster was written to '\(directory)'.", .cannotWrite)
      }
      let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
      let replaced =
        args.value("previous").map {
          URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path == folder
        } == true
      Console.err(
        language.pick(
          "Wrote the duty roster to \(folder)/\(replaced ? " (replacing the previous roster it was read from)" : "") (open duty-roster.html in a browser to print).\n",
          "值班表已写入 \(folder)/\(replaced ? "（替换了读取的上一版值班表）" : "")（用浏览器打开 duty-roster.html 打印）。\n"))
    }
    return missed ? .targetMissed : .ok
  }

  /// A file's text (UTF-8 or GB18030), or the command's error: 66 when it cannot be read.
  static func readText(_ path: String) throws(CommandError) -> String {
    switch InputFile.readBytes(path) {
    case .success(let bytes):
      switch TextEncoding.decode(bytes) {
      case .success(let decoded): return decoded.text
      case .failure: throw .failed("\(path): expected UTF-8 or GB18030 text.", .invalidScenario)
      }
    case .failure(let problem):
      throw .scenario(.unreadable(path: path, reason: problem.reason), path: path)
    }
  }
}

/// Dates as reports write them.
enum PlanReportDates {
  static func iso(_ day: Int) -> String { LocalDateTime(minutes: Int64(day) * 1440).dateDescription }
}
