import Foundation
import GridSim

// gridsim: parse the command line, hand off to a command, exit with its code.

// Interrupted (Ctrl-C, a CI runner's timeout): remove the temporary files of a report being written,
// so that nothing half-written is left, and exit as the signal asks (128 + its number).
let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
  signal(number, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
  source.setEventHandler {
    AtomicFile.removeTemporaryFiles()
    // A progress bar or a drill's clock may be on the line: clear it.
    if isatty(2) == 1 { _ = "\r\u{1B}[K\n".withCString { write(2, $0, strlen($0)) } }
    exit(128 + number)
  }
  source.resume()
  return source
}

let code = await GridSimCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
