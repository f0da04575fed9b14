// The operator CLI: `sotay up | health | metrics | backup | check | import | seed | …`
// (see `sotay help`).
import CLineBuffering
import Foundation
import OperatorCLI

// Line-buffered even into a file or a pipe, so that `sotay up > up.log` shows each
// line as it happens, as it does on a terminal.
sotay_line_buffer_standard_output()
exit(await OperatorCommand.run(Array(CommandLine.arguments.dropFirst())))
