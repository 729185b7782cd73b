import Foundation
import GridSim
import Synchronization

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
        "out", "DIR",
        "Also write script.csv, script.md, script.html, a blank team-log.csv and printable inject cards (cards.html) into DIR."
      ),
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
      .value(
        "log", "FILE",
        "Log actions typed during play (I1 respond 网格员) to this team log, a line at a time; play runs until 'end', the end of input or the pack's 'ends'."
      ),
      .value(
        "players", "FILE",
        "Keep the players' view in this HTML file: the injects released and a large clock, for the room's screen (it reloads itself)."
      ),
      .value("lang", "en|zh", "Language (default: the pack's, else the scenario's)."),
    ],
    discussion: """
      Drill time starts at the first inject's time when play starts. This terminal is the
      controller's view: each inject is printed when its time comes (where, what the players are
      told, what is expected by when), and an alert when an expected action falls due with
      nothing logged. Typed lines: an action ('I1 respond 网格员', 'I1 响应 网格员 06:35'),
      checked against the pack at once; 'pause', 'resume', 'speed N', 'jump ID' (the clock to an
      inject's time), 'release ID' (a contingency by hand), 'end'. With --log a contingency is released when its trigger comes with the action it
      waits on not logged. On a terminal a clock runs on stderr. Ctrl-C stops at once (exit 130);
      every line logged is kept.
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
      .value(
        "ends", "TIME", "The drill's end (default: the pack's 'ends'): actions due later are not scored."),
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
    guard let speed = Double(speedText), speed.isFinite, speed > 0, speed <= DrillRoomCommand.maximumSpeed
    else {
      throw .usage(
        "'--speed' expects a number from above 0 to 1000000, found '\(Console.shown(speedText))'.", playSpec)
    }
    let loaded = try load(args.positionals[0])
    let pack = loaded.pack
    let report = DrillReport(
      pack: pack, scenario: loaded.scenario, language: try language(args, playSpec, loaded))
    let timeline = loaded.script
    let releases = timeline.releases
    var startIndex = 0
    if let from = args.value("from") {
      guard let start = releases.firstIndex(where: { pack.injects[$0.inject].id == from }) else {
        throw .usage(
          "The pack has no inject '\(Console.shown(from))'; its injects are \(pack.injects.map(\.id).joined(separator: ", ")).",
          playSpec)
      }
      startIndex = start
    }
    guard startIndex < releases.count else { return .ok }
    let logPath = args.value("log")
    let playersPath = args.value("players")
    var room = DrillRoom(pack: pack, scenario: loaded.scenario, script: timeline, recording: logPath != nil)
    room.skip(before: startIndex)
    // The team log: a journal, each logged line appended and flushed at once (Ctrl-C keeps it).
    var journal: FileHandle?
    if let logPath {
      journal = try openJournal(logPath)
    }
    func writePlayers(_ now: LocalDateTime, over: Bool = false) throws(CommandError) {
      guard let playersPath else { return }
      do {
        try AtomicFile.write(report.playersPage(room, now: now, over: over), to: playersPath)
      } catch {
        throw .failed("\(error); the players' page could not be written.", .cannotWrite)
      }
    }
    Console.out(report.playHeader(speed: speed))
    if logPath != nil || playersPath != nil { Console.out(report.playKeys) }
    let input = PlayInput()
    input.start()
    var clock = DrillClock(start: releases[startIndex].time, speed: speed, now: Date())
    var lastPage = ""
    var over = false
    while !over {
      let t = clock.time(at: Date())
      // What has come by now, then what was typed since the last tick (against what is out).
      for event in room.advance(to: t) {
        switch event {
        case .released(let i), .contingencyDue(let i):
          Console.clearStatus()
          Console.out(report.playInject(releases[i]))
        case .notTriggered(let i):
          Console.clearStatus()
          Console.out(report.notTriggeredLine(room, release: i))
        case .overdue(let i, let j):
          Console.clearStatus()
          Console.out(report.overdueLine(room, release: i, expectation: j))
        }
      }
      let (lines, eof) = input.take()
      for raw in lines {
        guard let command = DrillRoomCommand(raw) else { continue }
        switch command {
        case .pause:
          if clock.pause(at: Date()) { Console.out(report.pick("-- paused at \(t)\n", "-- 已暂停：\(t)\n")) }
        case .resume:
          if clock.resume(at: Date()) { Console.out(report.pick("-- resumed\n", "-- 已继续\n")) }
        case .end:
          over = true
        case .speed(let n, let typed):
          clock.setSpeed(n, at: Date())
          Console.out(report.pick("-- speed \(typed)\n", "-- \(typed)倍速\n"))
        case .badSpeed(let text):
          Console.out(
            report.pick(
              "?? expected a speed from above 0 to 1000000, found '\(Console.shown(text))'\n",
              "?? 倍速应大于0且不超过1000000，收到“\(Console.shown(text))”\n"))
        case .jump(let id):
          if let i = releases.firstIndex(where: { pack.injects[$0.inject].id == id }), releases[i].time > t {
            clock.jump(to: releases[i].time, at: Date())
            Console.out(report.pick("-- jumped to \(releases[i].time)\n", "-- 已跳至\(releases[i].time)\n"))
          } else {
            Console.out(
              report.pick(
                "?? no inject '\(Console.shown(id))' ahead to jump to\n", "?? 之后没有事件\(Console.shown(id))可跳至\n"
              ))
          }
        case .release(let id):
          if let i = room.release(id) {
            Console.out(report.playInject(releases[i]))
          } else {
            Console.out(
              report.pick(
                "?? no inject '\(Console.shown(id))' waiting to be released\n",
                "?? 没有待发布的事件\(Console.shown(id))\n"))
          }
        case .log(let line):
          switch room.log(line, now: t) {
          case .success(let logged):
            if let journal {
              journal.write(Data(DrillRoom.csvRow(logged).utf8))
              try? journal.synchronize()
              Console.out(report.loggedLine(logged))
            } else {
              Console.out(
                report.pick("(not logged: no --log file) ", "（未记录：未指定 --log） ") + report.loggedLine(logged))
            }
          case .failure(let problem):
            Console.out(report.lineProblem(problem))
          }
        }
      }
      if eof, logPath != nil { over = true }
      // Without a recorder the play ends with the last inject; with one, when the drill ends.
      let allOut = room.passed.count == releases.count
      if logPath == nil, allOut { over = true }
      if let ends = pack.ends, t >= ends { over = true }
      let page = playersPath == nil ? "" : report.playersPage(room, now: t)
      if page != lastPage {
        try writePlayers(t)
        lastPage = page
      }
      if over { break }
      Console.status(report.clock(t) + (clock.paused ? report.pick(" (paused)", "（已暂停）") : ""))
      // Sleep to the next release or a quarter of a second of real time, whichever is sooner.
      let next = releases.indices.filter { !room.passed.contains($0) }.map { releases[$0].time }.min()
      let wait = next.map { clock.seconds(until: $0, at: Date()) } ?? 1
      Thread.sleep(forTimeInterval: min(0.25, max(0.001, wait)))
    }
    Console.clearStatus()
    try writePlayers(clock.time(at: Date()), over: true)
    if let logPath {
      Console.out(
        report.pick(
          "\nDrill over: \(room.released.count) injects released, \(room.logged.count) actions logged to \(logPath).\nScore it: gridsim drill score \(args.positionals[0]) --log \(logPath)\n",
          "\n演练结束：发布\(room.released.count)个事件，记录\(room.logged.count)项动作至 \(logPath)。\n评分：gridsim drill score \(args.positionals[0]) --log \(logPath)\n"
        ))
    } else {
      let shown = Array(releases[startIndex...])
      Console.out(report.playFooter(count: shown.count, contingencies: shown.filter(\.conditional).count))
    }
    return .ok
  }

  /// Opens the team log for appending, with the header when it is new or empty.
  static func openJournal(_ path: String) throws(CommandError) -> FileHandle {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
    if exists, isFolder.boolValue {
      throw .failed(
        "'\(Console.shown(path))' is a folder; give the team log's file with --log.", .cannotWrite)
    }
    if !exists { FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw .failed("cannot write the team log '\(Console.shown(path))'.", .cannotWrite)
    }
    let end = handle.seekToEndOfFile()
    if end == 0 {
      handle.write(Data(DrillRoom.csvHeader.utf8))
      try? handle.synchronize()
    }
    return handle
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
        (
          DrillComparison.teamName(logPath),
          DrillScore(pack: loaded.pack, scenario: loaded.scenario, log: log)
        ))
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
        try write(
          report.comparisonFiles(comparison, source: path), to: directory, what: "comparison", csv: csv)
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

/// Lines typed during play, read on a thread of their own so that the clock keeps running.
final class PlayInput: Sendable {
  private let state = Mutex<(lines: [String], eof: Bool)>(([], false))

  func start() {
    let thread = Thread { [self] in
      while let line = readLine() { state.withLock { $0.lines.append(line) } }
      state.withLock { $0.eof = true }
    }
    thread.start()
  }

  /// The lines typed since the last call, and whether the input has ended.
  func take() -> (lines: [String], eof: Bool) {
    state.withLock { s in
      defer { s.lines = [] }
      return (s.lines, s.eof)
    }
  }
}
