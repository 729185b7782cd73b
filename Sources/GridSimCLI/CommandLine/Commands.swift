import GridSim

/// Every command of gridsim, once: what `--help` lists, what runs when it is named, what the shell
/// completions and the man page describe. A command with subcommands (`drill`) lists them here
/// too, and its own help is made from theirs.
struct Command: Sendable {
  var spec: CommandSpec
  var run: @Sendable ([String]) async throws(CommandError) -> ExitCode
  var subcommands: [Command] = []

  /// The subcommand named `word` (`script` of `drill`).
  func subcommand(_ word: String) -> Command? {
    subcommands.first { $0.spec.name.split(separator: " ").last.map(String.init) == word }
  }

  /// The subcommands' last words (`script`, `play`, `score`).
  var subcommandWords: [String] {
    subcommands.compactMap { $0.spec.name.split(separator: " ").last.map(String.init) }
  }
}

enum Commands {
  /// In the order `gridsim --help` lists them.
  static let all: [Command] = [
    Command(spec: InitCommand.spec) { args throws(CommandError) in try InitCommand.main(args) },
    Command(spec: RunCommand.spec) { args throws(CommandError) in try await RunCommand.main(args) },
    Command(spec: CheckCommand.spec) { args throws(CommandError) in try await CheckCommand.main(args) },
    Command(spec: CompareCommand.spec) { args throws(CommandError) in try await CompareCommand.main(args) },
    Command(spec: PlanCommand.spec) { args throws(CommandError) in try await PlanCommand.main(args) },
    Command(spec: RosterCommand.spec) { args throws(CommandError) in try await RosterCommand.main(args) },
    Command(spec: SweepCommand.spec) { args throws(CommandError) in try await SweepCommand.main(args) },
    Command(spec: MergeCommand.spec) { args throws(CommandError) in try await MergeCommand.main(args) },
    Command(spec: ValidateCommand.spec) { args throws(CommandError) in try ValidateCommand.main(args) },
    Command(spec: CalendarCommand.spec) { args throws(CommandError) in try CalendarCommand.main(args) },
    Command(spec: TraceCommand.spec) { args throws(CommandError) in try TraceCommand.main(args) },
    DrillCommand.command,
    Command(spec: FitCommand.spec) { args throws(CommandError) in try FitCommand.main(args) },
    Command(spec: ValidateModelCommand.spec) { args throws(CommandError) in
      try await ValidateModelCommand.main(args)
    },
    Command(spec: BenchCommand.spec) { args throws(CommandError) in try await BenchCommand.main(args) },
  ]

  /// The command named `name`.
  static func named(_ name: String) -> Command? { all.first { $0.spec.name == name } }

  /// Every runnable description: each command, or its subcommands in its place.
  static var specs: [CommandSpec] {
    all.flatMap { $0.subcommands.isEmpty ? [$0.spec] : $0.subcommands.map(\.spec) }
  }

  /// Runs a command with subcommands: the first argument names one.
  static func dispatch(_ command: Command, _ arguments: [String]) async throws(CommandError) -> ExitCode {
    let words = command.subcommandWords
    let list = words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    guard let word = arguments.first, !word.hasPrefix("-") else {
      if arguments.contains("-h") || arguments.contains("--help") { throw .help(command.spec.help) }
      throw .usage("Missing subcommand: \(list).", command.spec)
    }
    guard let sub = command.subcommand(word) else {
      let guess = Suggestion.closest(to: word, in: words).map { " Did you mean '\($0)'?" } ?? ""
      throw .usage("Unknown subcommand '\(Console.shown(word))'.\(guess)", command.spec)
    }
    return try await sub.run(Array(arguments.dropFirst()))
  }

  /// The `SUBCOMMANDS:` paragraph of a command's help, from its subcommands' usage and abstracts.
  static func subcommandHelp(_ subcommands: [CommandSpec]) -> String {
    var out = "SUBCOMMANDS:\n"
    for spec in subcommands {
      let word = spec.name.split(separator: " ").last.map(String.init) ?? spec.name
      let usage = "\(word) \(spec.arguments)"
      out +=
        "  " + usage.padding(toLength: max(usage.count + 2, 26), withPad: " ", startingAt: 0) + spec.abstract
        + "\n"
    }
    return out
  }
}
