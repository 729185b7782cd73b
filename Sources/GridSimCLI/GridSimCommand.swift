import GridSim

/// The top-level command: picks the subcommand and maps what it returns to an exit code.
enum GridSimCommand {
  static let version = "gridsim 0.1.0"

  static let commands: [(name: String, abstract: String)] = [
    ("run", RunCommand.spec.abstract),
    ("check", CheckCommand.spec.abstract),
    ("compare", CompareCommand.spec.abstract),
    ("validate", ValidateCommand.spec.abstract),
    ("calendar", CalendarCommand.spec.abstract),
    ("trace", TraceCommand.spec.abstract),
    ("bench", BenchCommand.spec.abstract),
  ]

  static var help: String {
    var text = """
      OVERVIEW: gridsim simulates how a township's grid (grid workers, village committees, the
      leadership group) handles citizen issues and online opinion, and measures response times,
      deadline compliance and load.

      USAGE: gridsim <command> [options]

      COMMANDS:

      """
    for c in commands {
      text += "  " + c.name.padding(toLength: 11, withPad: " ", startingAt: 0) + c.abstract + "\n"
    }
    text += """

      OPTIONS:
        --version  Show the version.
        -h, --help Show help information.

      See 'gridsim <command> --help' for a command's options.

      """
    return text
  }

  static func main(_ arguments: [String]) async -> ExitCode {
    guard let first = arguments.first else {
      return Console.usageError(
        UsageError("Missing command."), usage: "gridsim <command> [options]", helpCommand: "gridsim")
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "-h", "--help", "help":
      Console.out(help)
      return .ok
    case "--version":
      Console.out(version + "\n")
      return .ok
    case "run": return await RunCommand.main(rest)
    case "check": return await CheckCommand.main(rest)
    case "compare": return await CompareCommand.main(rest)
    case "validate": return ValidateCommand.main(rest)
    case "calendar": return CalendarCommand.main(rest)
    case "trace": return TraceCommand.main(rest)
    case "bench": return await BenchCommand.main(rest)
    default:
      let guess =
        Suggestion.closest(to: first, in: commands.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
      let what = first.hasPrefix("-") ? "option" : "command"
      return Console.usageError(
        UsageError("Unknown \(what) '\(first)'.\(guess)"), usage: "gridsim <command> [options]",
        helpCommand: "gridsim")
    }
  }

  /// Parses a subcommand's arguments, printing help or a usage error; nil means: exit with `code`.
  static func parse(_ spec: CommandSpec, _ arguments: [String]) -> Result<ParsedArguments, ExitCode> {
    do {
      let parsed = try spec.parse(arguments)
      if parsed.wantsHelp {
        Console.out(spec.help)
        return .failure(.ok)
      }
      return .success(parsed)
    } catch {
      return .failure(Console.usageError(error, usage: spec.usage, helpCommand: "gridsim \(spec.name)"))
    }
  }

  /// Reads typed options, printing a usage error (exit 64) when one will not do.
  static func options<T>(_ spec: CommandSpec, _ read: () throws(UsageError) -> T) -> Result<T, ExitCode> {
    do {
      return .success(try read())
    } catch {
      return .failure(Console.usageError(error, usage: spec.usage, helpCommand: "gridsim \(spec.name)"))
    }
  }

  /// Loads a scenario, printing its problems; the exit code when it cannot be used.
  static func load(_ path: String, overrides: [ScenarioOverride] = []) -> Result<LoadedScenario, ExitCode> {
    switch loadInput(path, overrides: overrides) {
    case .success(.scenario(let loaded)): return .success(loaded)
    case .success(.overrides):
      Console.err(
        "Error: \(path) is an overrides file, not a scenario; give it as CHANGED to 'gridsim compare', or check it with 'gridsim validate \(path) --base SCENARIO'.\n"
      )
      return .failure(.invalidScenario)
    case .failure(let code): return .failure(code)
    }
  }

  /// Loads a scenario (printing its warnings) or an overrides file; the exit code when it cannot.
  static func loadInput(_ path: String, overrides: [ScenarioOverride] = []) -> Result<
    ScenarioLoader.Input, ExitCode
  > {
    do {
      let input = try ScenarioLoader.loadInput(path: path, overrides: overrides)
      if case .scenario(let loaded) = input { Console.report(loaded.warnings) }
      return .success(input)
    } catch {
      return .failure(report(error, path: path))
    }
  }

  /// Prints why a scenario (or overrides file) could not be loaded; the exit code for it.
  static func report(_ error: ScenarioError, path: String) -> ExitCode {
    switch error {
    case .unreadable(let path, let reason):
      Console.err("Error: cannot read '\(path)': \(reason).\n")
      return .missingInput
    case .invalid(let diagnostics):
      Console.report(diagnostics)
      let errors = diagnostics.filter { $0.severity == .error }.count
      Console.err("Error: \(path) has \(errors) problem\(errors == 1 ? "" : "s"); nothing was run.\n")
      return .invalidScenario
    }
  }
}

extension Result where Failure == ExitCode {
  /// The success value, or nil after storing the exit code.
  func get(orExit code: inout ExitCode) -> Success? {
    switch self {
    case .success(let value): return value
    case .failure(let c):
      code = c
      return nil
    }
  }
}

extension ExitCode: Error {}
