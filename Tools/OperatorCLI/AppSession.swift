import Foundation
import RPC

/// The tokens `sotay app` keeps after a login, in `./data/app-session.txt` (mode
/// 0600): the member's id, access token and refresh token, one `key=value` a line.
/// Staff commands call with the same access token, so they act with the grants of
/// whoever logged in.
struct AppSession {
    var file = URL(fileURLWithPath: "./data/app-session.txt").standardizedFileURL

    /// The saved values, or nil when nobody has logged in here.
    func values() -> [String: String]? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    /// The saved values, or an error telling how to log in.
    func required() throws -> [String: String] {
        guard let values = values() else {
            throw CLIError(description: "no session yet: `sotay app confirm` or `sotay app login-code` first")
        }
        return values
    }

    /// The authorization metadata of the saved access token; nil without a session.
    func accessMetadata() -> [String: String]? {
        values()?["access"].map { [MetadataKey.authorization: "Bearer " + $0] }
    }
}
