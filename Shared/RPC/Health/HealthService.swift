import RPCContracts
import Synchronization

/// Whether the server as a whole is serving: true until a shutdown begins.
final class HealthStatus: Sendable {
    private let serving = Atomic<Bool>(true)

    var isServing: Bool {
        get { serving.load(ordering: .acquiring) }
        set { serving.store(newValue, ordering: .releasing) }
    }
}

/// `sotay.rpc.v1.Health/Check`, served by every server (docs/architecture.md §4): SERVING while
/// running, NOT_SERVING once draining, so load balancers and the operator CLI move
/// callers to another replica. An empty service name asks about the whole server; a
/// name no registered service has is NOT_FOUND. It stays callable while the server
/// drains, so that probes can see NOT_SERVING. It answers from memory, so it is served
/// on the loop thread with no task (`RPCMethod.synchronousUnary`): a probe costs the
/// server as little as a call can.
struct HealthService: RPCService {
    static let serviceName = HealthMethod.serviceName
    static let checkPath = HealthMethod.check

    let knownServices: Set<String>
    let status: HealthStatus

    var serviceName: String { HealthService.serviceName }

    var methods: [RPCMethod] {
        [RPCMethod.synchronousUnary(path: HealthService.checkPath) { (request: HealthCheckRequest, _) in
            guard request.service.isEmpty || knownServices.contains(request.service) else {
                throw RPCError(.notFound, "no service named \(request.service.prefix(200)) on this server")
            }
            var response = HealthCheckResponse()
            response.status = status.isServing ? .serving : .notServing
            return response
        }]
    }
}
