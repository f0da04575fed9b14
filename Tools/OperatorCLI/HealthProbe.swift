import RPC
import RPCContracts

/// Asks one server whether it serves: what `sotay health` prints and what `sotay up`
/// waits for.
enum HealthProbe {
    enum Answer: Equatable, CustomStringConvertible {
        case serving
        case notServing
        case unreachable(String)

        var description: String {
            switch self {
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING (draining)"
            case .unreachable(let why): "UNREACHABLE (\(why))"
            }
        }
    }

    static func check(_ channel: RPCChannel, timeout: Duration = .seconds(2)) async -> Answer {
        do {
            let response = try await channel.unary(
                path: HealthMethod.check, request: HealthCheckRequest(), response: HealthCheckResponse.self,
                idempotent: true, options: CallOptions(timeout: timeout))
            return response.status == .serving ? .serving : .notServing
        } catch {
            return .unreachable(error.description)
        }
    }
}
