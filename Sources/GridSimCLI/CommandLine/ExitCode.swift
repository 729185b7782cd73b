/// The exit codes of `gridsim` (after BSD sysexits).
public enum ExitCode: Int32, Sendable {
  /// Success; every target met.
  case ok = 0
  /// A target was missed (check), or a comparison got worse.
  case targetMissed = 1
  /// The command line was wrong.
  case usage = 64
  /// A scenario file has problems.
  case invalidScenario = 65
  /// An input file is missing or unreadable.
  case missingInput = 66
  /// Something went wrong inside gridsim.
  case internalError = 70
  /// An output file cannot be written.
  case cannotWrite = 73
}
