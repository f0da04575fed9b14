import ServiceKit

/// One call the benchmarks make: which service answers it and the exact request
/// frame (method, token, payload) the load generator repeats. `measuresWork` says
/// whether it does a service's work (token check, SQLite, decryption, encoding) that
/// is also measured in-process for the stack overhead; Health/Check does none.
public struct BenchCall: Sendable {
    public let label: String
    public let service: ServiceName
    public let frame: RequestFrame
    public let measuresWork: Bool
}
