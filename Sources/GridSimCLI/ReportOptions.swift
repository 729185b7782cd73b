import Foundation
import GridSim

/// `--out DIR`, `--lang` and `--ledger`: the report folder that run, check and compare can write.
struct ReportOptions {
  static let spec: [CommandSpec.Option] = [
    .value(
      "out", "DIR",
      "Also write report.html, report.md, summary.json, daily.csv and tiers.csv into DIR (made when missing)."
    ),
    LanguageOption.option,
    .flag(
      "ledger",
      "With --out: also write ledger.csv, every item of the first replication with its times at each tier."
    ),
    csvOption,
  ]

  /// `--csv excel|plain`: the CSV files written with a byte-order mark for Excel and WPS, or not.
  static let csvOption = CommandSpec.Option.value(
    "csv", "excel|plain",
    "CSV files for Excel/WPS (UTF-8 with a byte-order mark) or plain UTF-8 (default: $GRIDSIM_CSV, else plain)."
  )

  /// The CSV style: `--csv`, else `GRIDSIM_CSV`, else plain.
  static func csvStyle(_ args: ParsedArguments) throws(UsageError) -> CSVStyle {
    let choices = CSVStyle.allCases.map(\.rawValue)
    if let given = try args.choice("csv", choices) { return CSVStyle(rawValue: given) ?? .plain }
    guard let value = ProcessInfo.processInfo.environment[CSVStyle.environmentKey], !value.isEmpty else {
      return .plain
    }
    guard let style = CSVStyle(rawValue: value) else {
      throw UsageError(
        "\(CSVStyle.environmentKey) is '\(Console.shown(value))'; expected \(choices.joined(separator: " or "))."
      )
    }
    return style
  }

  var directory: String?
  var language: ReportLanguage.Code?
  var ledger: Bool
  var csv: CSVStyle

  init(_ args: ParsedArguments) throws(UsageError) {
    directory = args.value("out")
    csv = try Self.csvStyle(args)
    language = try args.choice("lang", ReportLanguage.Code.allCases.map(\.rawValue)).flatMap(
      ReportLanguage.Code.init(rawValue:))
    ledger = args.flag("ledger")
    if directory == nil {
      if ledger { throw UsageError("--ledger needs --out DIR: the ledger is written into DIR.") }
      if args.value("csv") != nil {
        throw UsageError("--csv needs --out DIR: it is how DIR's CSV files are written.")
      }
    }
  }

  /// The command line a report names as its source: the arguments without the output options.
  static func commandLine(_ command: String, _ arguments: [String]) -> String {
    let kept = dropping(["--out", "--jobs", "--csv"], flags: ["--ledger"], from: arguments).map {
      $0.contains(" ") || $0.contains("\"") ? "'\($0)'" : $0
    }
    return (["gridsim", command] + kept).joined(separator: " ")
  }

  /// The arguments without the given options (with their values, as `--opt V` or `--opt=V`) and
  /// flags.
  static func dropping(_ options: [String], flags: [String], from arguments: [String]) -> [String] {
    var kept: [String] = []
    var skipNext = false
    for a in arguments {
      if skipNext {
        skipNext = false
        continue
      }
      if options.contains(a) {
        skipNext = true
        continue
      }
      if flags.contains(a) || options.contains(where: { a.hasPrefix($0 + "=") }) { continue }
      kept.append(a)
    }
    return kept
  }

  /// Writes the report folder when --out was given; exit 73 with a message when it cannot be.
  func write(
    command: ReportBundle.Command, arguments: [String], sections: [ReportBundle.Section],
    comparison: Comparison? = nil, ledgerModel: Model? = nil
  ) throws(CommandError) {
    guard let directory else { return }
    let reportLanguage = ReportLanguage(language ?? sections[0].summary.language)
    var ledgerText: String?
    if ledger, let model = ledgerModel {
      var simulation = Simulation(model: model, seed: model.scenario.seed, replication: 0, ledger: true)
      _ = simulation.run()
      ledgerText = simulation.ledger.map { LedgerCSV.render($0, model: model, language: reportLanguage) }
    }
    let bundle = ReportBundle(
      command: command, sections: sections, comparison: comparison, language: reportLanguage,
      commandLine: Self.commandLine(command.rawValue, arguments), ledger: ledgerText)
    do {
      try bundle.write(to: directory, csv: csv)
    } catch {
      throw .failed("\(error); no report was written to '\(directory)'.", .cannotWrite)
    }
    // On stderr, so that stdout is the same with or without --out.
    let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
    Console.err(
      reportLanguage.pick(
        "Wrote the report to \(folder)/ (open report.html in a browser).\n",
        "报告已写入 \(folder)/（用浏览器打开 report.html）。\n"))
  }
}

/// `--lang zh|en`, which every command takes: the language of what it prints and writes (error
/// messages and `--help` stay English).
enum LanguageOption {
  static let option = CommandSpec.Option.value(
    "lang", "zh|en",
    "Language of what is printed and written (default: the scenario's 'language'; without one, $LANG, else en)."
  )

  /// The language `--lang` names, if it names one.
  static func given(_ args: ParsedArguments) throws(UsageError) -> Scenario.Language? {
    try args.choice("lang", Scenario.Language.allCases.map(\.rawValue)).flatMap(
      Scenario.Language.init(rawValue:))
  }

  /// `given`, else the scenario's language, else (a command without a scenario) Chinese when
  /// `LANG` or `LC_ALL` says so, else English.
  static func resolve(_ given: Scenario.Language?, scenario: Scenario.Language? = nil) -> ReportLanguage {
    if let code = given ?? scenario { return ReportLanguage(code) }
    let environment = ProcessInfo.processInfo.environment
    let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
    return ReportLanguage(locale.lowercased().hasPrefix("zh") ? .zh : .en)
  }
}
