import Foundation

/// How the CLI prints an instant of the contracts (milliseconds since the epoch): ISO
/// 8601 in UTC, so a line means the same wherever the terminal is.
enum CLITime {
    static func text(_ ms: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(ms) / 1_000))
    }
}
