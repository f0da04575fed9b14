import RPC

/// The service under test: an async handler that returns its request.
struct EchoService: RPCService {
    static let path = "/sotay.bench.v1.Echo/Echo"

    var serviceName: String { "sotay.bench.v1.Echo" }

    var methods: [RPCMethod] {
        [RPCMethod.unary(path: EchoService.path) { (request: BenchMessage, _) in request }]
    }
}
