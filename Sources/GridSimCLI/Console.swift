import Foundation
import GridSim

/// Writing to the terminal: results to stdout, errors and progress to stderr, colour only on a TTY.
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static let stderrIsTerminal = isatty(2) == 1
  static let useColor = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

  /// Prints diagnostics to stderr, one a line, `error:` in red and `warning:` in yellow on a terminal.
  static func report(_ diagnostics: [Diagnostic]) {
    for d in diagnostics {
      var line = d.description
      if useColor {
        line = line.replacingOccurrences(of: ": error: ", with: ": \u{1B}[1;31merror:\u{1B}[0m ")
        line = line.replacingOccurrences(of: ": warning: ", with: ": \u{1B}[1;33mwarning:\u{1B}[0m ")
      }
      err(line + "\n")
    }
  }

  /// `Error: message`, the usage line and where to find help; returns exit code 64.
  static func usageError(_ error: UsageError, usage: String, helpCommand: String) -> ExitCode {
    err("Error: \(error.message)\nUsage: \(usage)\n  See '\(helpCommand) --help' for more information.\n")
    return .usage
  }

  /// A progress line on stderr, redrawn in place; only on a terminal.
  static func progress(_ done: Int, of total: Int, label: String) {
    guard stderrIsTerminal, total > 1 else { return }
    let width = 30
    let filled = done * width / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    err("\r\(label) [\(bar)] \(done)/\(total)" + (done == total ? "\r\u{1B}[K" : ""))
  }
}
