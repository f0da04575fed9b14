import ServiceBench
import ServiceKit

/// One call the benchmark measures: which service answers it and the exact request
/// frame (method, token, payload) the load generator repeats. `measuresWork` says
/// whether it does a service's work (token check, SQLite, decryption, encoding) that
/// is also measured in-process for the stack overhead; Health/Check does none.
struct BenchCall {
    let label: String
    let service: ServiceName
    let frame: RequestFrame
    let measuresWork: Bool
}
