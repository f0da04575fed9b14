// The operator CLI: `sotay up | health | metrics | backup | check` (see `sotay help`).
import Foundation
import OperatorCLI

exit(await OperatorCommand.run(Array(CommandLine.arguments.dropFirst())))
