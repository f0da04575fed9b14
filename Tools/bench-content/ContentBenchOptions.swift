import Foundation

/// bench-content's command line: `--documents N` (the library's size), `--calls N`
/// (per measured call), `--data DIR` (kept between runs: the library is loaded once)
/// and `--port P` (org's; auth and content take the next two).
struct ContentBenchOptions {
    var documents = 100_000
    var calls = 300
    var dataFolder = URL(fileURLWithPath: "./data/bench-content").standardizedFileURL
    var port = 7902

    static let usage = "usage: bench-content [--documents N] [--calls N] [--data DIR] [--port P]"

    /// Parses the program's arguments; prints the usage and exits with status 2 on a mistake.
    static func parse() -> ContentBenchOptions {
        var options = ContentBenchOptions()
        var rest = CommandLine.arguments.dropFirst()
        while let option = rest.popFirst() {
            let value = rest.popFirst()
            let number = value.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            switch (option, value, number) {
            case ("--documents", _, let number?): options.documents = number
            case ("--calls", _, let number?): options.calls = number
            case ("--data", let value?, _): options.dataFolder = URL(fileURLWithPath: value).standardizedFileURL
            case ("--port", _, let number?) where number <= 65_533: options.port = number
            default:
                print(usage)
                exit(2)
            }
        }
        return options
    }
}
