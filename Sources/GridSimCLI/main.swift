import Foundation
import GridSim

// gridsim: parse the command line, hand off to a command, exit with its code.

// Interrupted (Ctrl-C, a CI runner's timeout): remove the temporary files of a report being written,
// so that nothing half-written is left, and exit as the signal asks (128 + its number).
let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
  signal(number, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
  // Not on the main actor: the handler runs on a global queue.
  source.setEventHandler { @Sendable in Console.interrupted(signal: number) }
  source.resume()
  return source
}

let code = await GridSimCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
