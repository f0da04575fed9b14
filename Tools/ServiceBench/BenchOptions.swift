import Foundation

/// The command line both benchmarks share: `--seconds S`, `--data DIR`, `--port P`
/// (org's; auth takes the next) and, where the benchmark uses it, `--in-flight N`.
public struct BenchOptions: Sendable {
    public var seconds: Double
    public var inFlight = 128
    public var dataFolder: URL
    public var port: Int

    /// Parses the program's arguments; prints the usage and exits with status 2 on a
    /// mistake. `maxSeconds` bounds the run.
    public static func parse(program: String, seconds: Double, maxSeconds: Double, port: Int, takesInFlight: Bool) -> BenchOptions {
        var options = BenchOptions(seconds: seconds, dataFolder: URL(fileURLWithPath: "./data/\(program)").standardizedFileURL,
                                   port: port)
        var rest = CommandLine.arguments.dropFirst()
        while let option = rest.popFirst() {
            let value = rest.popFirst()
            switch (option, value) {
            case ("--seconds", let value?) where Double(value).map({ $0 > 0 && $0 <= maxSeconds }) ?? false:
                options.seconds = Double(value) ?? seconds
            case ("--in-flight", let value?) where takesInFlight && (Int(value).map({ $0 > 0 }) ?? false):
                options.inFlight = Int(value) ?? options.inFlight
            case ("--data", let value?):
                options.dataFolder = URL(fileURLWithPath: value).standardizedFileURL
            case ("--port", let value?) where Int(value).map({ (1...65534).contains($0) }) ?? false:
                options.port = Int(value) ?? port
            default:
                print("usage: \(program) [--seconds S (at most \(maxSeconds))]\(takesInFlight ? " [--in-flight N]" : "")"
                      + " [--data DIR] [--port P]")
                exit(2)
            }
        }
        return options
    }
}
