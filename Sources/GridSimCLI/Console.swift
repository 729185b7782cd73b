import Foundation
import GridSim
import Synchronization

/// Writing to the terminal: results to stdout, errors and progress to stderr, colour only on a TTY.
///
/// Everything written is made safe for a terminal first (``TerminalText/safe(_:)``): a scenario's
/// names and values cannot send escape sequences. A write that fails (stdout closed or full, a
/// pipe closed early) ends the program with exit 73, saying why on stderr when it can, and
/// quietly when the reader has gone away (EPIPE).
enum Console {
  static func out(_ text: String) {
    write(1, TerminalText.safe(text))
  }

  static func err(_ text: String) {
    write(2, TerminalText.safe(text))
  }

  /// A value from the command line or a file, shown in a message: safe, and at most 200 characters.
  static func shown(_ text: String) -> String {
    TerminalText.safe(text.count <= 200 ? text : "\(text.prefix(200))… (\(text.count - 200) more characters)")
  }

  /// Writes all of `text` to a file descriptor, or ends the program (exit 73).
  private static func write(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n > 0 {
          offset += n
        } else if n < 0, errno == EINTR {
          continue
        } else {
          let code = errno
          if fd == 1, code != EPIPE {
            let reason = String(cString: strerror(code))
            let message = "Error: cannot write the results to standard output: \(reason).\n"
            _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
          }
          exit(ExitCode.cannotWrite.rawValue)
        }
      }
    }
  }

  static let stderrIsTerminal = isatty(2) == 1
  static let useColor = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

  /// Prints diagnostics to stderr, one a line, `error:` in red and `warning:` in yellow on a terminal.
  static func report(_ diagnostics: [Diagnostic]) {
    for d in diagnostics {
      var line = TerminalText.safe(d.description)
      if useColor {
        line = line.replacingOccurrences(of: ": error: ", with: ": \u{1B}[1;31merror:\u{1B}[0m ")
        line = line.replacingOccurrences(of: ": warning: ", with: ": \u{1B}[1;33mwarning:\u{1B}[0m ")
      }
      write(2, line + "\n")
    }
  }

  /// `Error: message`, the usage line and where to find help; returns exit code 64.
  static func usageError(_ error: UsageError, usage: String, helpCommand: String) -> ExitCode {
    err("Error: \(error.message)\nUsage: \(usage)\n  See '\(helpCommand) --help' for more information.\n")
    return .usage
  }

  /// A status line on stderr (a drill's clock), redrawn in place; only on a terminal.
  static func status(_ text: String) {
    guard stderrIsTerminal else { return }
    write(2, "\r" + TerminalText.safe(text) + "\u{1B}[K")
  }

  /// Clears the status line or progress bar.
  static func clearStatus() {
    guard stderrIsTerminal else { return }
    write(2, "\r\u{1B}[K")
  }

  /// Ctrl-C or SIGTERM: remove the temporary files of a report being written (nothing
  /// half-written is left), clear a progress line, and exit as the signal asks (128 + its number).
  static func interrupted(signal number: Int32) -> Never {
    AtomicFile.removeTemporaryFiles()
    if isatty(2) == 1 {
      let text = "\r\u{1B}[K"
      _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
    }
    exit(128 + number)
  }

  /// When the progress bar of a label started.
  private static let progressStart = Mutex<(label: String, at: ContinuousClock.Instant)?>(nil)

  /// A progress line on stderr, redrawn in place: done of total, time taken and time left; only on
  /// a terminal (CI logs stay clean).
  static func progress(_ done: Int, of total: Int, label: String) {
    guard stderrIsTerminal, total > 1 else { return }
    let now = ContinuousClock.now
    let start = progressStart.withLock { state -> ContinuousClock.Instant in
      if let state, state.label == label, done > 0 { return state.at }
      state = (label, now)
      return now
    }
    let elapsed = (now - start).seconds
    func clock(_ s: Double) -> String {
      let t = Int(s.rounded())
      return t >= 3600
        ? "\(t / 3600)h\(String(format: "%02d", t / 60 % 60))m"
        : "\(t / 60)m\(String(format: "%02d", t % 60))s"
    }
    let left = done > 0 ? " · \(clock(elapsed / Double(done) * Double(total - done))) left" : ""
    let width = 30
    let filled = done * width / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    write(
      2,
      "\r\(TerminalText.safe(label)) [\(bar)] \(done)/\(total) · \(clock(elapsed))\(left)\u{1B}[K"
        + (done == total ? "\r\u{1B}[K" : ""))
  }
}
