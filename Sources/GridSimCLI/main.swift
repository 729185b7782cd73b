import Foundation
import GridSim

// gridsim: parse the command line, hand off to a command, exit with its code.
let code = await GridSimCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
