import Foundation
import GridSim

/// `gridsim drill script|play|score PACK`: drills for trainers.
enum DrillCommand {
  /// `drill` and its subcommands, for the registry (``Commands``).
  static let command = Command(
    spec: spec,
    run: { _ throws(CommandError) in .ok },
    subcommands: [
      Command(spec: scriptSpec) { args throws(CommandError) in try script(args) },
      Command(spec: playSpec) { args throws(CommandError) in try play(args) },
      Command(spec: scoreSpec) { args throws(CommandError) in try await score(args) },
    ])

  static let spec = CommandSpec(
    name: "drill", abstract: "Run drills: the controller's script, live play, and scoring a team's log.",
    arguments: [scriptSpec, playSpec, scoreSpec].compactMap { $0.name.split(separator: " ").last }
      .joined(separator: "|") + " PACK",
    minimumPositionals: 0, maximumPositionals: nil, options: [],
    discussion: Commands.subcommandHelp([scriptSpec, playSpec, scoreSpec]) + """
      Drill packs are described in Scenarios/README.md ("Drill packs"). Example:
        gridsim drill script Scenarios/drills/two-sessions-dangerous-building.json5
      See 'gridsim drill SUBCOMMAND --help' for its options.
      """)

  static let scriptSpec = CommandSpec(
    name: "drill script", abstract: "Print the controller's script (MSEL) of a drill pack.",
    arguments: "PACK", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value(
        "out", "DIR", "Also write script.csv, script.md, script.html and a blank team-log.csv into DIR."),
      ReportOptions.csvOption,
      .value("lang", "en|zh", "Language of the script (default: the pack's, else the scenario's)."),
    ],
    discussion: """
      Each inject with the actions the policy expects of it (or the pack states), who must do them,
      when they fall due on the working calendar, and the rule behind each. Contingencies are
      marked '*' with their trigger. Exit codes: 0 ok; 64 usage; 65 invalid pack or scenario; 66
      missing pack; 73 cannot write DIR.
      """)

  static let playSpec = CommandSpec(
    name: "drill play", abstract: "Release a drill's injects on the terminal at their times.",
    arguments: "PACK", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("speed", "N", "Play N times faster than real time (default 1; at most 1000000)."),
      .value("from", "ID", "Start the clock at this inject (default: the first)."),
      .value("lang", "en|zh", "Language (default: the pack's, else the scenario's)."),
    ],
    discussion: """
      Drill time starts at the first inject's time when play starts. Each inject is printed when
      its time comes: where, what the players are told, and what is expected by when. A
      contingency is printed with the condition under which the controller releases it. On a
      terminal a clock runs on stderr. Ctrl-C stops at once (exit 130).
      """)

  static let scoreSpec = CommandSpec(
    name: "drill score", abstract: "Score a team's drill log against the policy.",
    arguments: "PACK", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .repeated(
        "log", "FILE|DIR",
        "A team's log: CSV with inject,action,time,unit (role, note optional); several, or a folder of them, compares the teams."
      ),
      .value(
        "out", "DIR",
        "Also write score.json, score.csv, score.md, score.html and improvement-plan.csv into DIR (teams compared: comparison.* and teams/NAME/)."
      ),
      .value("ends", "TIME", "The drill's end (default: the pack's 'ends'): actions due later are not scored."),
      ReportOptions.csvOption,
      .value("format", "text|json", "Output format (default: text)."),
      .value("lang", "en|zh", "Language of the text and reports (default: the pack's, else the scenario's)."),
      .value(
        "replications", "N",
        "Replications of the simulated policy to compare the team with (default: the pack's, 20; 0: none)."),
      .value(
        "jobs", "J", "Replications run at once (default: the number of cores). Results do not depend on it."),
    ],
    discussion: """
      A row without a time is an action not done. Teams compared are ranked by score, then
      rating, then total lateness. Exit codes: 0 scored (and the pack's pass criteria met, by
      every team); 1 the pass criteria missed (by any team); 64 usage; 65 invalid pack, scenario
      or log (every bad row is listed with its line); 66 missing file; 73 cannot write DIR.
      """)

  /// Loads a pack and its scenario (printing warnings).
  static func load(_ path: String) throws(CommandError) -> LoadedDrill {
    let result = InputFile.$projectRoot.withValue(GridSimCommand.projectRoot(of: path)) {
      Result { () throws(ScenarioError) in try DrillLoader.load(path: path) }
    }
    do {
      let loaded = try result.get()
      Console.report(loaded.warnings)
      return loaded
    } catch {
      throw .scenario(error, path: path)
    }
  }

  static func language(_ args: ParsedArguments, _ spec: CommandSpec, _ loaded: LoadedDrill)
    throws(CommandError)
    -> Scenario.Language
  {
    let code = try GridSimCommand.options(spec) { () throws(UsageError) in
      try args.choice("lang", Scenario.Language.allCases.map(\.rawValue))
    }
    return code.flatMap(Scenario.Language.init(rawValue:)) ?? loaded.pack.language ?? loaded.scenario.language
  }

  static func write(
    _ files: [(name: String, text: String)], to directory: String, what: String, csv: CSVStyle
  ) throws(CommandError) {
    do {
      try AtomicFile.writeFolder(files, to: directory, csv: csv)
    } catch {
      throw .failed("\(error); no \(what) was written to '\(directory)'.", .cannotWrite)
    }
    let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
    // Files in folders (teams/A/score.html) are named by their folder, once.
    var shown: [String] = []
    for file in files {
      let parts = file.name.split(separator: "/")
      let name = parts.count > 1 ? parts[0] + "/" : file.name
      if !shown.contains(name) { shown.append(name) }
    }
    Console.err("Wrote \(shown.joined(separator: ", ")) to \(folder)/.\n")
  }

  // MARK: script

  static func script(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(scriptSpec, arguments)
    let path = args.positionals[0]
    let loaded = try load(path)
    let report = DrillReport(
      pack: loaded.pack, scenario: loaded.scenario, language: try language(args, scriptSpec, loaded))
    let timeline = loaded.script
    Console.out(report.scriptText(timeline, source: loaded.scenarioFile))
    if let directory = args.value("out") {
      let csv = try GridSimCommand.options(scriptSpec) { () throws(UsageError) in
        try ReportOptions.csvStyle(args)
      }
      try write(report.scriptFiles(timeline), to: directory, what: "script", csv: csv)
    }
    return .ok
  }

  // MARK: play

  static func play(_ arguments: [String]) throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(playSpec, arguments)
    let speedText = args.value("speed") ?? "1"
    guard let speed = Double(speedText), speed.isFinite, speed > 0, speed <= 1_000_000 else {
      throw .usage(
        "'--speed' expects a number from above 0 to 1000000, found '\(Console.shown(speedText))'.", playSpec)
    }
    let loaded = try load(args.positionals[0])
    let pack = loaded.pack
    let report = DrillReport(
      pack: pack, scenario: loaded.scenario, language: try language(args, playSpec, loaded))
    let timeline = loaded.script
    var releases = timeline.releases
    if let from = args.value("from") {
      guard let start = releases.firstIndex(where: { pack.injects[$0.inject].id == from }) else {
        throw .usage(
          "The pack has no inject '\(Console.shown(from))'; its injects are \(pack.injects.map(\.id).joined(separator: ", ")).",
          playSpec)
      }
      releases = Array(releases[start...])
    }
    guard let first = releases.first else { return .ok }
    Console.out(report.playHeader(speed: speed))
    let began = Date()
    for release in releases {
      // Wait for the inject's time, redrawing the clock on a terminal each second of real time.
      while true {
        let drillNow = first.time.adding(minutes: Date().timeIntervalSince(began) * speed / 60)
        let wait = Double(release.time.minutes - drillNow.minutes) * 60 / speed
        if wait <= 0 { break }
        Console.status(report.clock(drillNow))
        Thread.sleep(forTimeInterval: min(1, max(0.001, wait)))
      }
      Console.clearStatus()
      Console.out(report.playInject(release))
    }
    Console.out(report.playFooter(count: releases.count, contingencies: releases.filter(\.conditional).count))
    return .ok
  }

  // MARK: score

  static func score(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    let args = try GridSimCommand.parse(scoreSpec, arguments)
    let (format, replications, jobs) = try GridSimCommand.options(scoreSpec) { () throws(UsageError) in
      (
        try args.choice("format", ["text", "json"]), try args.integer("replications", in: 0...1_000),
        try args.integer("jobs", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
      )
    }
    let logArguments = args.all("log")
    guard !logArguments.isEmpty else {
      throw .usage("Missing '--log FILE': the team's log to score (inject,action,time,unit).", scoreSpec)
    }
    var endsOverride: LocalDateTime?
    if let text = args.value("ends") {
      switch DrillPack.drillTime(text) {
      case .success(let t): endsOverride = t
      case .failure(let p): throw .usage("'--ends': \(p.message); \(p.fix).", scoreSpec)
      }
    }
    let path = args.positionals[0]
    var loaded = try load(path)
    if let endsOverride { loaded.pack.ends = endsOverride }
    let lang = try language(args, scoreSpec, loaded)
    // Folders stand for the CSV files in them, in name order.
    var logPaths: [String] = []
    var compare = logArguments.count > 1
    for argument in logArguments {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
        compare = true
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? [])
          .filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else {
          throw .failed("'\(Console.shown(argument))' holds no team logs (.csv files).", .missingInput)
        }
        logPaths += names.map { (argument.hasSuffix("/") ? argument : argument + "/") + $0 }
      } else {
        logPaths.append(argument)
      }
    }
    var scores: [(name: String, score: DrillScore)] = []
    for logPath in logPaths {
      let log: TeamLog
      switch TeamLog.read(path: logPath, pack: loaded.pack, scenario: loaded.scenario) {
      case .success(let l): log = l
      case .failure(let error): throw .scenario(error, path: logPath)
      }
      if log.rows.isEmpty {
        Console.err("warning: \(logPath) has no rows: every expected action is scored as not done\n")
      }
      scores.append(
        (DrillComparison.teamName(logPath), DrillScore(pack: loaded.pack, scenario: loaded.scenario, log: log)))
    }
    let runs = replications ?? loaded.pack.replications
    if runs > 0 {
      if let simulation = await DrillSimulation.run(
        loaded.pack, loaded.scenario, script: loaded.script, replications: runs, jobs: jobs)
      {
        for i in scores.indices { scores[i].score.compare(with: simulation) }
      } else {
        Console.err(
          "warning: the scenario has too many items to keep each one's path; the team is not compared with the simulated policy (pass --replications 0 to silence this)\n"
        )
      }
    }
    let report = DrillReport(pack: loaded.pack, scenario: loaded.scenario, language: lang)
    if compare {
      let comparison = DrillComparison(scores)
      if format == "json" {
        Console.out(report.comparisonJSON(comparison, source: path).rendered())
      } else {
        Console.out(report.comparisonText(comparison, source: loaded.scenarioFile))
      }
      if let directory = args.value("out") {
        let csv = try GridSimCommand.options(scoreSpec) { () throws(UsageError) in
          try ReportOptions.csvStyle(args)
        }
        try write(report.comparisonFiles(comparison, source: path), to: directory, what: "comparison", csv: csv)
      }
      return comparison.allPassed == false ? .targetMissed : .ok
    }
    let score = scores[0].score
    if format == "json" {
      Console.out(report.scoreJSON(score, source: path).rendered())
    } else {
      Console.out(report.scoreText(score, source: loaded.scenarioFile))
    }
    if let directory = args.value("out") {
      let csv = try GridSimCommand.options(scoreSpec) { () throws(UsageError) in
        try ReportOptions.csvStyle(args)
      }
      try write(report.scoreFiles(score, source: path), to: directory, what: "score", csv: csv)
    }
    return score.passed == false ? .targetMissed : .ok
  }
}
