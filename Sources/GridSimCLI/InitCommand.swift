import Foundation
import GridSim

/// `gridsim init DIR`: a township's first scenario, ready to run and to edit.
enum InitCommand {
  static let spec = CommandSpec(
    name: "init", abstract: "Write a township's first scenario (commented, valid, ready to run) into DIR.",
    arguments: "DIR", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("villages", "N", "Villages in the township (default 6)."),
      .value("grids-per-village", "N", "Grids in each village (default 4)."),
      .value("preset", "NAME", "The built-in policy preset (default park-procedure)."),
      .value("lang", "zh|en", "The language of the comments, names and reports (default zh)."),
      ReportOptions.csvOption,
    ],
    discussion: """
      Writes scenario.json5 (three tiers with rosters, office hours and holiday duty, the calendar,
      a policy preset, National Day 2026 as the key window, targets and a plan), roster.csv,
      people.csv (for 'gridsim roster') and a README.md saying what to edit first. Every figure marked OURS (示例) is a guess to change.
      DIR is made when missing; existing files are never replaced. Then:
        gridsim validate DIR/scenario.json5 && gridsim run DIR/scenario.json5
      Exit codes: 0 written; 64 usage (or DIR already holds them); 73 cannot write.
      """)

  static func main(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(spec, arguments)
    var options = Starter.Options()
    var csv = CSVStyle.plain
    try GridSimCommand.options(spec) { () throws(UsageError) in
      csv = try ReportOptions.csvStyle(args)
      if let n = try args.integer("villages", in: 1...500) { options.villages = n }
      if let n = try args.integer("grids-per-village", in: 1...100) { options.gridsPerVillage = n }
      if let l = try args.choice("lang", ["zh", "en"]) { options.language = l == "en" ? .en : .zh }
      if let p = args.value("preset") {
        guard Starter.presets.contains(p) else {
          let guess = Suggestion.closest(to: p, in: Starter.presets).map { " Did you mean '\($0)'?" } ?? ""
          throw UsageError(
            "There is no built-in preset '\(Console.shown(p))'.\(guess) Presets: \(Starter.presets.joined(separator: ", "))."
          )
        }
        options.preset = p
      }
    }
    let directory = args.positionals[0]
    let files = Starter.files(options)
    let existing = files.map(\.name).filter {
      FileManager.default.fileExists(atPath: directory + "/" + $0)
    }
    guard existing.isEmpty else {
      throw .usage(
        "\(directory) already has \(existing.joined(separator: ", ")); gridsim init never replaces files. Give a new folder.",
        spec)
    }
    do {
      try AtomicFile.writeFolder(files.map { ($0.name, $0.text) }, to: directory, csv: csv, report: false)
    } catch {
      throw .failed("\(error); nothing was written to '\(directory)'.", .cannotWrite)
    }
    if options.language == .zh {
      Console.out(
        """
        已写入 \(directory)/scenario.json5、roster.csv、people.csv 和 README.md（\(options.villages) 个村，每村 \(options.gridsPerVillage) 个网格，预案 \(options.preset)）。
        下一步：先改标有“示例”的数字，然后
          gridsim validate \(directory)/scenario.json5
          gridsim run \(directory)/scenario.json5

        """)
    } else {
      Console.out(
        """
        Wrote \(directory)/scenario.json5, roster.csv, people.csv and README.md (\(options.villages) villages of \(options.gridsPerVillage) grids, preset \(options.preset)).
        Next: edit the figures marked OURS, then
          gridsim validate \(directory)/scenario.json5
          gridsim run \(directory)/scenario.json5

        """)
    }
    return .ok
  }
}
