import Foundation
import OrgSeed

/// bench-org's command line:
///
///   bench-org [--preset national|province] [--data DIR] [--seed N] [--calls N]
///             [--concurrency N] [--no-import]
struct BenchOptions {
    var preset = SeedPreset.national
    var folder = URL(fileURLWithPath: "./data/bench-org").standardizedFileURL
    var seed: UInt64 = 1
    var calls = 2_000
    var concurrency = 4
    var importRun = true

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ option: String) throws -> String {
            guard let value = rest.popFirst() else { throw BenchError(description: "\(option) needs a value") }
            return value
        }
        while let option = rest.popFirst() {
            switch option {
            case "--preset":
                guard let parsed = SeedPreset(rawValue: try value(option)) else {
                    throw BenchError(description: "--preset takes national or province")
                }
                preset = parsed
            case "--data": folder = URL(fileURLWithPath: try value(option)).standardizedFileURL
            case "--seed": seed = try Self.number(value(option), option)
            case "--calls": calls = Int(try Self.number(value(option), option))
            case "--concurrency": concurrency = max(1, Int(try Self.number(value(option), option)))
            case "--no-import": importRun = false
            default: throw BenchError(description: "unknown option \(option)")
            }
        }
    }

    private static func number(_ text: String, _ option: String) throws -> UInt64 {
        guard let number = UInt64(text), number > 0 else { throw BenchError(description: "\(option) takes a positive number") }
        return number
    }
}
