/// A failure the CLI reports on one line and exits with status 1 (2 for usage).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 1

    static func usage(_ message: String) -> CLIError {
        CLIError(description: message + "\n\n" + Usage.text, exitCode: 2)
    }
}
