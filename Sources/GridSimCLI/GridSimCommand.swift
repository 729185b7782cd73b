import Foundation
import GridSim

/// The top-level command: picks the subcommand and maps what it returns to an exit code.
enum GridSimCommand {
  static let version = "gridsim 0.1.0"

  static var help: String {
    var text = """
      OVERVIEW: gridsim simulates how a township's grid (grid workers, village committees, the
      leadership group) handles citizen issues and online opinion, and measures response times,
      deadline compliance and load.

      USAGE: gridsim <command> [options]

      COMMANDS:

      """
    for c in Commands.all {
      text += "  " + c.spec.name.padding(toLength: 16, withPad: " ", startingAt: 0) + c.spec.abstract + "\n"
    }
    text += """

      OPTIONS:
        --version  Show the version.
        -h, --help Show help information.
        --generate-completion-script bash|zsh|fish
                   Print a shell completion script (source it, or install it where your shell looks).
        --generate-manual
                   Print the man page (gridsim.1), from the same descriptions as --help.

      See 'gridsim <command> --help' for a command's options.

      """
    return text
  }

  /// Runs the command line; whatever stops a command is printed here, once.
  static func main(_ arguments: [String]) async -> ExitCode {
    do {
      return try await dispatch(arguments)
    } catch {
      return error.report()
    }
  }

  private static func dispatch(_ arguments: [String]) async throws(CommandError) -> ExitCode {
    guard let first = arguments.first else { throw .usage(UsageError("Missing command."), nil) }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "-h", "--help", "help": throw .help(help)
    case "--version": throw .help(version + "\n")
    case "--generate-completion-script":
      guard rest.count == 1, let script = Completions.script(rest[0]) else {
        throw .usage(UsageError("Expected --generate-completion-script bash, zsh or fish."), nil)
      }
      throw .help(script)
    case "--generate-manual":
      guard rest.isEmpty else { throw .usage(UsageError("--generate-manual takes no arguments."), nil) }
      throw .help(Completions.manual)
    default:
      if let command = Commands.named(first) {
        return command.subcommands.isEmpty
          ? try await command.run(rest) : try await Commands.dispatch(command, rest)
      }
      let guess =
        Suggestion.closest(to: first, in: Commands.all.map(\.spec.name)).map { " Did you mean '\($0)'?" }
        ?? ""
      let what = first.hasPrefix("-") ? "option" : "command"
      throw .usage(UsageError("Unknown \(what) '\(first)'.\(guess)"), nil)
    }
  }

  /// Parses a subcommand's arguments; help and usage errors stop the command.
  static func parse(_ spec: CommandSpec, _ arguments: [String]) throws(CommandError) -> ParsedArguments {
    let parsed: ParsedArguments
    do {
      parsed = try spec.parse(arguments)
    } catch {
      throw .usage(error, spec)
    }
    if parsed.wantsHelp { throw .help(spec.help) }
    return parsed
  }

  /// Reads typed options; one that will not do is a usage error of `spec`'s command.
  static func options<T>(_ spec: CommandSpec, _ read: () throws(UsageError) -> T) throws(CommandError) -> T {
    do {
      return try read()
    } catch {
      throw .usage(error, spec)
    }
  }

  /// Reads a work-order log against a model, printing its bad rows as warnings.
  /// The option naming a log's column-mapping file.
  static let columnsOption = CommandSpec.Option.value(
    "columns", "MAP.json5",
    "A column-mapping file for a log whose headers or words gridsim does not know (Scenarios/README.md, \"Work-order logs\")."
  )

  /// Reads a work-order log (with the mapping file `columns` names, if any), printing its bad rows.
  static func readLog(_ path: String, model: Model, columns: String? = nil) throws(CommandError)
    -> WorkOrderLog
  {
    var mapping = WorkOrderLog.Mapping()
    if let columns {
      do {
        mapping = try WorkOrderLog.Mapping.load(path: columns, model: model)
      } catch {
        throw .scenario(error, path: columns)
      }
    }
    let log: WorkOrderLog
    switch WorkOrderLog.read(path: path, model: model, mapping: mapping) {
    case .success(let l): log = l
    case .failure(let error): throw .scenario(error, path: path)
    }
    Console.report(log.notes)
    var problems = log.problems
    if log.problemCount > problems.count, !problems.isEmpty {
      problems[problems.count - 1].message += " (and \(log.problemCount - problems.count) more rows not used)"
    }
    Console.report(problems)
    return log
  }

  /// Loads a scenario, printing its warnings; an overrides file is not one.
  static func load(_ path: String, overrides: [ScenarioOverride] = [], warn: Bool = true) throws(CommandError)
    -> LoadedScenario
  {
    switch try loadInput(path, overrides: overrides, warn: warn) {
    case .scenario(let loaded): return loaded
    case .overrides:
      throw .failed(
        "\(path) is an overrides file, not a scenario; give it as CHANGED to 'gridsim compare', or check it with 'gridsim validate \(path) --base SCENARIO'.",
        .invalidScenario)
    }
  }

  /// Loads a scenario (printing its warnings, unless `warn` is false) or an overrides file.
  static func loadInput(_ path: String, overrides: [ScenarioOverride] = [], warn: Bool = true)
    throws(CommandError)
    -> ScenarioLoader.Input
  {
    let result = InputFile.$projectRoot.withValue(projectRoot(of: path)) {
      Result { () throws(ScenarioError) in try ScenarioLoader.loadInput(path: path, overrides: overrides) }
    }
    do {
      let input = try result.get()
      if warn, case .scenario(let loaded) = input { Console.report(loaded.warnings) }
      return input
    } catch {
      throw .scenario(error, path: path)
    }
  }

  /// The folder the files a scenario names must be in: `GRIDSIM_ROOT` when set, else the working
  /// folder, or the scenario's own folder when the scenario is outside the working folder.
  static func projectRoot(of path: String) -> String {
    if let root = ProcessInfo.processInfo.environment["GRIDSIM_ROOT"], !root.isEmpty {
      return InputFile.realPath(root)
    }
    let cwd = InputFile.realPath(FileManager.default.currentDirectoryPath)
    let scenario = InputFile.realPath(path)
    if scenario.hasPrefix(cwd == "/" ? "/" : cwd + "/") { return cwd }
    return URL(fileURLWithPath: scenario).deletingLastPathComponent().path
  }
}
