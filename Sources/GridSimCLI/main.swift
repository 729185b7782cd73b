import Foundation
import GridSim

// gridsim: parse the command line, hand off to a command, exit with its code.

// Interrupted (Ctrl-C, a CI runner's timeout): remove the temporary files of a report being written,
// so that nothing half-written is left, and exit as the signal asks (128 + its number).
// The handler only writes the signal's number to a pipe (all a handler may safely do); a thread
// of its own reads it and cleans up. A dispatch queue could be starved while every core runs a
// replication, and Slurm and Kubernetes send SIGTERM before they kill a job.
nonisolated(unsafe) var signalPipe: [Int32] = [-1, -1]
_ = pipe(&signalPipe)
nonisolated(unsafe) var signalWriteEnd = signalPipe[1]
// A parent may have blocked them (a test runner, a job launcher): they are ours to handle.
var handled = sigset_t()
sigemptyset(&handled)
for number in [SIGINT, SIGTERM] {
  sigaddset(&handled, number)
  var action = sigaction()
  action.__sigaction_handler.sa_handler = { number in
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalWriteEnd, &byte, 1)
  }
  sigemptyset(&action.sa_mask)
  sigaction(number, &action, nil)
}
pthread_sigmask(SIG_UNBLOCK, &handled, nil)
let watcher = Thread { [readEnd = signalPipe[0]] in
  var byte: UInt8 = 0
  while read(readEnd, &byte, 1) != 1 {}
  Console.interrupted(signal: Int32(byte))
}
watcher.start()

let code = await GridSimCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
