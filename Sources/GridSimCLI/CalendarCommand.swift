import GridSim

/// `gridsim calendar YEAR` and `gridsim calendar due START DURATION`: the working calendar.
enum CalendarCommand {
  static let spec = CommandSpec(
    name: "calendar", abstract: "Show a year's working calendar, or when a deadline falls due.",
    arguments: "YEAR | due START DURATION", minimumPositionals: 1, maximumPositionals: 3,
    options: [
      .value("format", "text|csv", "For YEAR: a table (default) or CSV with date,weekday,kind,name."),
      .value(
        "scenario", "FILE", "Use this scenario's calendar and office hours (default: the built-in one)."),
      .value("tier", "ID", "With --scenario and due: use this tier's office hours."),
      LanguageOption.option,
    ],
    discussion: """
      Day kinds: workday, weekend, holiday, makeup-workday (a weekend day that is worked, 调休). China's
      2025 and 2026 holidays are built in; a scenario adds other years under 'calendar'.
      DURATION is a deadline as in a scenario: "4 h", "2 calendar days", "8 working hours",
      "3 working days", "same day". Example:
        gridsim calendar due 2026-09-30T10:00 "3 working days"   prints 2026-10-10T17:30
      """)

  static func main(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    func usage(_ message: String) -> CommandError { .usage(message, spec) }
    let (format, given) = try GridSimCommand.options(spec) { () throws(UsageError) in
      (try args.choice("format", ["text", "csv"]), try LanguageOption.given(args))
    }
    var scenarioLanguage: Scenario.Language?
    var settings = Scenario.CalendarSettings()
    var hours = settings.officeHours
    if let path = args.value("scenario") {
      let loaded = try GridSimCommand.load(path)
      settings = loaded.scenario.calendar
      scenarioLanguage = loaded.scenario.language
      hours = settings.officeHours
      if let id = args.value("tier") {
        guard let tier = loaded.scenario.tiers.first(where: { $0.id == id }) else {
          throw usage(
            "The scenario has no tier '\(id)'; its tiers are \(loaded.scenario.tiers.map(\.id).joined(separator: ", "))."
          )
        }
        hours = tier.officeHours ?? hours
      }
    } else if args.value("tier") != nil {
      throw usage("'--tier' needs '--scenario FILE'.")
    }

    let p = args.positionals
    if p[0] == "due" {
      guard p.count == 3 else {
        throw usage(
          "Expected 'gridsim calendar due START DURATION', for example: gridsim calendar due 2026-09-30T10:00 \"3 working days\"."
        )
      }
      if format != nil { throw usage("'--format' applies to 'gridsim calendar YEAR'.") }
      guard let start = LocalDateTime(parsing: p[1]) else {
        throw usage("The start '\(Console.shown(p[1]))' is not a local date-time such as 2026-09-30T10:00.")
      }
      guard let deadline = DeadlineSpec(parsing: p[2]) else {
        throw usage(
          "The duration '\(Console.shown(p[2]))' is not a deadline within 100 years (3,650 working days); write \"4 h\", \"2 calendar days\", \"8 working hours\", \"3 working days\" or \"same day\"."
        )
      }
      guard
        let due = CalendarReport.due(
          deadline, from: start, calendar: settings.days, hours: hours, sameDayCutoff: settings.sameDayCutoff)
      else {
        throw usage("The due time of \(deadline) from \(start) is more than ten years away.")
      }
      let years = settings.days.yearsWithoutData(from: start.dayNumber, to: due.dayNumber)
      if deadline.usesWorkingTime, !years.isEmpty {
        Console.err(
          "warning: no holiday data for \(years.map(String.init).joined(separator: ", ")): weekends only; pass --scenario with a calendar that has them\n"
        )
      }
      Console.out(due.description + "\n")
      return .ok
    }
    guard p.count == 1, let year = Int(p[0]), (1900...2200).contains(year) else {
      throw usage(
        "Expected a year from 1900 to 2200, or 'due START DURATION'; found '\(p.joined(separator: " "))'.")
    }
    let language = LanguageOption.resolve(given, scenario: scenarioLanguage)
    if format == "csv" {
      Console.out(CalendarReport.csv(year: year, calendar: settings.days, language: language))
    } else {
      Console.out(CalendarReport.text(year: year, calendar: settings.days, language: language))
    }
    return .ok
  }
}
