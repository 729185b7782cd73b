import GridSim

/// Why a command stops before its work is done. Commands throw it; ``GridSimCommand/main(_:)``
/// prints it (``report()``) and exits with its code. Commands that go on past a problem to report
/// every file (`check`, `validate`) print each with ``report()`` and keep the worst code.
enum CommandError: Error {
  /// Help was asked for: it goes to stdout and the exit code is 0 (a clean exit, as
  /// swift-argument-parser's `CleanExit`).
  case help(String)
  /// The command line is wrong (64): the message, the command's usage line (nil: gridsim's own)
  /// and where to find help.
  case usage(UsageError, CommandSpec?)
  /// A scenario or overrides file cannot be used: unreadable (66) or invalid (65).
  case scenario(ScenarioError, path: String)
  /// Any other failure, `Error: message` on stderr: 65 invalid input, 73 cannot write, 70 internal.
  case failed(String, ExitCode)
  /// The problems are printed already (diagnostics, one a line); exit with this code.
  case reported(ExitCode)

  /// A usage error of `spec`'s command.
  static func usage(_ message: String, _ spec: CommandSpec) -> CommandError {
    .usage(UsageError(message), spec)
  }

  /// What ``report()`` prints on stderr, as plain text (for a JUnit file's error).
  var text: String {
    switch self {
    case .help(let text): text
    case .usage(let error, _): error.message
    case .scenario(.unreadable(let path, let reason), _): "cannot read '\(path)': \(reason)."
    case .scenario(.invalid(let diagnostics), _): diagnostics.map(\.description).joined(separator: "\n")
    case .failed(let message, _): message
    case .reported: ""
    }
  }

  /// Prints what stopped the command (help to stdout, the rest to stderr); the exit code.
  func report() -> ExitCode {
    switch self {
    case .help(let text):
      Console.out(text)
      return .ok
    case .usage(let error, let spec):
      return Console.usageError(
        error, usage: spec?.usage ?? "gridsim <command> [options]",
        helpCommand: spec.map { "gridsim \($0.name)" } ?? "gridsim")
    case .scenario(.unreadable(let path, let reason), _):
      Console.err("Error: cannot read '\(path)': \(reason).\n")
      return .missingInput
    case .scenario(.invalid(let diagnostics), let path):
      Console.report(diagnostics)
      let errors =
        diagnostics.filter { $0.severity == .error }.count + diagnostics.reduce(0) { $0 + $1.hiddenErrors }
      Console.err("Error: \(path) has \(errors) problem\(errors == 1 ? "" : "s"); nothing was run.\n")
      return .invalidScenario
    case .failed(let message, let code):
      Console.err("Error: \(message)\n")
      return code
    case .reported(let code):
      return code
    }
  }
}
